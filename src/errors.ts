/**
 * Stable error codes. Users see the code on error cards and operators grep logs for it,
 * so a code never changes meaning once shipped.
 */
export const ErrorCode = {
  ConfigInvalid: 'CONFIG_INVALID',
  HuntingBadQuery: 'HUNTING_BAD_QUERY',
  HuntingUnauthorized: 'HUNTING_UNAUTHORIZED',
  HuntingForbidden: 'HUNTING_FORBIDDEN',
  HuntingThrottled: 'HUNTING_THROTTLED',
  HuntingTimeout: 'HUNTING_TIMEOUT',
  HuntingUnavailable: 'HUNTING_UNAVAILABLE',
  HuntingBadResponse: 'HUNTING_BAD_RESPONSE',
  LocalDataInvalid: 'LOCAL_DATA_INVALID',
  StoreFailed: 'STORE_FAILED',
  ActionInvalid: 'ACTION_INVALID',
  ActorUnknown: 'ACTOR_UNKNOWN',
  ExtractionUnknown: 'EXTRACTION_UNKNOWN',
  ResultsExpired: 'RESULTS_EXPIRED',
  RateLimited: 'RATE_LIMITED',
  PrincipalNotFound: 'PRINCIPAL_NOT_FOUND',
  PrincipalAmbiguous: 'PRINCIPAL_AMBIGUOUS',
  DirectoryUnavailable: 'DIRECTORY_UNAVAILABLE',
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface AppErrorDetails {
  /** What the user should do next; shown on the error card. */
  readonly hint?: string;
  /** Seconds after which retrying makes sense (429). */
  readonly retryAfterSeconds?: number;
  /** Upstream request id (Graph request-id) for support tickets. */
  readonly upstreamRequestId?: string;
  readonly cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly upstreamRequestId: string | undefined;

  constructor(code: ErrorCode, message: string, details: AppErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'AppError';
    this.code = code;
    this.hint = details.hint;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.upstreamRequestId = details.upstreamRequestId;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Any thrown value as an AppError, so the edge has one shape to render. */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return e;
  // The internal message stays in the logs (as the cause); users get a plain sentence.
  return new AppError(ErrorCode.Internal, 'SecretWatch hit an unexpected problem and could not finish this request.', {
    hint: 'Try again. If it keeps happening, give the error code and time to your SecretWatch administrator.',
    cause: e,
  });
}
