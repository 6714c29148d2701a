import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestCertificate } from './tls';
import { readBody } from './http';

/**
 * A local HTTPS stand-in for a Microsoft Entra ID authority host (login.microsoftonline.com or a
 * national cloud's), answering what @azure/identity's ClientSecretCredential (MSAL node) asks of an
 * authority with `disableInstanceDiscovery: true`:
 *
 *   GET  /{tenant}/v2.0/.well-known/openid-configuration   endpoints pointing back at this server
 *   POST /{tenant}/oauth2/v2.0/token                        client_credentials grant
 *
 * Every request is recorded, but never a credential: the form's client_secret (and client_assertion)
 * are reduced to "was it sent, did it match". Anything else is answered 404 and recorded, so a test
 * sees exactly which requests MSAL made.
 */

export interface AuthorityRequest {
  readonly method: string;
  /** Path and query string. */
  readonly path: string;
  /** The first path segment (the tenant the client asked for). */
  readonly tenant: string | undefined;
  /** What the fake answered with: 'openid-configuration', 'token', 'token-error' or 'not-found'. */
  readonly answeredWith: 'openid-configuration' | 'token' | 'token-error' | 'not-found';
  /** Token requests only: the non-secret form fields. */
  readonly form?: {
    readonly grant_type: string | undefined;
    readonly client_id: string | undefined;
    readonly scope: string | undefined;
    /** Names of every form field sent (values of secret fields are never kept). */
    readonly fields: readonly string[];
  };
  /** Token requests only: whether client_secret was present, and whether it equalled the expected one. */
  readonly clientSecret?: { readonly sent: boolean; readonly matches: boolean };
}

export type TokenBehaviour =
  /** 200 with a fresh JWT-shaped access token. */
  | { readonly kind: 'ok' }
  /** An OAuth error body as Entra sends it. */
  | { readonly kind: 'error'; readonly status: number; readonly error: string; readonly errorCode: number; readonly description: string };

export const tokenBehaviour = {
  ok: (): TokenBehaviour => ({ kind: 'ok' }),
  /** What Entra answers for a wrong or expired client secret. */
  invalidClient: (): TokenBehaviour => ({
    kind: 'error',
    status: 401,
    error: 'invalid_client',
    errorCode: 7000215,
    description:
      'AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app.',
  }),
} as const;

export interface IssuedToken {
  readonly accessToken: string;
  readonly tenant: string | undefined;
  readonly clientId: string | undefined;
  readonly scope: string | undefined;
}

export interface FakeAuthority {
  /** https://127.0.0.1:PORT — pass as AZURE_AUTHORITY_HOST. */
  readonly url: string;
  readonly requests: readonly AuthorityRequest[];
  /** Access tokens handed out, in order. */
  readonly issued: readonly IssuedToken[];
  /** Queue one-shot behaviours for the next token requests. */
  reply(...behaviours: TokenBehaviour[]): void;
  /** Behaviour once the queue is empty (initially ok). */
  setDefault(behaviour: TokenBehaviour): void;
  reset(): void;
  close(): Promise<void>;
}

export interface FakeAuthorityOptions {
  readonly tls: Pick<TestCertificate, 'key' | 'cert'>;
  /** The secret a correct client sends; only compared, never stored or printed. */
  readonly expectedClientSecret?: string;
}

const OPENID_PATH = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/i;
const TOKEN_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/token$/i;

export async function startFakeAuthority(options: FakeAuthorityOptions): Promise<FakeAuthority> {
  const requests: AuthorityRequest[] = [];
  const issued: IssuedToken[] = [];
  const queue: TokenBehaviour[] = [];
  let fallback: TokenBehaviour = tokenBehaviour.ok();
  let base = '';

  const server: Server = createServer({ key: options.tls.key, cert: options.tls.cert }, (req, res) => {
    readBody(req).then(
      (raw) => handle(req, raw, res),
      () => res.destroy(),
    );
  });

  function handle(req: IncomingMessage, raw: string, res: ServerResponse): void {
    const method = req.method ?? '';
    const path = req.url ?? '';
    const pathname = path.split('?')[0] ?? '';
    const tenant = pathname.split('/').filter(Boolean)[0];

    const openid = OPENID_PATH.exec(pathname);
    if (method === 'GET' && openid !== null) {
      requests.push({ method, path, tenant, answeredWith: 'openid-configuration' });
      sendJson(res, 200, openIdConfiguration(base, openid[1] ?? ''));
      return;
    }

    const token = TOKEN_PATH.exec(pathname);
    if (method === 'POST' && token !== null) {
      const form = new URLSearchParams(raw);
      const secret = form.get('client_secret');
      const recorded = {
        grant_type: form.get('grant_type') ?? undefined,
        client_id: form.get('client_id') ?? undefined,
        scope: form.get('scope') ?? undefined,
        fields: [...new Set(form.keys())],
      };
      const clientSecret = { sent: secret !== null, matches: secret !== null && secret === options.expectedClientSecret };
      const behaviour = queue.shift() ?? fallback;
      if (behaviour.kind === 'error') {
        requests.push({ method, path, tenant, answeredWith: 'token-error', form: recorded, clientSecret });
        const traceId = randomUUID();
        const correlationId = form.get('client-request-id') ?? header(req, 'client-request-id') ?? randomUUID();
        const timestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z').replace('T', ' ');
        sendJson(res, behaviour.status, {
          error: behaviour.error,
          error_description: `${behaviour.description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
          error_codes: [behaviour.errorCode],
          timestamp,
          trace_id: traceId,
          correlation_id: correlationId,
          error_uri: `${base}/error?code=${behaviour.errorCode}`,
        });
        return;
      }
      requests.push({ method, path, tenant, answeredWith: 'token', form: recorded, clientSecret });
      const accessToken = jwtLike({ tenant: token[1] ?? '', clientId: recorded.client_id, scope: recorded.scope, issuer: base });
      issued.push({ accessToken, tenant: token[1], clientId: recorded.client_id, scope: recorded.scope });
      sendJson(res, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken });
      return;
    }

    requests.push({ method, path, tenant, answeredWith: 'not-found' });
    sendJson(res, 404, { error: 'not_found', error_description: `The fake authority does not serve ${method} ${pathname}.` });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  base = `https://127.0.0.1:${port}`;

  let closed: Promise<void> | undefined;
  return {
    url: base,
    requests,
    issued,
    reply: (...behaviours) => void queue.push(...behaviours),
    setDefault: (behaviour) => {
      fallback = behaviour;
    },
    reset: () => {
      requests.length = 0;
      issued.length = 0;
      queue.length = 0;
      fallback = tokenBehaviour.ok();
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

/** The v2.0 OpenID configuration Entra publishes per tenant, with every endpoint on this host. */
function openIdConfiguration(base: string, tenant: string): Record<string, unknown> {
  const t = `${base}/${tenant}`;
  return {
    token_endpoint: `${t}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${t}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${t}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${base}/oidc/userinfo`,
    authorization_endpoint: `${t}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${t}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${t}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'tid', 'oid'],
    kerberos_endpoint: `${t}/kerberos`,
    tenant_region_scope: 'NA',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
    rbac_url: 'https://pas.windows.net',
  };
}

/** header.payload.signature, base64url, shaped like an Entra app-only access token (not verifiable: nothing checks it). */
function jwtLike(claims: { tenant: string; clientId: string | undefined; scope: string | undefined; issuer: string }): string {
  const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const audience = claims.scope?.replace(/\/\.default$/, '');
  return [
    b64({ typ: 'JWT', alg: 'RS256', kid: 'fake-authority' }),
    b64({
      aud: audience,
      iss: `${claims.issuer}/${claims.tenant}/v2.0`,
      iat: now,
      nbf: now,
      exp: now + 3599,
      appid: claims.clientId,
      idtyp: 'app',
      roles: ['ThreatHunting.Read.All'],
      tid: claims.tenant,
      uti: randomUUID(),
      ver: '1.0',
    }),
    randomBytes(32).toString('base64url'),
  ].join('.');
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store, no-cache',
    'x-ms-request-id': randomUUID(),
  });
  res.end(text);
}
