import { ConfigError } from '../config-error';
import { guid, shown, url } from '../config-values';

/**
 * The settings `npm run package` fills into manifest/manifest.json. They are read here from a
 * plain record (the environment merged over .env, as the app reads its own), not through
 * src/config.ts: packaging happens on a build machine that has none of the bot's secrets.
 * A missing or malformed setting is refused with a ConfigError naming it.
 */
export interface PackageSettings {
  /** The Teams app's own id (a GUID you generate once and keep: updates must reuse it). */
  readonly TEAMS_APP_ID: string;
  /** The bot's Entra app id (MicrosoftAppId of the Azure Bot resource). */
  readonly MICROSOFT_APP_ID: string;
  /** Host name of the bot's messaging endpoint (validDomains). */
  readonly BOT_DOMAIN: string;
  readonly DEVELOPER_NAME: string;
  readonly DEVELOPER_WEBSITE_URL: string;
  readonly DEVELOPER_PRIVACY_URL: string;
  readonly DEVELOPER_TERMS_URL: string;
  /** x.y.z; Teams takes an upload as an update only when this grows. */
  readonly TEAMS_APP_VERSION: string;
}

export type PackageSettingName = keyof PackageSettings;

export const PACKAGE_SETTING_NAMES: readonly PackageSettingName[] = [
  'TEAMS_APP_ID',
  'MICROSOFT_APP_ID',
  'BOT_DOMAIN',
  'DEVELOPER_NAME',
  'DEVELOPER_WEBSITE_URL',
  'DEVELOPER_PRIVACY_URL',
  'DEVELOPER_TERMS_URL',
  'TEAMS_APP_VERSION',
];

/**
 * `--dev`: obviously fake stand-ins for settings that are not set, so the packaging can be tried
 * without an Azure Bot. A package built this way installs nowhere useful: its bot id is not a bot.
 */
export const DEV_DEFAULTS: Readonly<Partial<Record<PackageSettingName, string>>> = {
  TEAMS_APP_ID: '00000000-0000-0000-0000-00000000a991',
  MICROSOFT_APP_ID: '00000000-0000-0000-0000-00000000b071',
  BOT_DOMAIN: 'secretwatch.example.com',
  DEVELOPER_WEBSITE_URL: 'https://secretwatch.example.com/',
  DEVELOPER_PRIVACY_URL: 'https://secretwatch.example.com/privacy',
  DEVELOPER_TERMS_URL: 'https://secretwatch.example.com/terms',
};

export interface ReadOptions {
  /** Fill unset settings from DEV_DEFAULTS. */
  readonly dev?: boolean;
  /** TEAMS_APP_VERSION when unset: package.json's version. */
  readonly defaultVersion: string;
}

// A DNS name of at least two labels: what Teams accepts in validDomains for a bot endpoint.
const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;
// The manifest schema's own semver pattern (three numbers, no pre-release).
const VERSION = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;

export function readPackageSettings(env: Readonly<Record<string, string | undefined>>, options: ReadOptions): PackageSettings {
  const set = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const get = (name: PackageSettingName): string | undefined => set(name) ?? (options.dev === true ? DEV_DEFAULTS[name] : undefined);
  const required = (name: PackageSettingName, what: string): string => {
    const v = get(name);
    if (v === undefined) throw new ConfigError(name, `is required to build the Teams app package: ${what}.`);
    return v;
  };

  const teamsAppId = guid(required('TEAMS_APP_ID', 'a GUID that identifies this Teams app, generated once'), 'TEAMS_APP_ID');
  // The bot's id is the app's MicrosoftAppId: reuse it rather than making operators type it twice.
  const botIdSetting = set('MICROSOFT_APP_ID') === undefined && set('MicrosoftAppId') !== undefined ? 'MicrosoftAppId' : 'MICROSOFT_APP_ID';
  const botId = botIdSetting === 'MicrosoftAppId' ? set('MicrosoftAppId') : get('MICROSOFT_APP_ID');
  if (botId === undefined) {
    throw new ConfigError('MICROSOFT_APP_ID', 'is required to build the Teams app package: the Azure Bot\'s Microsoft App ID (or set MicrosoftAppId).');
  }
  const developerName = get('DEVELOPER_NAME') ?? 'SecretWatch';
  if (developerName.length > 32) throw new ConfigError('DEVELOPER_NAME', `must be at most 32 characters (got ${developerName.length}).`);

  return {
    TEAMS_APP_ID: teamsAppId.toLowerCase(),
    MICROSOFT_APP_ID: guid(botId, botIdSetting).toLowerCase(),
    BOT_DOMAIN: hostName(required('BOT_DOMAIN', 'the host name of the bot\'s messaging endpoint, like secretwatch.azurewebsites.net')),
    DEVELOPER_NAME: developerName,
    DEVELOPER_WEBSITE_URL: httpsUrl(required('DEVELOPER_WEBSITE_URL', 'an https page with support information'), 'DEVELOPER_WEBSITE_URL'),
    DEVELOPER_PRIVACY_URL: httpsUrl(required('DEVELOPER_PRIVACY_URL', 'an https page with the privacy statement'), 'DEVELOPER_PRIVACY_URL'),
    DEVELOPER_TERMS_URL: httpsUrl(required('DEVELOPER_TERMS_URL', 'an https page with the terms of use'), 'DEVELOPER_TERMS_URL'),
    TEAMS_APP_VERSION: version(get('TEAMS_APP_VERSION') ?? options.defaultVersion),
  };
}

function hostName(raw: string): string {
  if (/[/:]/.test(raw)) {
    throw new ConfigError('BOT_DOMAIN', `must be a host name only, without scheme, port or path, like secretwatch.azurewebsites.net (got ${shown(raw)}).`);
  }
  if (!HOST_NAME.test(raw)) throw new ConfigError('BOT_DOMAIN', `must be a host name like secretwatch.azurewebsites.net (got ${shown(raw)}).`);
  return raw.toLowerCase();
}

function httpsUrl(raw: string, name: string): string {
  // Same reader as the app's URLs: absolute and https, or refused naming the setting.
  url(() => raw, name, raw);
  if (raw.length > 2048) throw new ConfigError(name, 'must be at most 2048 characters.');
  return raw;
}

function version(raw: string): string {
  if (!VERSION.test(raw)) throw new ConfigError('TEAMS_APP_VERSION', `must be three numbers like 1.0.0 (got ${shown(raw)}).`);
  return raw;
}
