import { MICROSOFT_HOSTS } from './config-clouds';
import { ConfigError } from './config-error';
import { shown, type Get } from './config-values';

/** The parts of the configuration a production start is judged on. */
interface ProductionFacts {
  readonly huntingSource: 'local' | 'defender';
  readonly analysts: ReadonlySet<string>;
  readonly botKind: string;
  /** Absolute. */
  readonly databasePath: string;
  /** Where Graph calls and token requests go (defender source). */
  readonly endpoints?: { readonly graph: string; readonly authority: string };
}

/** Local-mode stand-ins: in production they would put made-up names, groups or events in front of analysts. */
const LOCAL_ONLY = ['LOCAL_DATA_FILE', 'LOCAL_DATA_REBASE', 'LOCAL_DIRECTORY_FILE', 'LOCAL_GROUPS_FILE'] as const;

/**
 * NODE_ENV=production refuses what is fine on a laptop but unsafe in a tenant (authentication off is
 * refused earlier, in config.ts): sample data, local stand-ins for the directory, and nobody able to
 * review others' extractions. Each refusal names the setting.
 */
export function checkProduction(facts: ProductionFacts, get: Get): void {
  if (facts.huntingSource !== 'defender') {
    throw new ConfigError('HUNTING_SOURCE', 'must be defender when NODE_ENV=production: the local source serves bundled sample data, not your tenant. Set the GRAPH_* settings.');
  }
  for (const name of LOCAL_ONLY) {
    if (get(name) !== undefined) throw new ConfigError(name, 'is a local-mode stand-in and must not be set when NODE_ENV=production.');
  }
  // A secret left next to a managed identity is unused, and a leak waiting to happen.
  if (facts.botKind === 'UserAssignedMsi') {
    for (const name of ['MicrosoftAppPassword', 'MicrosoftAppCertificateThumbprint', 'MicrosoftAppCertificateKeyFile']) {
      if (get(name) !== undefined) throw new ConfigError(name, 'must not be set with MicrosoftAppType=UserAssignedMsi when NODE_ENV=production: the managed identity authenticates the bot. Remove it.');
    }
  }
  if (get('GRAPH_AUTH') === 'managed-identity') {
    // GRAPH_TENANT_ID too: the identity's own tenant is used, and a different one is a half-changed configuration.
    for (const name of ['GRAPH_CLIENT_SECRET', 'GRAPH_CLIENT_CERTIFICATE_PATH', 'GRAPH_TENANT_ID']) {
      if (get(name) !== undefined) throw new ConfigError(name, 'must not be set with GRAPH_AUTH=managed-identity when NODE_ENV=production: the managed identity calls Graph. Remove it.');
    }
  }
  // GRAPH_BASE_URL / AZURE_AUTHORITY_HOST exist for local stand-ins: in production they would send the client secret and tokens elsewhere.
  if (facts.endpoints !== undefined) {
    for (const [name, value] of [['GRAPH_BASE_URL', facts.endpoints.graph], ['AZURE_AUTHORITY_HOST', facts.endpoints.authority]] as const) {
      const host = new URL(value).hostname.toLowerCase();
      if (!MICROSOFT_HOSTS[name].has(host)) {
        throw new ConfigError(name, `must be a Microsoft host (${[...MICROSOFT_HOSTS[name]].join(', ')}) when NODE_ENV=production (got ${host}): anything else would receive the app's credentials or tokens. Unset it, or set AZURE_CLOUD.`);
      }
    }
  }
  // On App Service only /home survives restarts and redeployments.
  if (get('WEBSITE_SITE_NAME') !== undefined && !facts.databasePath.startsWith('/home/')) {
    throw new ConfigError('DATABASE_PATH', `must be under /home on Azure App Service (got ${shown(facts.databasePath)}): anything else is lost on restart. Use /home/data/secretwatch.db.`);
  }
  if (facts.analysts.size === 0) {
    throw new ConfigError('ANALYSTS', 'is required when NODE_ENV=production: without analysts nobody can approve or escalate other people\'s extractions. List their Entra object ids (users or groups).');
  }
}
