import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { readBody } from './http';

/**
 * A local stand-in for Microsoft Graph `POST /v1.0/security/runHuntingQuery` (plain HTTP on 127.0.0.1).
 * It records every request and answers each runHuntingQuery call with the next scripted behaviour,
 * in Graph's own wire format (error envelope, request-id headers).
 *
 * Note: @microsoft/microsoft-graph-client only adds `Authorization` (and its telemetry headers) for
 * https:// URLs, so requests from the real SDK to this http:// server carry no bearer token.
 */

export const RUN_HUNTING_QUERY_PATH = '/v1.0/security/runHuntingQuery';

export const SEED_PROJECTION_FIXTURE = join(__dirname, '..', 'fixtures', 'graph', 'runHuntingQuery.seed-projection.json');
export const GET_BY_IDS_FIXTURE = join(__dirname, '..', 'fixtures', 'graph', 'directoryObjects.getByIds.json');
export const GET_BY_IDS_PATH = '/v1.0/directoryObjects/getByIds';

/** How `POST /directoryObjects/getByIds` is answered: not at all (400, no such segment), from the fixture, or with a Graph error. */
export type DirectoryBehaviour = { readonly kind: 'absent' } | { readonly kind: 'fixture' } | { readonly kind: 'error'; readonly status: number; readonly code: string; readonly message: string };

/** The default success body: the seed-projection fixture, parsed fresh on every call. */
export function seedProjectionBody(): unknown {
  return JSON.parse(readFileSync(SEED_PROJECTION_FIXTURE, 'utf8')) as unknown;
}

export type FakeGraphBehaviour =
  /** 200 with this JSON body (default: the seed-projection fixture). */
  | { readonly kind: 'ok'; readonly body?: unknown }
  /** An error status with Graph's envelope `{"error":{"code","message","innerError":{…}}}` and a request-id header. */
  | {
      readonly kind: 'error';
      readonly status: number;
      readonly code: string;
      readonly message: string;
      /** Sent as the Retry-After header when set. */
      readonly retryAfter?: string;
      /** request-id to answer with (header and innerError); random when omitted. */
      readonly requestId?: string;
    }
  /** Any status with a literal body (an HTML error page from a proxy, truncated JSON, …). */
  | { readonly kind: 'raw'; readonly status: number; readonly contentType: string; readonly body: string }
  /** Never answers; the socket is destroyed by close(). */
  | { readonly kind: 'hang' };

/** Ready-made behaviours with the codes and messages Graph really uses. */
export const graphBehaviour = {
  ok: (body?: unknown): FakeGraphBehaviour => (body === undefined ? { kind: 'ok' } : { kind: 'ok', body }),
  error: (status: number, code: string, message: string, extra: { retryAfter?: string; requestId?: string } = {}): FakeGraphBehaviour => ({
    kind: 'error',
    status,
    code,
    message,
    ...extra,
  }),
  badQuery: (kustoMessage = "'where' operator: Failed to resolve column or scalar expression named 'OperationNam'"): FakeGraphBehaviour =>
    graphBehaviour.error(400, 'BadRequest', kustoMessage),
  unauthorized: (): FakeGraphBehaviour =>
    graphBehaviour.error(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.'),
  forbidden: (): FakeGraphBehaviour =>
    graphBehaviour.error(403, 'Forbidden', 'Missing application roles. API required roles: ThreatHunting.Read.All.'),
  /** 429; with `retryAfterSeconds` a Retry-After header is sent, without it none (Graph does not promise one). */
  throttled: (retryAfterSeconds?: number): FakeGraphBehaviour =>
    graphBehaviour.error(
      429,
      'TooManyRequests',
      'Query execution has exceeded the allowed limits. The query used too many resources. Try again later.',
      retryAfterSeconds === undefined ? {} : { retryAfter: String(retryAfterSeconds) },
    ),
  unknownError: (): FakeGraphBehaviour => graphBehaviour.error(500, 'UnknownError', ''),
  raw: (status: number, contentType: string, body: string): FakeGraphBehaviour => ({ kind: 'raw', status, contentType, body }),
  hang: (): FakeGraphBehaviour => ({ kind: 'hang' }),
} as const;

export interface RecordedRequest {
  readonly method: string;
  /** Path and query string, e.g. /v1.0/security/runHuntingQuery. */
  readonly path: string;
  /** Node's lower-cased header map. */
  readonly headers: IncomingHttpHeaders;
  /** Parsed JSON body; the raw text when it is not JSON; undefined when empty. */
  readonly body: unknown;
  /** The request-id the fake answered with (undefined for a hang). */
  readonly requestId: string | undefined;
  /** The behaviour applied, 'route' when the request matched no endpoint, 'directory' for getByIds. */
  readonly answeredWith: FakeGraphBehaviour['kind'] | 'route' | 'directory';
}

export interface FakeGraph {
  /** http://127.0.0.1:PORT — pass as the Graph base URL. */
  readonly url: string;
  /** Every request received, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /** Queue one-shot behaviours for the next runHuntingQuery calls, in order. */
  reply(...behaviours: FakeGraphBehaviour[]): void;
  /** The behaviour used once the queue is empty (initially: ok with the fixture). */
  setDefault(behaviour: FakeGraphBehaviour): void;
  /** Answer getByIds (default: absent, a 400 as for any unknown segment). */
  serveDirectory(behaviour: DirectoryBehaviour): void;
  /** Forget requests, queued behaviours, the default and the directory behaviour. */
  reset(): void;
  /** Stop listening and destroy every socket, hanging ones included. Idempotent. */
  close(): Promise<void>;
}

export async function startFakeGraph(options: { readonly defaultBehaviour?: FakeGraphBehaviour } = {}): Promise<FakeGraph> {
  const initialDefault = options.defaultBehaviour ?? graphBehaviour.ok();
  const requests: RecordedRequest[] = [];
  const queue: FakeGraphBehaviour[] = [];
  let fallback = initialDefault;
  let directory: DirectoryBehaviour = { kind: 'absent' };

  const server = createServer((req, res) => {
    readBody(req).then(
      (raw) => handle(req, raw, res),
      () => res.destroy(),
    );
  });

  function handle(req: IncomingMessage, raw: string, res: ServerResponse): void {
    const method = req.method ?? '';
    const path = req.url ?? '';
    const body = parseBody(raw);
    const record = (requestId: string | undefined, answeredWith: RecordedRequest['answeredWith']): void => {
      requests.push({ method, path, headers: req.headers, body: body.value, requestId, answeredWith });
    };
    const clientRequestId = header(req.headers, 'client-request-id') ?? randomUUID();
    const pathname = path.split('?')[0] ?? '';

    if (pathname === GET_BY_IDS_PATH && method === 'POST' && directory.kind !== 'absent') {
      const requestId = randomUUID();
      record(requestId, 'directory');
      if (directory.kind === 'error') return sendError(res, directory.status, directory.code, directory.message, requestId, clientRequestId);
      const ids = new Set(((body.value as { ids?: unknown } | undefined)?.ids as string[] | undefined) ?? []);
      const fixture = JSON.parse(readFileSync(GET_BY_IDS_FIXTURE, 'utf8')) as { value: Array<{ id: string }> };
      return send(res, 200, { ...fixture, value: fixture.value.filter((o) => ids.has(o.id)) }, requestId, clientRequestId, { 'content-type': 'application/json;odata.metadata=minimal;charset=utf-8' });
    }
    if (pathname.toLowerCase() !== RUN_HUNTING_QUERY_PATH.toLowerCase()) {
      const requestId = randomUUID();
      record(requestId, 'route');
      const segment = pathname.split('/').filter(Boolean).slice(1).join('/') || pathname;
      sendError(res, 400, 'BadRequest', `Resource not found for the segment '${segment}'.`, requestId, clientRequestId);
      return;
    }
    if (method !== 'POST') {
      const requestId = randomUUID();
      record(requestId, 'route');
      sendError(res, 405, 'Request_BadRequest', 'The requested resource does not support http method.', requestId, clientRequestId);
      return;
    }
    if (!body.ok) {
      const requestId = randomUUID();
      record(requestId, 'route');
      sendError(
        res,
        400,
        'BadRequest',
        'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
        requestId,
        clientRequestId,
      );
      return;
    }

    const behaviour = queue.shift() ?? fallback;
    switch (behaviour.kind) {
      case 'hang':
        record(undefined, 'hang');
        return; // never answer; close() destroys the socket
      case 'ok': {
        const requestId = randomUUID();
        record(requestId, 'ok');
        send(res, 200, behaviour.body === undefined ? seedProjectionBody() : behaviour.body, requestId, clientRequestId, {
          'content-type': 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
        });
        return;
      }
      case 'raw': {
        const requestId = randomUUID();
        record(requestId, 'raw');
        res.writeHead(behaviour.status, {
          'content-type': behaviour.contentType,
          'content-length': Buffer.byteLength(behaviour.body),
          'request-id': requestId,
          'client-request-id': clientRequestId,
        });
        res.end(behaviour.body);
        return;
      }
      case 'error': {
        const requestId = behaviour.requestId ?? randomUUID();
        record(requestId, 'error');
        sendError(res, behaviour.status, behaviour.code, behaviour.message, requestId, clientRequestId, behaviour.retryAfter);
        return;
      }
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply: (...behaviours) => void queue.push(...behaviours),
    setDefault: (behaviour) => {
      fallback = behaviour;
    },
    serveDirectory: (behaviour) => {
      directory = behaviour;
    },
    reset: () => {
      requests.length = 0;
      queue.length = 0;
      fallback = initialDefault;
      directory = { kind: 'absent' };
    },
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

function parseBody(raw: string): { ok: boolean; value: unknown } {
  if (raw === '') return { ok: false, value: undefined };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false, value: raw };
  }
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  requestId: string,
  clientRequestId: string,
  headers: Readonly<Record<string, string>>,
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-length': Buffer.byteLength(text),
    'request-id': requestId,
    'client-request-id': clientRequestId,
    'x-ms-ags-diagnostic': JSON.stringify({ ServerInfo: { DataCenter: 'Local', Slice: 'E', Ring: '0', ScaleUnit: '000', RoleInstance: 'fake-graph' } }),
  });
  res.end(text);
}

function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  requestId: string,
  clientRequestId: string,
  retryAfter?: string,
): void {
  const envelope = {
    error: {
      code,
      message,
      innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': requestId, 'client-request-id': clientRequestId },
    },
  };
  send(res, status, envelope, requestId, clientRequestId, {
    'content-type': 'application/json',
    ...(retryAfter !== undefined && { 'retry-after': retryAfter }),
  });
}
