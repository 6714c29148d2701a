import { ConfigError } from '../../src/config-error';
import { DEV_DEFAULTS, readPackageSettings } from '../../src/teams-package/settings';
import { SETTINGS_ENV } from './fixtures';

const read = (env: Record<string, string | undefined>, dev = false) => readPackageSettings(env, { dev, defaultVersion: '0.1.0' });

function refusal(env: Record<string, string | undefined>): ConfigError {
  try {
    read(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('the settings were accepted');
}

describe('packaging settings', () => {
  test('a complete set is accepted; ids are lower-cased, the version defaults to package.json, the developer to SecretWatch', () => {
    expect(read({ ...SETTINGS_ENV, TEAMS_APP_ID: SETTINGS_ENV.TEAMS_APP_ID.toUpperCase() })).toEqual({
      ...SETTINGS_ENV,
      DEVELOPER_NAME: 'SecretWatch',
      TEAMS_APP_VERSION: '0.1.0',
    });
  });

  test.each(['TEAMS_APP_ID', 'MICROSOFT_APP_ID', 'BOT_DOMAIN', 'DEVELOPER_WEBSITE_URL', 'DEVELOPER_PRIVACY_URL', 'DEVELOPER_TERMS_URL'] as const)(
    'missing %s is refused naming it',
    (name) => {
      for (const value of [undefined, '', '   ']) {
        const e = refusal({ ...SETTINGS_ENV, [name]: value });
        expect(e.setting).toBe(name);
        expect(e.message).toContain(`${name} is required to build the Teams app package`);
      }
    },
  );

  test.each([
    ['TEAMS_APP_ID', 'not-a-guid', /TEAMS_APP_ID must be a GUID/],
    ['TEAMS_APP_ID', '3f2a9c4e-7b1d-4e8a-9c2f-5d6b7a8e9f0', /TEAMS_APP_ID must be a GUID/],
    ['MICROSOFT_APP_ID', '{8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d}', /MICROSOFT_APP_ID must be a GUID/],
    ['DEVELOPER_WEBSITE_URL', 'http://security.contoso.com/', /DEVELOPER_WEBSITE_URL must use https/],
    ['DEVELOPER_PRIVACY_URL', 'security.contoso.com/privacy', /DEVELOPER_PRIVACY_URL must be an absolute URL/],
    ['DEVELOPER_TERMS_URL', 'ftp://security.contoso.com/terms', /DEVELOPER_TERMS_URL must use https/],
    ['BOT_DOMAIN', 'https://secretwatch-bot.azurewebsites.net/api/messages', /BOT_DOMAIN must be a host name only/],
    ['BOT_DOMAIN', 'secretwatch-bot.azurewebsites.net:443', /BOT_DOMAIN must be a host name only/],
    ['BOT_DOMAIN', 'localhost', /BOT_DOMAIN must be a host name like/],
    ['BOT_DOMAIN', 'bad_host.example.com', /BOT_DOMAIN must be a host name like/],
    ['TEAMS_APP_VERSION', '1.0', /TEAMS_APP_VERSION must be three numbers/],
    ['TEAMS_APP_VERSION', '1.0.0-beta', /TEAMS_APP_VERSION must be three numbers/],
    ['DEVELOPER_NAME', 'Contoso Security Operations Centre EMEA', /DEVELOPER_NAME must be at most 32 characters/],
  ])('%s=%s is refused naming the setting', (name, value, message) => {
    const e = refusal({ ...SETTINGS_ENV, [name]: value });
    expect(e.setting).toBe(name);
    expect(e.message).toMatch(message);
  });

  test("MICROSOFT_APP_ID falls back to the app's own MicrosoftAppId, and a bad one is refused under that name", () => {
    const { MICROSOFT_APP_ID, ...rest } = SETTINGS_ENV;
    expect(read({ ...rest, MicrosoftAppId: MICROSOFT_APP_ID }).MICROSOFT_APP_ID).toBe(MICROSOFT_APP_ID);
    expect(read({ ...SETTINGS_ENV, MicrosoftAppId: '11111111-1111-1111-1111-111111111111' }).MICROSOFT_APP_ID).toBe(MICROSOFT_APP_ID);
    const e = refusal({ ...rest, MicrosoftAppId: 'nope' });
    expect(e.setting).toBe('MicrosoftAppId');
  });

  test('TEAMS_APP_VERSION and DEVELOPER_NAME override their defaults', () => {
    expect(read({ ...SETTINGS_ENV, TEAMS_APP_VERSION: '1.4.0', DEVELOPER_NAME: 'Contoso SOC' })).toMatchObject({ TEAMS_APP_VERSION: '1.4.0', DEVELOPER_NAME: 'Contoso SOC' });
  });

  test('--dev fills only what is unset, with obviously fake values', () => {
    expect(read({}, true)).toMatchObject(DEV_DEFAULTS);
    expect(read({ TEAMS_APP_ID: SETTINGS_ENV.TEAMS_APP_ID, MicrosoftAppId: SETTINGS_ENV.MICROSOFT_APP_ID }, true)).toMatchObject({
      TEAMS_APP_ID: SETTINGS_ENV.TEAMS_APP_ID,
      MICROSOFT_APP_ID: SETTINGS_ENV.MICROSOFT_APP_ID,
      BOT_DOMAIN: 'secretwatch.example.com',
    });
    // A set but malformed value is still refused: --dev only fills gaps.
    expect(() => read({ TEAMS_APP_ID: 'x' }, true)).toThrow(/TEAMS_APP_ID must be a GUID/);
  });
});
