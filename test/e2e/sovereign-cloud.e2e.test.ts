import { AppProcesses, waitFor, type RunningApp as Running } from '../support/app-process';
import { randomBytes } from 'node:crypto';
import { startFakeAuthority, tokenBehaviour, type FakeAuthority } from '../support/fake-authority';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { authorizationOf, startFakeGraphHttps, type FakeGraphHttps } from '../support/fake-graph-https';
import { GET_BY_IDS_PATH, RUN_HUNTING_QUERY_PATH, graphBehaviour } from '../support/fake-graph';
import { messageActivity, post } from '../support/teams-activity';
import { createTestCertificate, type TestCertificate } from '../support/tls';
import { cardOf, extractionIdOf, tempDatabase, textOf } from './support';

/**
 * The whole `defender` path of the real process, token request included, with nothing mocked
 * in-process: the app (`node --import tsx src/index.ts`, as `npm start`) gets its Graph token from a
 * local HTTPS Entra authority stand-in through @azure/identity + MSAL, and calls a local HTTPS Graph
 * stand-in through @microsoft/microsoft-graph-client — the way a national cloud (AZURE_CLOUD=usgov,
 * or explicit GRAPH_BASE_URL / AZURE_AUTHORITY_HOST) is reached. The stand-ins' throwaway self-signed
 * certificate is trusted through NODE_EXTRA_CA_CERTS, which Node reads only at process start: hence
 * a child process rather than the in-process app.
 */

const GRAPH_TENANT_ID = '6a1e3c5b-7d9f-4b2a-8c4e-1f3a5b7c9d0e';
const GRAPH_CLIENT_ID = 'c2e4a6b8-0d1f-4a3c-9e5b-7d9f1b3d5f7a';
/** Shaped like an Entra client secret value; fresh per run so it can only appear in output by leaking. */
const GRAPH_CLIENT_SECRET = `Xq8Q~${randomBytes(27).toString('base64url')}`;

/** Settings a repo-root .env might set that this test must not inherit. */
const NEUTRALISED = [
  'MicrosoftAppId',
  'MicrosoftAppType',
  'MicrosoftAppTenantId',
  'MicrosoftAppPassword',
  'MicrosoftAppCertificateThumbprint',
  'MicrosoftAppCertificateKeyFile',
  'NODE_ENV',
  'HOST',
  'AZURE_CLOUD',
  'GRAPH_CLIENT_CERTIFICATE_PATH',
  'HUNTING_TIMEOUT_SECONDS',
  'LOCAL_DATA_FILE',
  'LOCAL_DATA_REBASE',
];

const apps = new AppProcesses();

describe('defender source end to end: real process, HTTPS Entra authority and Graph stand-ins, custom cloud endpoints', () => {
  let cert: TestCertificate;
  let authority: FakeAuthority;
  let graph: FakeGraphHttps;
  let connector: FakeConnector;

  beforeAll(async () => {
    cert = createTestCertificate();
    authority = await startFakeAuthority({ tls: cert, expectedClientSecret: GRAPH_CLIENT_SECRET });
    graph = await startFakeGraphHttps({ tls: cert });
    connector = await startFakeConnector();
  });
  afterEach(async () => {
    await apps.killAll();
    authority.reset();
    graph.reset();
    connector.calls.length = 0;
  });
  afterAll(async () => {
    await apps.killAll();
    await Promise.all([authority?.close(), graph?.close(), connector?.close()]);
    cert?.remove();
  });

  const environment = (extra: Record<string, string> = {}): Record<string, string> => ({
    // A developer's .env in the repo root is read under the real environment: blank out what could
    // change the outcome (an empty value counts as unset).
    ...Object.fromEntries(NEUTRALISED.map((name) => [name, ''])),
    PORT: '0',
    DATABASE_PATH: tempDatabase(),
    SEND_INTERVAL_MS: '0',
    PAGE_SIZE: '10',
    LOG_LEVEL: 'debug', // the most the app ever writes: the secret and the token must be absent from all of it
    NODE_EXTRA_CA_CERTS: cert.certPath,
    HUNTING_SOURCE: 'defender',
    GRAPH_AUTH: 'client-secret',
    GRAPH_TENANT_ID,
    GRAPH_CLIENT_ID,
    GRAPH_CLIENT_SECRET,
    GRAPH_BASE_URL: graph.url,
    AZURE_AUTHORITY_HOST: authority.url,
    ...extra,
  });

  const say = (app: Running, text: string): Promise<{ status: number }> => post(app.url, messageActivity(text, { serviceUrl: connector.url }));

  const pathOnly = (path: string): string => path.split('?')[0] ?? '';

  test('"secrets last 30d": client_credentials token from the authority, bearer call to runHuntingQuery, cards to the connector, no secret or token in the output', async () => {
    // AZURE_LOG_LEVEL=verbose: what an operator turns on to debug sign-in (@azure/identity and MSAL
    // logging to stderr) must not print the credential or the token either.
    const app = await apps.start(environment({ AZURE_LOG_LEVEL: 'verbose' }));
    expect(app.output()).toMatch(/"source":"defender"/);

    const res = await say(app, 'secrets last 30d');
    expect(res.status).toBe(200);
    // Acknowledgement, summary, one card per extraction on the first page, then a pager.
    const isPager = (content: unknown): boolean => /^Showing \d+–\d+ of \d+\.$/.test(textOf(content));
    await waitFor(() => connector.messages().some((m) => m.activity.attachments !== undefined && isPager(cardOf(m))), 'the pager card');

    // --- the authority: this tenant's OpenID configuration (no instance discovery), then one client_credentials request
    expect(authority.requests.map((r) => `${r.method} ${pathOnly(r.path)}`)).toEqual([
      `GET /${GRAPH_TENANT_ID}/v2.0/.well-known/openid-configuration`,
      `POST /${GRAPH_TENANT_ID}/oauth2/v2.0/token`,
    ]);
    const tokenRequest = authority.requests[1];
    expect(tokenRequest?.path).toMatch(/\?client-request-id=[0-9a-f-]{36}$/);
    expect(tokenRequest?.tenant).toBe(GRAPH_TENANT_ID);
    // The scope is derived from GRAPH_BASE_URL's origin, port included.
    expect(tokenRequest?.form).toMatchObject({ grant_type: 'client_credentials', client_id: GRAPH_CLIENT_ID, scope: `${graph.url}/.default` });
    expect(tokenRequest?.form?.fields).not.toContain('client_assertion');
    expect(tokenRequest?.clientSecret).toEqual({ sent: true, matches: true });
    expect(authority.issued).toHaveLength(1);
    const accessToken = authority.issued[0]?.accessToken ?? '';
    expect(accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    // --- Graph: exactly one runHuntingQuery POST, carrying the token the authority issued
    // (The directory lookup for names goes to the same stand-in, with the same token; it is not this test's subject.)
    const hunting = graph.requests.filter((r) => r.path === '/v1.0/security/runHuntingQuery');
    expect(hunting).toHaveLength(1);
    const call = hunting[0];
    expect(call?.method).toBe('POST');
    expect(call?.path).toBe(RUN_HUNTING_QUERY_PATH);
    expect(authorizationOf(call)).toBe(`Bearer ${accessToken}`);
    expect(call?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(call?.body).toEqual({ Query: expect.stringContaining('| where Timestamp > ago(30d)'), Timespan: 'P30D' });

    // --- the conversation: acknowledgement, summary, a page of extraction cards, pager
    const messages = connector.messages();
    expect(messages[0]?.activity.text).toMatch(/^Running the hunting query for secret extractions in the last 30 days/);
    expect(messages[0]?.activity.text).not.toMatch(/sample data/i);
    const [summary, ...rest] = messages.slice(1).map(cardOf);
    expect(textOf(summary)).toMatch(/API Management secret extractions/);
    expect(textOf(summary)).not.toMatch(/Sample data/);
    expect(rest.filter((c) => extractionIdOf(c) !== undefined)).toHaveLength(10);
    expect(textOf(rest[rest.length - 1])).toMatch(/^Showing 1–10 of \d+\.$/);

    // --- nothing secret in anything the process wrote (stdout and stderr, LOG_LEVEL=debug, AZURE_LOG_LEVEL=verbose)
    const output = app.output();
    expect(output).toMatch(/SecretWatch listening/); // the capture works: stdout…
    expect(output).toMatch(/azure:identity:info ClientSecretCredential/); // …and stderr
    expect(output).not.toContain(GRAPH_CLIENT_SECRET);
    expect(output).not.toContain(accessToken);
    expect(output).not.toContain(accessToken.split('.')[2] ?? accessToken); // not even the signature part
    expect(output).not.toMatch(/Bearer /);
  }, 60_000);

  test('a full run with a client secret in config and a Graph 401: every log line is JSON with a requestId per turn, and no secret or bearer token anywhere', async () => {
    graph.setDefault(graphBehaviour.unauthorized());
    const app = await apps.start(environment({ AZURE_LOG_LEVEL: 'verbose' }));
    expect((await say(app, 'secrets last 30d')).status).toBe(200);
    await waitFor(() => connector.messages().length >= 2, 'the acknowledgement and the error card');
    expect(textOf(cardOf(connector.messages()[1]))).toMatch(/HUNTING_UNAUTHORIZED/);
    expect(graph.requests.some((r) => r.path === RUN_HUNTING_QUERY_PATH && r.answeredWith === 'error')).toBe(true);
    const accessToken = authority.issued[0]?.accessToken ?? '';
    expect(accessToken).not.toBe('');

    const output = app.output();
    for (const secret of [GRAPH_CLIENT_SECRET, accessToken, accessToken.split('.')[2] ?? accessToken]) expect(output).not.toContain(secret);
    expect(output).not.toMatch(/Bearer /i);
    expect(output).not.toMatch(/eyJ[\w-]+\.eyJ/); // no JWT of any kind
    // Our own lines (stdout) are JSON; the turn's lines and its background job's share one requestId.
    const ours = output.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const failed = ours.find((l) => l['msg'] === 'hunting query failed');
    expect(failed).toMatchObject({ level: 'warn', code: 'HUNTING_UNAUTHORIZED', activityType: 'message' });
    expect(failed?.['requestId']).toMatch(/^[0-9a-f-]{36}$/);
    expect(ours.filter((l) => l['requestId'] === failed?.['requestId']).length).toBeGreaterThan(1);
  }, 60_000);

  /** Starts the app with an authority that refuses the secret, asks for secrets, returns the error card's text. */
  async function refusedSecret(): Promise<{ app: Running; errorCard: string }> {
    authority.setDefault(tokenBehaviour.invalidClient());
    const app = await apps.start(environment());
    expect((await say(app, 'secrets last 30d')).status).toBe(200);
    await waitFor(() => connector.messages().length >= 2, 'the acknowledgement and the error card');
    return { app, errorCard: textOf(cardOf(connector.messages()[1])) };
  }

  test('the authority refuses the client secret (401 invalid_client): an error card, no Graph call, and the process keeps serving', async () => {
    const { app, errorCard } = await refusedSecret();
    expect(errorCard).toMatch(/The hunting query failed/);
    expect(errorCard).toMatch(/Error HUNTING_[A-Z_]+ at /);
    expect(errorCard).toMatch(/HUNTING_UNAUTHORIZED/);
    expect(errorCard).not.toMatch(/AADSTS/); // Entra's details go to the log, not to the chat
    expect(connector.messages()).toHaveLength(2); // nothing after the error card
    expect(authority.requests.map((r) => `${r.method} ${pathOnly(r.path)} ${r.answeredWith}`)).toEqual([
      `GET /${GRAPH_TENANT_ID}/v2.0/.well-known/openid-configuration openid-configuration`,
      `POST /${GRAPH_TENANT_ID}/oauth2/v2.0/token token-error`,
    ]);
    expect(authority.requests[1]?.form).toMatchObject({ grant_type: 'client_credentials', client_id: GRAPH_CLIENT_ID });
    expect(authority.issued).toEqual([]);
    expect(graph.requests).toEqual([]); // no token, no Graph call

    connector.calls.length = 0;
    expect((await say(app, 'help')).status).toBe(200);
    await waitFor(() => connector.messages().length >= 1, 'the help card');
    expect(textOf(cardOf(connector.messages()[0]))).toMatch(/I look for Azure API Management secret extractions/);
    expect(app.child.exitCode).toBeNull();
    expect(app.output()).not.toContain(GRAPH_CLIENT_SECRET);
    expect(errorCard).not.toContain(GRAPH_CLIENT_SECRET);
  }, 60_000);

  /** A refused credential arrives as GraphError statusCode -1, code AuthenticationRequiredError: still an authentication failure. */
  test('a refused client secret is reported as HUNTING_UNAUTHORIZED with the credentials hint', async () => {
    const { errorCard } = await refusedSecret();
    expect(errorCard).toMatch(/HUNTING_UNAUTHORIZED/);
    expect(errorCard).toMatch(/credentials/);
  }, 60_000);

  /** Asks for `secrets last 30d` and waits for the pager (the last card of the reply); returns the reply's cards. */
  async function askSecrets(app: Running): Promise<Array<Record<string, unknown>>> {
    connector.calls.length = 0;
    expect((await say(app, 'secrets last 30d')).status).toBe(200);
    await waitFor(() => connector.messages().some((m) => m.activity.attachments !== undefined && /^Showing \d+–\d+ of \d+\.$/.test(textOf(cardOf(m)))), 'the pager card');
    return connector.messages().filter((m) => m.activity.attachments !== undefined).map(cardOf);
  }

  test('names from Graph: one getByIds call (with the token) per reply names every card; the second reply makes no directory call', async () => {
    graph.serveDirectory({ kind: 'fixture' });
    const app = await apps.start(environment());
    const [summary, ...cards] = await askSecrets(app);
    const lookups = graph.requests.filter((r) => r.path === GET_BY_IDS_PATH);
    expect(lookups).toHaveLength(1);
    expect(authorizationOf(lookups[0])).toBe(`Bearer ${authority.issued[0]?.accessToken ?? 'none'}`);
    const asked = (lookups[0]?.body as { ids: string[]; types: string[] }) ?? { ids: [], types: [] };
    expect(asked.types).toEqual(['user', 'servicePrincipal']);
    expect(new Set(asked.ids).size).toBe(asked.ids.length);
    expect(textOf(summary)).not.toMatch(/Names could not be looked up/);
    const extractionCards = cards.filter((c) => extractionIdOf(c) !== undefined);
    expect(extractionCards.length).toBeGreaterThan(0);
    for (const card of extractionCards) {
      expect(textOf(card)).toMatch(/Adele Vance|Alex Wilber|Megan Bowen|Diego Siciliani|Lynne Robbins|service principal sp-contoso-apim-config-backup/);
      expect(textOf(card)).not.toMatch(/\| principal [0-9a-f-]{36}/);
    }

    await askSecrets(app);
    expect(graph.requests.filter((r) => r.path === GET_BY_IDS_PATH)).toHaveLength(1); // cached (DIRECTORY_CACHE_SECONDS)
  }, 60_000);

  test('a 403 from getByIds (no directory permission): the reply still comes, cards show object ids, the summary says why', async () => {
    graph.serveDirectory({ kind: 'error', status: 403, code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' });
    const app = await apps.start(environment());
    const [summary, ...cards] = await askSecrets(app);
    expect(graph.requests.filter((r) => r.path === GET_BY_IDS_PATH && r.answeredWith === 'directory')).toHaveLength(1);
    expect(textOf(summary)).toMatch(/Names could not be looked up in the directory right now: cards show object ids/);
    const extractionCards = cards.filter((c) => extractionIdOf(c) !== undefined);
    expect(extractionCards.length).toBeGreaterThan(0);
    for (const card of extractionCards) expect(textOf(card)).toMatch(/\| principal [0-9a-f-]{36} \|/);
    expect(app.output()).toMatch(/"msg":"directory lookup failed: showing ids"/);
  }, 60_000);
});
