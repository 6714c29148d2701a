import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError } from './config-error';
import { LOOPBACK, bool, existingFile, guid, integer, oneOf, shown, url, type Get } from './config-values';
import { CLOUD_ENDPOINTS, DEFENDER_PORTALS } from './config-clouds';
import { checkProduction } from './config-production';
import { riskSettings } from './config-risk';
import { GUID_PATTERN } from './util/guid';
import { OPERATION_NAME, WIDE_WATCH_LIST } from './hunting/operations';
import type { RiskSettings } from './risk/settings';
import type { WatchList } from './hunting/query';
import type { WebhookOptions } from './notify/webhook';

export { ConfigError };

/**
 * The only reader of the environment. Everything else receives a typed, validated Config.
 * A bad or partial setting fails start-up with a message naming that setting.
 */

export type GraphAuth =
  | { readonly kind: 'client-secret'; readonly tenantId: string; readonly clientId: string; readonly clientSecret: string }
  | { readonly kind: 'certificate'; readonly tenantId: string; readonly clientId: string; readonly certificatePath: string }
  | { readonly kind: 'managed-identity'; readonly clientId?: string };

export type BotAuth =
  | { readonly kind: 'none' }
  | { readonly kind: 'SingleTenant'; readonly appId: string; readonly tenantId: string; readonly password: string }
  | {
      readonly kind: 'SingleTenantCertificate';
      readonly appId: string;
      readonly tenantId: string;
      readonly certificateThumbprint: string;
      readonly certificatePrivateKeyFile: string;
    }
  | { readonly kind: 'UserAssignedMsi'; readonly appId: string; readonly tenantId: string };

export type HuntingConfig =
  | { readonly source: 'local'; readonly file: string; readonly rebase: boolean; readonly bundled: boolean }
  | {
      readonly source: 'defender';
      readonly graphBaseUrl: string;
      readonly authorityHost: string;
      readonly auth: GraphAuth;
      readonly timeoutMs: number;
    };

export interface Config {
  /** local: no Bot Framework authentication, loopback only, sample data by default. */
  readonly mode: 'local' | 'azure';
  readonly production: boolean;
  readonly server: { readonly host: string; readonly port: number };
  readonly bot: BotAuth;
  readonly hunting: HuntingConfig;
  readonly databasePath: string;
  /** Defender portal of the configured cloud, for "Open in Defender" links. */
  readonly defenderPortalUrl: string;
  readonly pageSize: number;
  /** Entra object ids (lower case) of SecretWatch analysts, who approve and escalate others' extractions. */
  readonly analysts: ReadonlySet<string>;
  /** Local mode: a saved getByIds answer naming the sample principals (LOCAL_DIRECTORY_FILE). */
  readonly localDirectoryFile: string;
  /** How long principal names are cached. */
  readonly directoryCacheMs: number;
  /** Local mode: group → members file standing in for Entra groups (LOCAL_GROUPS_FILE). */
  readonly localGroupsFile: string;
  /** Optional SOAR webhook that receives each escalation as JSON. */
  readonly escalationWebhook?: WebhookOptions;
  /** Azure mode: clicks from any other tenant are refused. */
  readonly tenantId?: string;
  /** How long a hunting answer is reused (0: never). */
  readonly cacheTtlMs: number;
  /** Hunting commands a user may send per minute (0: no limit). */
  readonly userCommandsPerMinute: number;
  /** Operations watched: the seed's own, or a list (WATCH_OPERATIONS=wide or names). */
  readonly watch: WatchList;
  /** Pause between posted messages: Teams allows about 7 per second per conversation. */
  readonly sendIntervalMs: number;
  /** Risk rules: business hours, failure runs, bursts (BUSINESS_*, RISK_*). */
  readonly risk: RiskSettings;
  readonly logLevel: LogLevel;
  /** Application Insights (OpenTelemetry) when APPLICATIONINSIGHTS_CONNECTION_STRING is set. */
  readonly telemetry?: { readonly connectionString: string };
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';


type Env = Readonly<Record<string, string | undefined>>;

const BUNDLED_SAMPLE = resolve(__dirname, '../data/sample/hunting.json');

/** Reads `.env` (if present) under the real environment, which wins. */
export function readEnvironment(cwd = process.cwd(), env: Env = process.env): Env {
  const file = resolve(cwd, '.env');
  const fromFile = existsSync(file) ? parseEnv(readFileSync(file, 'utf8')) : {};
  return { ...fromFile, ...env };
}

export function loadConfig(env: Env): Config {
  const get = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const production = get('NODE_ENV')?.toLowerCase() === 'production';
  const bot = botAuth(get);
  const mode = bot.kind === 'none' ? 'local' : 'azure';
  if (production && mode === 'local') {
    throw new ConfigError('MicrosoftAppId', 'is required when NODE_ENV=production: local mode turns Bot Framework authentication off.');
  }

  const host = get('HOST') ?? (mode === 'local' ? '127.0.0.1' : '0.0.0.0');
  if (mode === 'local' && !LOOPBACK.has(host)) {
    throw new ConfigError('HOST', `must be a loopback address in local mode (got ${shown(host)}): without MicrosoftAppId nothing authenticates callers.`);
  }

  const hunting = huntingConfig(get, bot);
  const analysts = analystIds(get, mode);
  const databasePath = resolve(get('DATABASE_PATH') ?? 'data/secretwatch.db');
  if (production) {
    const endpoints = hunting.source === 'defender' ? { graph: hunting.graphBaseUrl, authority: hunting.authorityHost } : undefined;
    checkProduction({ huntingSource: hunting.source, analysts, botKind: bot.kind, databasePath, ...(endpoints !== undefined && { endpoints }) }, get);
  }

  return {
    mode,
    production,
    server: { host, port: integer(get, 'PORT', 3978, 0, 65535) }, // 0: any free port
    bot,
    hunting,
    databasePath,
    defenderPortalUrl: DEFENDER_PORTALS[cloudOf(get)],
    pageSize: integer(get, 'PAGE_SIZE', 10, 1, 25),
    analysts,
    localDirectoryFile: get('LOCAL_DIRECTORY_FILE') === undefined ? resolve(__dirname, '../data/sample/directory.json') : resolve(existingFile(get('LOCAL_DIRECTORY_FILE') ?? '', 'LOCAL_DIRECTORY_FILE')),
    directoryCacheMs: integer(get, 'DIRECTORY_CACHE_SECONDS', 3600, 0, 86_400) * 1000,
    localGroupsFile: get('LOCAL_GROUPS_FILE') === undefined ? resolve(__dirname, '../data/sample/groups.json') : resolve(existingFile(get('LOCAL_GROUPS_FILE') ?? '', 'LOCAL_GROUPS_FILE')),
    ...webhook(get),
    ...(bot.kind !== 'none' && { tenantId: bot.tenantId.toLowerCase() }),
    cacheTtlMs: integer(get, 'CACHE_TTL_SECONDS', 120, 0, 3600) * 1000,
    userCommandsPerMinute: integer(get, 'USER_COMMANDS_PER_MINUTE', 6, 0, 600),
    watch: watchList(get),
    sendIntervalMs: integer(get, 'SEND_INTERVAL_MS', 150, 0, 5000),
    risk: riskSettings(get),
    logLevel: oneOf(get, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
    ...telemetry(get),
  };
}


/** A Map, not an object: "constructor" must not find Object's built-ins. */
const APP_TYPES: ReadonlyMap<string, string> = new Map([
  ['singletenant', 'SingleTenant'],
  ['userassignedmsi', 'UserAssignedMsi'],
  ['multitenant', 'MultiTenant'],
]);

function botAuth(get: Get): BotAuth {
  const appId = get('MicrosoftAppId');
  if (appId === undefined) {
    for (const dependent of ['MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId']) {
      if (get(dependent) !== undefined) throw new ConfigError('MicrosoftAppId', `is missing but ${dependent} is set: set both, or neither for local mode.`);
    }
    return { kind: 'none' };
  }
  guid(appId, 'MicrosoftAppId');
  const raw = get('MicrosoftAppType');
  if (raw === undefined) throw new ConfigError('MicrosoftAppType', 'is missing: use SingleTenant or UserAssignedMsi.');
  // The Azure Bot resource spells it "UserAssignedMSI"; any case is accepted.
  const type = APP_TYPES.get(raw.toLowerCase()) ?? raw;
  if (type === 'MultiTenant') throw new ConfigError('MicrosoftAppType', 'MultiTenant is deprecated for new bots: use SingleTenant or UserAssignedMsi.');
  const tenantId = get('MicrosoftAppTenantId');
  if (tenantId === undefined) throw new ConfigError('MicrosoftAppTenantId', `is required with MicrosoftAppType=${type}.`);
  guid(tenantId, 'MicrosoftAppTenantId');
  if (type === 'UserAssignedMsi') return { kind: 'UserAssignedMsi', appId, tenantId };
  if (type !== 'SingleTenant') throw new ConfigError('MicrosoftAppType', `must be SingleTenant or UserAssignedMsi (got ${shown(type)}).`);
  const password = get('MicrosoftAppPassword');
  const thumbprint = get('MicrosoftAppCertificateThumbprint');
  if (password !== undefined && thumbprint !== undefined) {
    throw new ConfigError('MicrosoftAppPassword', 'and MicrosoftAppCertificateThumbprint are both set: keep one way for the bot to authenticate.');
  }
  if (password !== undefined) return { kind: 'SingleTenant', appId, tenantId, password };
  if (thumbprint !== undefined) {
    const keyFile = get('MicrosoftAppCertificateKeyFile');
    if (keyFile === undefined) throw new ConfigError('MicrosoftAppCertificateKeyFile', 'is required with MicrosoftAppCertificateThumbprint.');
    existingFile(keyFile, 'MicrosoftAppCertificateKeyFile');
    return { kind: 'SingleTenantCertificate', appId, tenantId, certificateThumbprint: thumbprint, certificatePrivateKeyFile: keyFile };
  }
  throw new ConfigError('MicrosoftAppPassword', 'is missing: SingleTenant needs a client secret (or MicrosoftAppCertificateThumbprint + MicrosoftAppCertificateKeyFile).');
}

function huntingConfig(get: Get, bot: BotAuth): HuntingConfig {
  const graphSettings = ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET', 'GRAPH_CLIENT_CERTIFICATE_PATH', 'GRAPH_AUTH'];
  const explicit = get('HUNTING_SOURCE');
  const source = explicit ?? (graphSettings.some((s) => get(s) !== undefined) ? 'defender' : 'local');
  if (source === 'local') {
    const file = get('LOCAL_DATA_FILE');
    if (file !== undefined) existingFile(file, 'LOCAL_DATA_FILE');
    return { source: 'local', file: file === undefined ? BUNDLED_SAMPLE : resolve(file), rebase: bool(get, 'LOCAL_DATA_REBASE', true), bundled: file === undefined };
  }
  if (source !== 'defender') throw new ConfigError('HUNTING_SOURCE', `must be "local" or "defender" (got ${shown(source)}).`);

  const cloud = cloudOf(get);
  if (cloud === 'china') {
    throw new ConfigError('AZURE_CLOUD', 'china is not supported: Microsoft Graph operated by 21Vianet does not offer the security runHuntingQuery API. Use another cloud (HUNTING_SOURCE=local serves sample data, for trying SecretWatch out only).');
  }
  const endpoints = CLOUD_ENDPOINTS[cloud];
  const graphBaseUrl = url(get, 'GRAPH_BASE_URL', endpoints.graph);
  const authorityHost = url(get, 'AZURE_AUTHORITY_HOST', endpoints.authority);
  const tenantFallback = bot.kind === 'none' ? undefined : bot.tenantId;
  const kind = get('GRAPH_AUTH') ?? (get('GRAPH_CLIENT_SECRET') ? 'client-secret' : get('GRAPH_CLIENT_CERTIFICATE_PATH') ? 'certificate' : undefined);
  const require = (name: string, why: string): string => {
    const v = get(name);
    if (v === undefined) throw new ConfigError(name, `is required ${why}.`);
    return v;
  };
  let auth: GraphAuth;
  if (kind === 'managed-identity') {
    const clientId = get('GRAPH_CLIENT_ID');
    auth = clientId === undefined ? { kind } : { kind, clientId: guid(clientId, 'GRAPH_CLIENT_ID') };
  } else if (kind === 'client-secret' || kind === 'certificate') {
    const tenantId = guid(get('GRAPH_TENANT_ID') ?? tenantFallback ?? require('GRAPH_TENANT_ID', 'for the defender hunting source'), 'GRAPH_TENANT_ID');
    const clientId = guid(require('GRAPH_CLIENT_ID', `with GRAPH_AUTH=${kind}`), 'GRAPH_CLIENT_ID');
    auth =
      kind === 'client-secret'
        ? { kind, tenantId, clientId, clientSecret: require('GRAPH_CLIENT_SECRET', 'with GRAPH_AUTH=client-secret') }
        : { kind, tenantId, clientId, certificatePath: existingFile(require('GRAPH_CLIENT_CERTIFICATE_PATH', 'with GRAPH_AUTH=certificate'), 'GRAPH_CLIENT_CERTIFICATE_PATH') };
  } else if (kind === undefined) {
    throw new ConfigError('GRAPH_AUTH', 'is missing: set client-secret, certificate or managed-identity (or GRAPH_CLIENT_SECRET / GRAPH_CLIENT_CERTIFICATE_PATH).');
  } else {
    throw new ConfigError('GRAPH_AUTH', `must be client-secret, certificate or managed-identity (got ${shown(kind)}).`);
  }
  const timeoutMs = integer(get, 'HUNTING_TIMEOUT_SECONDS', 200, 5, 600) * 1000;
  return { source: 'defender', graphBaseUrl, authorityHost, auth, timeoutMs };
}

function cloudOf(get: Get): 'global' | 'usgov' | 'usgovdod' | 'china' {
  return oneOf(get, 'AZURE_CLOUD', ['global', 'usgov', 'usgovdod', 'china'] as const, 'global');
}

/**
 * ANALYSTS: comma-separated Entra object ids. In local mode without it, the Playground's own user
 * (Alex Wilber of the sample data) is the analyst, so a newcomer can try every button.
 */
export const LOCAL_DEFAULT_ANALYST = '7c3e5a9b-1d2f-4a6c-8e0b-3f5d7a9c1e2b';

function analystIds(get: Get, mode: 'local' | 'azure'): ReadonlySet<string> {
  const raw = get('ANALYSTS');
  if (raw === undefined) return new Set(mode === 'local' ? [LOCAL_DEFAULT_ANALYST] : []);
  const ids = raw.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  for (const id of ids) guid(id, 'ANALYSTS');
  return new Set(ids);
}

function webhook(get: Get): { escalationWebhook?: WebhookOptions } {
  const raw = get('ESCALATION_WEBHOOK_URL');
  if (raw === undefined) return {};
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError('ESCALATION_WEBHOOK_URL', 'must be an absolute URL.');
  }
  // https, except a relay on this machine (e.g. a local SOAR agent).
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname))) {
    throw new ConfigError('ESCALATION_WEBHOOK_URL', 'must use https (http only to 127.0.0.1/localhost).');
  }
  return { escalationWebhook: { url: raw, attempts: 3, backoffMs: integer(get, 'ESCALATION_WEBHOOK_BACKOFF_MS', 1000, 0, 60_000), timeoutMs: 10_000 } };
}

function telemetry(get: Get): { telemetry?: { connectionString: string } } {
  const raw = get('APPLICATIONINSIGHTS_CONNECTION_STRING');
  if (raw === undefined) return {};
  // "InstrumentationKey=<guid>;IngestionEndpoint=https://…": the key is required, the endpoint must be a URL.
  const parts = new Map(raw.split(';').map((p) => p.trim()).filter((p) => p !== '').map((p) => [p.slice(0, p.indexOf('=')).toLowerCase(), p.slice(p.indexOf('=') + 1)] as const));
  const key = parts.get('instrumentationkey');
  const endpoint = parts.get('ingestionendpoint');
  let endpointOk = true;
  try {
    if (endpoint !== undefined) endpointOk = ['https:', 'http:'].includes(new URL(endpoint).protocol);
  } catch {
    endpointOk = false;
  }
  if (key === undefined || !GUID_PATTERN.test(key) || !endpointOk) {
    throw new ConfigError('APPLICATIONINSIGHTS_CONNECTION_STRING', 'must be an Application Insights connection string: InstrumentationKey=<guid>;IngestionEndpoint=https://… (copy it from the resource\'s Overview page).');
  }
  return { telemetry: { connectionString: raw } };
}

function watchList(get: Get): WatchList {
  const raw = get('WATCH_OPERATIONS');
  if (raw === undefined || raw.toLowerCase() === 'seed') return { kind: 'seed' };
  if (raw.toLowerCase() === 'wide') return { kind: 'list', operations: WIDE_WATCH_LIST };
  const operations = raw.split(',').map((o) => o.trim()).filter((o) => o !== '');
  const bad = operations.find((o) => !OPERATION_NAME.test(o));
  if (bad !== undefined || operations.length === 0) {
    throw new ConfigError('WATCH_OPERATIONS', `must be seed, wide, or a comma-separated list of operation names like Microsoft.Storage/storageAccounts/listkeys/action${bad === undefined ? '' : ` (got ${shown(bad)})`}.`);
  }
  return { kind: 'list', operations };
}
