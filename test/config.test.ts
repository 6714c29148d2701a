import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, readEnvironment } from '../src/config';

const APP = '11111111-2222-4333-8444-555555555555';
const TENANT = '4f1c2b3a-6d5e-4a7b-8c9d-0e1f2a3b4c5d';
const azure = { MicrosoftAppId: APP, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT, MicrosoftAppPassword: 'pw' };
const graph = { GRAPH_CLIENT_ID: APP, GRAPH_CLIENT_SECRET: 'graph-secret' };

describe('loadConfig', () => {
  test('no configuration at all: local mode on loopback with the bundled sample', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ mode: 'local', server: { host: '127.0.0.1', port: 3978 }, bot: { kind: 'none' }, pageSize: 10 });
    expect(c.hunting).toMatchObject({ source: 'local', rebase: true, bundled: true });
    expect(c.databasePath).toMatch(/data[/\\]secretwatch\.db$/);
  });

  test('azure mode with a client secret, defender source inferred from GRAPH_* settings', () => {
    const c = loadConfig({ ...azure, ...graph });
    expect(c.mode).toBe('azure');
    expect(c.server.host).toBe('0.0.0.0');
    expect(c.bot).toEqual({ kind: 'SingleTenant', appId: APP, tenantId: TENANT, password: 'pw' });
    expect(c.hunting).toMatchObject({
      source: 'defender',
      graphBaseUrl: 'https://graph.microsoft.com',
      authorityHost: 'https://login.microsoftonline.com',
      auth: { kind: 'client-secret', tenantId: TENANT, clientId: APP, clientSecret: 'graph-secret' },
      timeoutMs: 200_000,
    });
  });

  test('managed identity for both bot and Graph', () => {
    const c = loadConfig({ MicrosoftAppId: APP, MicrosoftAppType: 'UserAssignedMsi', MicrosoftAppTenantId: TENANT, GRAPH_AUTH: 'managed-identity', GRAPH_CLIENT_ID: APP });
    expect(c.bot.kind).toBe('UserAssignedMsi');
    // The Azure Bot resource and portal spell it UserAssignedMSI.
    expect(loadConfig({ MicrosoftAppId: APP, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT, GRAPH_AUTH: 'managed-identity', GRAPH_CLIENT_ID: APP }).bot.kind).toBe('UserAssignedMsi');
    expect(c.hunting).toMatchObject({ source: 'defender', auth: { kind: 'managed-identity', clientId: APP } });
  });

  test('LOCAL_DATA_REBASE=false and a LOCAL_DATA_FILE that exists', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sw-cfg-')), 'data.json');
    writeFileSync(file, '{"schema":[],"results":[]}');
    expect(loadConfig({ LOCAL_DATA_FILE: file, LOCAL_DATA_REBASE: 'false' }).hunting).toEqual({ source: 'local', file, rebase: false, bundled: false });
  });

  const refusals: Array<[string, Record<string, string>, string]> = [
    ['partial bot config: password without app id', { MicrosoftAppPassword: 'x' }, 'MicrosoftAppId'],
    ['app id without type', { MicrosoftAppId: APP }, 'MicrosoftAppType'],
    ['MultiTenant', { ...azure, MicrosoftAppType: 'MultiTenant' }, 'MicrosoftAppType'],
    ['unknown app type', { ...azure, MicrosoftAppType: 'Anything' }, 'MicrosoftAppType'],
    ['no tenant', { MicrosoftAppId: APP, MicrosoftAppType: 'SingleTenant', MicrosoftAppPassword: 'x' }, 'MicrosoftAppTenantId'],
    ['no secret', { MicrosoftAppId: APP, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT }, 'MicrosoftAppPassword'],
    ['certificate thumbprint without key', { ...azure, MicrosoftAppPassword: '', MicrosoftAppCertificateThumbprint: 'AB12' }, 'MicrosoftAppCertificateKeyFile'],
    ['app id not a GUID', { ...azure, MicrosoftAppId: 'bot' }, 'MicrosoftAppId'],
    ['production without app id', { NODE_ENV: 'production' }, 'MicrosoftAppId'],
    ['production on sample data', { NODE_ENV: 'production', ...azure, ANALYSTS: TENANT }, 'HUNTING_SOURCE'],
    ['production with a local directory file', { NODE_ENV: 'production', ...azure, ...graph, ANALYSTS: TENANT, LOCAL_DIRECTORY_FILE: 'data/sample/directory.json' }, 'LOCAL_DIRECTORY_FILE'],
    ['production with a local groups file', { NODE_ENV: 'production', ...azure, ...graph, ANALYSTS: TENANT, LOCAL_GROUPS_FILE: 'data/sample/groups.json' }, 'LOCAL_GROUPS_FILE'],
    ['production with a managed identity and a leftover bot secret', { NODE_ENV: 'production', MicrosoftAppId: APP, MicrosoftAppType: 'UserAssignedMsi', MicrosoftAppTenantId: TENANT, MicrosoftAppPassword: 'old', GRAPH_AUTH: 'managed-identity', GRAPH_CLIENT_ID: APP, ANALYSTS: TENANT }, 'MicrosoftAppPassword'],
    ['production with a managed identity and a leftover Graph secret', { NODE_ENV: 'production', MicrosoftAppId: APP, MicrosoftAppType: 'UserAssignedMsi', MicrosoftAppTenantId: TENANT, GRAPH_AUTH: 'managed-identity', GRAPH_CLIENT_ID: APP, GRAPH_CLIENT_SECRET: 'old', ANALYSTS: TENANT }, 'GRAPH_CLIENT_SECRET'],
    ['production on App Service with the database outside /home', { NODE_ENV: 'production', ...azure, ...graph, ANALYSTS: TENANT, WEBSITE_SITE_NAME: 'secretwatch', DATABASE_PATH: '/tmp/secretwatch.db' }, 'DATABASE_PATH'],
    ['a bot secret and a certificate together', { ...azure, MicrosoftAppCertificateThumbprint: 'AB12', MicrosoftAppCertificateKeyFile: 'package.json' }, 'MicrosoftAppPassword'],
    ['production without analysts', { NODE_ENV: 'production', ...azure, ...graph }, 'ANALYSTS'],
    ['production with LOCAL_DATA_REBASE (a sample-data setting)', { NODE_ENV: 'production', ...azure, ...graph, ANALYSTS: TENANT, LOCAL_DATA_REBASE: 'true' }, 'LOCAL_DATA_REBASE'],
    ['production with a managed identity and a leftover GRAPH_TENANT_ID', { NODE_ENV: 'production', MicrosoftAppId: APP, MicrosoftAppType: 'UserAssignedMsi', MicrosoftAppTenantId: TENANT, GRAPH_AUTH: 'managed-identity', GRAPH_CLIENT_ID: APP, GRAPH_TENANT_ID: TENANT, ANALYSTS: TENANT }, 'GRAPH_TENANT_ID'],
    ['production with Graph calls to a stand-in host', { NODE_ENV: 'production', ...azure, ...graph, ANALYSTS: TENANT, GRAPH_BASE_URL: 'https://graph.attacker.example' }, 'GRAPH_BASE_URL'],
    ['production with tokens from a stand-in authority', { NODE_ENV: 'production', ...azure, ...graph, ANALYSTS: TENANT, AZURE_AUTHORITY_HOST: 'https://login.attacker.example' }, 'AZURE_AUTHORITY_HOST'],
    ['local mode on all interfaces', { HOST: '0.0.0.0' }, 'HOST'],
    ['bad port', { PORT: '99999' }, 'PORT'],
    ['port not a number', { PORT: 'http' }, 'PORT'],
    ['page size zero', { PAGE_SIZE: '0' }, 'PAGE_SIZE'],
    ['unknown source', { HUNTING_SOURCE: 'splunk' }, 'HUNTING_SOURCE'],
    ['missing data file', { LOCAL_DATA_FILE: '/nonexistent/file.json' }, 'LOCAL_DATA_FILE'],
    ['rebase not boolean', { LOCAL_DATA_REBASE: 'maybe' }, 'LOCAL_DATA_REBASE'],
    ['defender without auth', { HUNTING_SOURCE: 'defender' }, 'GRAPH_AUTH'],
    ['defender secret without tenant', { ...graph }, 'GRAPH_TENANT_ID'],
    ['defender secret without client id', { GRAPH_TENANT_ID: TENANT, GRAPH_CLIENT_SECRET: 's' }, 'GRAPH_CLIENT_ID'],
    ['defender certificate without path', { GRAPH_TENANT_ID: TENANT, GRAPH_CLIENT_ID: APP, GRAPH_AUTH: 'certificate' }, 'GRAPH_CLIENT_CERTIFICATE_PATH'],
    ['unknown graph auth', { GRAPH_AUTH: 'password' }, 'GRAPH_AUTH'],
    ['http Graph endpoint', { ...azure, ...graph, GRAPH_BASE_URL: 'http://graph.example' }, 'GRAPH_BASE_URL'],
    ['not a URL', { ...azure, ...graph, AZURE_AUTHORITY_HOST: 'login' }, 'AZURE_AUTHORITY_HOST'],
    ['timeout out of range', { ...azure, ...graph, HUNTING_TIMEOUT_SECONDS: '3600' }, 'HUNTING_TIMEOUT_SECONDS'],
    ['log level', { LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    ['telemetry without a key', { APPLICATIONINSIGHTS_CONNECTION_STRING: 'IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/' }, 'APPLICATIONINSIGHTS_CONNECTION_STRING'],
    ['telemetry key not a GUID', { APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=abc' }, 'APPLICATIONINSIGHTS_CONNECTION_STRING'],
    ['telemetry endpoint not a URL', { APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${TENANT};IngestionEndpoint=westeurope` }, 'APPLICATIONINSIGHTS_CONNECTION_STRING'],
    ['business hours garbled', { BUSINESS_HOURS: '9 to 5' }, 'BUSINESS_HOURS'],
    ['business hours ending before they start', { BUSINESS_HOURS: '18:00-08:00' }, 'BUSINESS_HOURS'],
    ['business hours past midnight', { BUSINESS_HOURS: '08:00-24:30' }, 'BUSINESS_HOURS'],
    ['business hours minute 60', { BUSINESS_HOURS: '08:60-17:00' }, 'BUSINESS_HOURS'],
    ['business days unknown', { BUSINESS_DAYS: 'mon-funday' }, 'BUSINESS_DAYS'],
    ['business days three-part range', { BUSINESS_DAYS: 'mon-wed-fri' }, 'BUSINESS_DAYS'],
    ['time zone unknown', { BUSINESS_TIME_ZONE: 'Mars/Olympus' }, 'BUSINESS_TIME_ZONE'],
    ['failure run of one', { RISK_FAILURES: '1' }, 'RISK_FAILURES'],
    ['failure window zero', { RISK_FAILURES_MINUTES: '0' }, 'RISK_FAILURES_MINUTES'],
    ['burst count not a number', { RISK_BURST_EXTRACTIONS: 'many' }, 'RISK_BURST_EXTRACTIONS'],
    ['burst services of one', { RISK_BURST_SERVICES: '1' }, 'RISK_BURST_SERVICES'],
    ['burst window over a day', { RISK_BURST_MINUTES: '1441' }, 'RISK_BURST_MINUTES'],
  ];
  test.each(refusals)('refuses %s, naming %s', (_name, env, setting) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).setting).toBe(setting);
    expect((error as ConfigError).message).toContain(setting);
    expect((error as ConfigError).code).toBe('CONFIG_INVALID');
  });

  test('a refusal never echoes a secret value', () => {
    expect(() => loadConfig({ ...azure, MicrosoftAppPassword: 'hunter2-secret', MicrosoftAppType: 'Nope' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2-secret') }),
    );
  });
});

describe('readEnvironment', () => {
  test('reads .env and lets the real environment win', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-env-'));
    writeFileSync(join(dir, '.env'), 'PORT=4000\nPAGE_SIZE=5\n# comment\n');
    const env = readEnvironment(dir, { PAGE_SIZE: '7' });
    expect(env['PORT']).toBe('4000');
    expect(env['PAGE_SIZE']).toBe('7');
  });
});

describe('hunting economy and watch list settings', () => {
  test('defaults: 2-minute cache, 6 commands per user per minute, the seed operation only', () => {
    expect(loadConfig({})).toMatchObject({ cacheTtlMs: 120_000, userCommandsPerMinute: 6, watch: { kind: 'seed' } });
  });
  test('WATCH_OPERATIONS=wide and an explicit list', () => {
    const wide = loadConfig({ WATCH_OPERATIONS: 'wide' }).watch;
    expect(wide.kind === 'list' && wide.operations).toContain('Microsoft.Storage/storageAccounts/listkeys/action');
    expect(loadConfig({ WATCH_OPERATIONS: 'Microsoft.Web/sites/publishxml/Action, Microsoft.Storage/storageAccounts/listkeys/action' }).watch).toEqual({
      kind: 'list',
      operations: ['Microsoft.Web/sites/publishxml/Action', 'Microsoft.Storage/storageAccounts/listkeys/action'],
    });
  });
  test.each([['WATCH_OPERATIONS', 'Microsoft.Web/sites/x"; drop'], ['WATCH_OPERATIONS', ','], ['CACHE_TTL_SECONDS', '-1'], ['USER_COMMANDS_PER_MINUTE', 'lots']])('refuses %s=%s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(expect.objectContaining({ setting: name }));
  });
});

describe('risk settings', () => {
  test('defaults: Mon–Fri 08:00–18:00 UTC, 3 failures in 10 minutes, bursts of 5 extractions or 3 services in 10 minutes', () => {
    const { risk } = loadConfig({});
    expect(risk.businessHours).toEqual({ startMinute: 480, endMinute: 1080, days: new Set([1, 2, 3, 4, 5]), timeZone: 'UTC' });
    expect(risk.repeatedFailures).toEqual({ count: 3, windowMs: 600_000 });
    expect(risk.burst).toEqual({ extractions: 5, services: 3, windowMs: 600_000 });
  });

  test.each([
    ['sun-thu', [0, 1, 2, 3, 4]],
    ['Mon,Wed,Fri', [1, 3, 5]],
    ['fri-mon', [0, 1, 5, 6]],
    ['monday-friday', [1, 2, 3, 4, 5]],
    ['sat', [6]],
  ])('BUSINESS_DAYS=%s', (days, expected) => {
    expect([...loadConfig({ BUSINESS_DAYS: days }).risk.businessHours.days].sort()).toEqual(expected);
  });

  test('every setting is read', () => {
    const { risk } = loadConfig({
      BUSINESS_HOURS: '07:30-16:00',
      BUSINESS_TIME_ZONE: 'Europe/Berlin',
      RISK_FAILURES: '5',
      RISK_FAILURES_MINUTES: '30',
      RISK_BURST_EXTRACTIONS: '20',
      RISK_BURST_SERVICES: '4',
      RISK_BURST_MINUTES: '15',
    });
    expect(risk).toEqual({
      businessHours: { startMinute: 450, endMinute: 960, days: new Set([1, 2, 3, 4, 5]), timeZone: 'Europe/Berlin' },
      repeatedFailures: { count: 5, windowMs: 1_800_000 },
      burst: { extractions: 20, services: 4, windowMs: 900_000 },
    });
  });
});

test('a complete production configuration starts: tenant hunting, analysts, authentication on', () => {
  expect(loadConfig({ NODE_ENV: 'production', ...azure, ...graph, ANALYSTS: TENANT, WEBSITE_SITE_NAME: 'secretwatch', DATABASE_PATH: '/home/data/secretwatch.db' }).databasePath).toBe('/home/data/secretwatch.db');
  const c = loadConfig({ NODE_ENV: 'production', ...azure, ...graph, ANALYSTS: TENANT });
  expect(c.production).toBe(true);
  expect(c.mode).toBe('azure');
  expect(c.hunting.source).toBe('defender');
});

test('production accepts the Microsoft hosts of every supported cloud, set explicitly or by AZURE_CLOUD', () => {
  const prod = { NODE_ENV: 'production', ...azure, ...graph, ANALYSTS: TENANT };
  for (const cloud of ['global', 'usgov', 'usgovdod']) expect(loadConfig({ ...prod, AZURE_CLOUD: cloud }).production).toBe(true);
  expect(loadConfig({ ...prod, GRAPH_BASE_URL: 'https://graph.microsoft.us', AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.us' }).production).toBe(true);
});

test('a refused value is quoted only when it cannot be a secret: a client secret pasted into an id stays out of the logs', () => {
  const secret = 'Abc8Q~x1y2z3w4v5u6t7s8r9q0p1o2n3m4l5k6j7';
  const message = (env: Record<string, string>): string => {
    try {
      loadConfig(env);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('accepted');
  };
  const pasted = message({ ...azure, GRAPH_CLIENT_ID: secret, GRAPH_CLIENT_SECRET: 's' });
  expect(pasted).toMatch(/GRAPH_CLIENT_ID/);
  expect(pasted).toContain(`a value of ${secret.length} characters starting "Abc…"`);
  expect(pasted).not.toContain(secret.slice(3));
  // Short, harmless values are still quoted (they help find a typo), and URLs lose query strings.
  expect(message({ ...azure, MicrosoftAppType: 'Anything' })).toContain('(got "Anything")');
  expect(message({ ...azure, ...graph, GRAPH_BASE_URL: 'http://graph.example/v1?sig=s3cr3t' })).toContain('(got "http://graph.example/v1…")');
});

test.each([
  ['a PEM key pasted as a certificate path', { HUNTING_SOURCE: 'defender', GRAPH_AUTH: 'certificate', GRAPH_TENANT_ID: TENANT, GRAPH_CLIENT_ID: APP, GRAPH_CLIENT_CERTIFICATE_PATH: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----' }, 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'],
  ['a client secret as a port', { PORT: 'Abc8Q~s3cr3tvalue0123456789abcdefghijklm' }, 's3cr3tvalue'],
  ['a random key as a boolean', { LOCAL_DATA_REBASE: 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA' }, 'YmFyYmF6cXV4MTIzNDU2Nzg5MA'],
  ['a webhook secret in a URL path', { ...azure, ...graph, GRAPH_BASE_URL: 'http://hooks.example/IncomingWebhook/0123456789abcdef0123/x' }, '0123456789abcdef0123'],
  ['a base64 key (with "/" and "+") as an app id', { ...azure, MicrosoftAppId: 'q2Xb9/Zk1mPq7+Rt3uVw8/xYz0AbCdEfGhIj/KlMnOpQrStUv==' }, 'Zk1mPq7+Rt3uVw8'],
  ['a secret after a made-up scheme', { ...azure, ...graph, AZURE_AUTHORITY_HOST: 'admin:Abc8Q~s3cr3tvalue0123456789abcdefgh' }, 's3cr3tvalue'],
])('%s is masked in the error', (_name, env, secretPart) => {
  let text = '';
  try {
    loadConfig(env as Record<string, string>);
  } catch (e) {
    text = (e as Error).message;
  }
  expect(text).toMatch(/Invalid configuration/);
  expect(text).not.toContain(secretPart);
});

test('harmless values are still quoted: a missing file path, a bad number, a host', () => {
  const message = (env: Record<string, string>): string => {
    try {
      loadConfig(env);
    } catch (e) {
      return (e as Error).message;
    }
    return 'accepted';
  };
  expect(message({ LOCAL_DATA_FILE: '/home/site/data/events-2026-12.json' })).toContain('(got "/home/site/data/events-2026-12.json")');
  expect(message({ PORT: '99999' })).toContain('(got "99999")');
  expect(message({ HOST: '0.0.0.0' })).toContain('(got "0.0.0.0")');
  // Spaces are typos worth seeing, not secrets.
  expect(message({ BUSINESS_TIME_ZONE: 'America/Argentina/Buenos Aires' })).toContain('(got "America/Argentina/Buenos Aires")');
  expect(message({ LOCAL_DATA_FILE: '/home/site/my data/events.json' })).toContain('(got "/home/site/my data/events.json")');
});

test('telemetry is off by default and on with a connection string', () => {
  expect(loadConfig({}).telemetry).toBeUndefined();
  const cs = `InstrumentationKey=${TENANT};IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/;LiveEndpoint=https://westeurope.livediagnostics.monitor.azure.com/`;
  expect(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: cs }).telemetry).toEqual({ connectionString: cs });
});
