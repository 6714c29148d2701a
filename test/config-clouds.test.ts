import { ConfigError, loadConfig, type Config } from '../src/config';

/** AZURE_CLOUD: which Microsoft Graph and Entra authority the defender source talks to. */

const TENANT = '4f1c2b3a-6d5e-4a7b-8c9d-0e1f2a3b4c5d';
const CLIENT = '11111111-2222-4333-8444-555555555555';
const defender = { GRAPH_TENANT_ID: TENANT, GRAPH_CLIENT_ID: CLIENT, GRAPH_CLIENT_SECRET: 'graph-secret' };

function endpoints(env: Record<string, string>): { graphBaseUrl: string; authorityHost: string } {
  const h: Config['hunting'] = loadConfig({ ...defender, ...env }).hunting;
  if (h.source !== 'defender') throw new Error(`expected the defender source, got ${h.source}`);
  return { graphBaseUrl: h.graphBaseUrl, authorityHost: h.authorityHost };
}

function refusal(env: Record<string, string>): ConfigError {
  try {
    loadConfig({ ...defender, ...env });
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('AZURE_CLOUD', () => {
  test.each([
    ['unset (global)', {}, 'https://graph.microsoft.com', 'https://login.microsoftonline.com'],
    ['global', { AZURE_CLOUD: 'global' }, 'https://graph.microsoft.com', 'https://login.microsoftonline.com'],
    ['usgov (GCC High, L4)', { AZURE_CLOUD: 'usgov' }, 'https://graph.microsoft.us', 'https://login.microsoftonline.us'],
    ['usgovdod (DoD, L5)', { AZURE_CLOUD: 'usgovdod' }, 'https://dod-graph.microsoft.us', 'https://login.microsoftonline.us'],
  ])('%s → its Graph and authority', (_name, env, graphBaseUrl, authorityHost) => {
    expect(endpoints(env)).toEqual({ graphBaseUrl, authorityHost });
  });

  test('china is refused, naming AZURE_CLOUD and the missing runHuntingQuery API', () => {
    const e = refusal({ AZURE_CLOUD: 'china' });
    expect(e.setting).toBe('AZURE_CLOUD');
    expect(e.message).toMatch(/AZURE_CLOUD/);
    expect(e.message).toMatch(/runHuntingQuery/);
    expect(e.code).toBe('CONFIG_INVALID');
  });

  test('an unknown cloud is refused, naming AZURE_CLOUD and the allowed values', () => {
    const e = refusal({ AZURE_CLOUD: 'germany' });
    expect(e.setting).toBe('AZURE_CLOUD');
    expect(e.message).toMatch(/global, usgov, usgovdod, china/);
    expect(e.message).toMatch(/"germany"/);
  });

  test('china does not stop the local source (the cloud only matters for defender)', () => {
    expect(loadConfig({ AZURE_CLOUD: 'china' }).hunting.source).toBe('local');
  });

  test('an explicit GRAPH_BASE_URL overrides the cloud default; the authority stays the cloud’s', () => {
    expect(endpoints({ AZURE_CLOUD: 'usgov', GRAPH_BASE_URL: 'https://127.0.0.1:8443/' })).toEqual({
      graphBaseUrl: 'https://127.0.0.1:8443', // trailing slash dropped
      authorityHost: 'https://login.microsoftonline.us',
    });
    expect(endpoints({ GRAPH_BASE_URL: 'https://graph.microsoft.us' }).graphBaseUrl).toBe('https://graph.microsoft.us');
  });

  test('an explicit AZURE_AUTHORITY_HOST overrides the cloud default; Graph stays the cloud’s', () => {
    expect(endpoints({ AZURE_CLOUD: 'usgovdod', AZURE_AUTHORITY_HOST: 'https://127.0.0.1:9443' })).toEqual({
      graphBaseUrl: 'https://dod-graph.microsoft.us',
      authorityHost: 'https://127.0.0.1:9443',
    });
  });

  test('explicit endpoints do not rescue china', () => {
    expect(refusal({ AZURE_CLOUD: 'china', GRAPH_BASE_URL: 'https://microsoftgraph.chinacloudapi.cn' }).setting).toBe('AZURE_CLOUD');
  });
});

describe('Defender portal per cloud (review finding: links always pointed at the commercial portal)', () => {
  test.each([
    [{}, 'https://security.microsoft.com'],
    [{ AZURE_CLOUD: 'usgov' }, 'https://security.microsoft.us'],
    [{ AZURE_CLOUD: 'usgovdod' }, 'https://security.apps.mil'],
  ])('%j → %s', (env, portal) => {
    expect(loadConfig(env).defenderPortalUrl).toBe(portal);
  });
  test('an unknown AZURE_CLOUD is refused in local mode too', () => {
    expect(() => loadConfig({ AZURE_CLOUD: 'bogus' })).toThrow(expect.objectContaining({ setting: 'AZURE_CLOUD' }));
  });
});
