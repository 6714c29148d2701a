import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Json } from '../../src/teams-package/fill-template';

export const ROOT = join(__dirname, '../..');

/** A complete set of packaging settings, made up but well-formed. */
export const SETTINGS_ENV = {
  TEAMS_APP_ID: '3f2a9c4e-7b1d-4e8a-9c2f-5d6b7a8e9f01',
  MICROSOFT_APP_ID: '8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d',
  BOT_DOMAIN: 'secretwatch-bot.azurewebsites.net',
  DEVELOPER_WEBSITE_URL: 'https://security.contoso.com/secretwatch',
  DEVELOPER_PRIVACY_URL: 'https://security.contoso.com/secretwatch/privacy',
  DEVELOPER_TERMS_URL: 'https://security.contoso.com/secretwatch/terms',
} as const;

export function template(): Json {
  return JSON.parse(readFileSync(join(ROOT, 'manifest/manifest.json'), 'utf8')) as Json;
}

export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
