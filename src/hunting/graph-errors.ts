import { AppError, ErrorCode } from '../errors';
import { inSecondsOrMinutes } from '../util/text';

/** The fields of @microsoft/microsoft-graph-client's GraphError that we read (duck-typed: no SDK type here). */
interface GraphErrorLike {
  readonly statusCode?: number;
  readonly code?: string | null;
  readonly message?: string;
  readonly requestId?: string | null;
  readonly headers?: { get(name: string): string | null };
}

/** Turns a Graph failure into a coded AppError that tells the user what to do. */
export function huntingErrorFromGraph(e: unknown): AppError {
  const g = (typeof e === 'object' && e !== null ? e : {}) as GraphErrorLike;
  const status = g.statusCode ?? 0;
  const upstream = (g.message ?? '').slice(0, 500);
  const base = g.requestId ? { upstreamRequestId: g.requestId, cause: e } : { cause: e };
  switch (true) {
    case status === 400:
      return new AppError(ErrorCode.HuntingBadQuery, `Defender rejected the hunting query: ${upstream}`, {
        ...base,
        hint: 'This is a SecretWatch bug or a change in the CloudAuditEvents schema: tell your SecretWatch administrator.',
      });
    // A refused token request (bad secret, expired certificate, no managed identity) reaches us from
    // @azure/identity wrapped by the Graph client with no HTTP status: it is still an authentication failure.
    case status === 401 || AUTH_ERROR_CODES.has(g.code ?? ''):
      return new AppError(ErrorCode.HuntingUnauthorized, 'SecretWatch could not authenticate to Microsoft Graph.', {
        ...base,
        hint: "An administrator should check the bot's Graph credentials (client secret, certificate or managed identity).",
      });
    case status === 403:
      return new AppError(ErrorCode.HuntingForbidden, 'Microsoft Graph refused the hunting query (403 Forbidden).', {
        ...base,
        hint: 'An administrator must grant the application permission ThreatHunting.Read.All and give admin consent.',
      });
    case status === 429: {
      const retryAfterSeconds = retryAfter(g.headers);
      return new AppError(ErrorCode.HuntingThrottled, "Defender's hunting quota for this tenant is used up for now.", {
        ...base,
        ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
        hint:
          retryAfterSeconds !== undefined
            ? `Try again in ${inSecondsOrMinutes(retryAfterSeconds)}.`
            : 'Try again in a few minutes (the quota resets every 15 minutes).',
      });
    }
    case (status >= 200 && status < 300) || e instanceof SyntaxError || g.code === 'SyntaxError':
      // Graph answered, but not with JSON we could read.
      return new AppError(ErrorCode.HuntingBadResponse, 'The hunting service answered with a body SecretWatch could not read.', {
        ...base,
        hint: 'Try again in a minute. If it persists, tell your SecretWatch administrator.',
      });
    case status === 504 || g.code === 'TimeoutError' || g.code === 'AbortError':
      return timeoutError(e);
    case status >= 500:
      return new AppError(ErrorCode.HuntingUnavailable, `The hunting service failed (HTTP ${status}).`, {
        ...base,
        hint: 'Try again in a minute. If it persists, check the Microsoft 365 service health page.',
      });
    default:
      return new AppError(ErrorCode.HuntingUnavailable, `Could not reach the hunting service: ${upstream || 'no answer'}.`, {
        ...base,
        hint: 'Try again in a minute. If it persists, an administrator should check the network path to Microsoft Graph.',
      });
  }
}

const AUTH_ERROR_CODES: ReadonlySet<string> = new Set(['AuthenticationRequiredError', 'CredentialUnavailableError', 'AuthenticationError']);

export function timeoutError(cause?: unknown): AppError {
  return new AppError(ErrorCode.HuntingTimeout, 'The hunting query took too long and was stopped.', {
    cause,
    hint: 'Try a shorter window, for example "secrets last 24h".',
  });
}

function retryAfter(headers: GraphErrorLike['headers']): number | undefined {
  const value = headers?.get('retry-after');
  if (value === null || value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
