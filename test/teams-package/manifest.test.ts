import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommand } from '../../src/commands/grammar';
import { fillTemplate, placeholdersIn, type Json } from '../../src/teams-package/fill-template';
import { ACCENT } from '../../src/teams-package/icon-art';
import { PACKAGE_SETTING_NAMES, readPackageSettings } from '../../src/teams-package/settings';
import { bundledSchemaPath, toProblem, validateManifest } from '../../src/teams-package/validate-manifest';
import { ROOT, SETTINGS_ENV, clone, template } from './fixtures';

const settings = readPackageSettings(SETTINGS_ENV, { defaultVersion: '0.1.0' });
type Manifest = Record<string, any>;
const filled = (): Manifest => fillTemplate(template(), settings) as Manifest;

describe('manifest/manifest.json filled from settings', () => {
  test('the template uses exactly the packaging settings as placeholders, and no real ids', () => {
    const text = readFileSync(join(ROOT, 'manifest/manifest.json'), 'utf8');
    expect(placeholdersIn(text).sort()).toEqual([...PACKAGE_SETTING_NAMES].sort());
    // Every GUID-shaped string in the template would be a committed id.
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
  });

  test('the filled manifest passes the official v1.22 schema, offline, and the Teams command limits', async () => {
    const m = filled();
    expect(m['$schema']).toBe('https://developer.microsoft.com/en-us/json-schemas/teams/v1.22/MicrosoftTeams.schema.json');
    expect(m['manifestVersion']).toBe('1.22');
    expect(await validateManifest(m)).toEqual([]);
  });

  test('ids, domain and URLs come from the settings', () => {
    const m = filled();
    expect(m['id']).toBe(SETTINGS_ENV.TEAMS_APP_ID);
    expect(m['version']).toBe('0.1.0');
    expect(m['developer']).toEqual({
      name: 'SecretWatch',
      websiteUrl: SETTINGS_ENV.DEVELOPER_WEBSITE_URL,
      privacyUrl: SETTINGS_ENV.DEVELOPER_PRIVACY_URL,
      termsOfUseUrl: SETTINGS_ENV.DEVELOPER_TERMS_URL,
    });
    expect(m['bots'][0].botId).toBe(SETTINGS_ENV.MICROSOFT_APP_ID);
    expect(m['validDomains']).toEqual([SETTINGS_ENV.BOT_DOMAIN]);
    // The documented form for a bot without tabs: api://botid-{app id}.
    expect(m['webApplicationInfo']).toEqual({ id: SETTINGS_ENV.MICROSOFT_APP_ID, resource: `api://botid-${SETTINGS_ENV.MICROSOFT_APP_ID}` });
    expect(m['accentColor']).toBe(ACCENT);
  });

  test('the bot works in personal chats, teams and group chats; file consent (export) needs supportsFiles', () => {
    const bot = filled()['bots'][0];
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot.supportsFiles).toBe(true);
    const scopes = bot.commandLists.flatMap((l: { scopes: string[] }) => l.scopes).sort();
    expect(scopes).toEqual(['groupChat', 'personal', 'team']);
  });

  test('every listed command is one the chat grammar accepts once completed; sent as inserted, it says what to add', () => {
    const now = new Date('2024-08-01T12:00:00Z');
    const lists: Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }> = filled()['bots'][0].commandLists;
    const titles = new Set<string>();
    for (const list of lists) {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      for (const { title } of list.commands) {
        titles.add(title);
        // Teams inserts the title into the compose box: "by" and "history" wait for a value.
        const completion = title.endsWith(' by') ? ' "Adele Vance"' : title.endsWith(' history') ? ' a1b2c3d4e5' : '';
        expect({ title, ok: parseCommand(title + completion, now).ok }).toEqual({ title, ok: true });
        const asInserted = parseCommand(title, now);
        if (completion !== '') expect(asInserted.ok ? 'parsed' : asInserted.error.message).toMatch(/needs .*(extraction id|"Adele Vance")/);
      }
    }
    expect([...titles].sort()).toEqual(
      [
        'help',
        'secrets by',
        'secrets escalate here',
        'secrets export last 30d',
        'secrets failed',
        'secrets history',
        'secrets kql last 7d',
        'secrets last 24h',
        'secrets last 7d',
        'secrets mine',
        'secrets pending',
      ].sort(),
    );
    // Export works only in a personal chat, escalations go to a channel or group chat.
    const personal = lists.find((l) => l.scopes.includes('personal'))!.commands.map((c) => c.title);
    const shared = lists.find((l) => l.scopes.includes('team'))!.commands.map((c) => c.title);
    expect(personal).toContain('secrets export last 30d');
    expect(personal).not.toContain('secrets escalate here');
    expect(shared).toContain('secrets escalate here');
    expect(shared).not.toContain('secrets export last 30d');
  });

  test('a placeholder without a setting is an error, not a literal in the package', () => {
    expect(() => fillTemplate({ a: { b: ['x ${{TENANT_ID}}'] } }, settings)).toThrow(/a\.b\[0\] uses \$\{\{TENANT_ID\}\}, which is not a packaging setting/);
  });

  test('values are placed as JSON strings: quotes in a value cannot break the manifest', () => {
    const out = fillTemplate({ n: '${{DEVELOPER_NAME}}' }, { ...settings, DEVELOPER_NAME: 'Contoso "SOC", Inc.' }) as Record<string, Json>;
    expect(out['n']).toBe('Contoso "SOC", Inc.');
  });
});

describe('a broken manifest is rejected with the JSON path of each problem', () => {
  const problemsOf = async (change: (m: Manifest) => void) => {
    const m = clone(filled());
    change(m);
    return validateManifest(m);
  };

  test('missing bots[0].botId', async () => {
    expect(await problemsOf((m) => delete m['bots'][0].botId)).toEqual([{ path: '$.bots[0].botId', message: 'is required but missing' }]);
  });

  test('a short name over 30 characters', async () => {
    expect(await problemsOf((m) => (m['name'].short = 'SecretWatch for API Management!'))).toEqual([
      { path: '$.name.short', message: 'must NOT have more than 30 characters' },
    ]);
  });

  test('a bad GUID as app id and as bot id', async () => {
    const problems = await problemsOf((m) => {
      m['id'] = 'secretwatch';
      m['bots'][0].botId = '1234';
      m['webApplicationInfo'].id = '1234';
    });
    expect(problems.map((p) => p.path)).toEqual(['$.id', '$.bots[0].botId', '$.webApplicationInfo.id']);
    expect(problems[0]!.message).toMatch(/^must match pattern/);
  });

  test('an unknown property, an http URL, a bad colour and a short description over 80 characters', async () => {
    const problems = await problemsOf((m) => {
      m['bots'][0].commandsList = [];
      m['developer'].privacyUrl = 'ftp://contoso.com/privacy';
      m['accentColor'] = 'navy';
      m['description'].short = 'x'.repeat(81);
    });
    expect(problems.map((p) => p.path).sort()).toEqual(['$.accentColor', '$.bots[0].commandsList', '$.description.short', '$.developer.privacyUrl']);
    expect(problems.find((p) => p.path === '$.bots[0].commandsList')!.message).toBe('is not allowed here (unknown property)');
  });

  test('more than 10 commands in a list; a command title over 32 or description over 128 characters (Teams limits)', async () => {
    const problems = await problemsOf((m) => {
      const list = m['bots'][0].commandLists[0];
      list.commands[0].title = 'secrets last 7d service apim-contoso-prod';
      list.commands[1].description = 'y'.repeat(129);
      list.commands.push({ title: 'secrets ok', description: 'successful ones' });
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: '$.bots[0].commandLists[0].commands', message: 'must NOT have more than 10 items' },
        { path: '$.bots[0].commandLists[0].commands[0].title', message: 'must be at most 32 characters in Teams (has 41)' },
        { path: '$.bots[0].commandLists[0].commands[1].description', message: 'must be at most 128 characters in Teams (has 129)' },
      ]),
    );
  });

  test('a manifestVersion that does not match the schema', async () => {
    expect(await problemsOf((m) => (m['manifestVersion'] = '1.21'))).toEqual([{ path: '$.manifestVersion', message: 'must be equal to constant' }]);
  });

  test('a schema that is not bundled is refused rather than downloaded', async () => {
    const problems = await problemsOf((m) => (m['$schema'] = 'https://developer.microsoft.com/en-us/json-schemas/teams/v9.99/MicrosoftTeams.schema.json'));
    expect(problems).toEqual([{ path: '$.$schema', message: expect.stringMatching(/does not bundle .*validation is offline only/) }]);
    expect((await problemsOf((m) => (m['$schema'] = 'https://example.com/schema.json')))[0]!.path).toBe('$.$schema');
    expect(await validateManifest([])).toEqual([{ path: '$', message: 'must be a JSON object' }]);
  });

  test('icon paths with folders are refused: the zip keeps icons next to manifest.json', async () => {
    expect(await problemsOf((m) => (m['icons'].outline = 'icons/outline.png'))).toEqual([
      { path: '$.icons.outline', message: 'must be a .png file name without folders (got "icons/outline.png")' },
    ]);
  });

  test('schema URLs with and without a locale map to the bundled copy; the 1.22 and 1.23 schemas are there', () => {
    const plain = bundledSchemaPath('https://developer.microsoft.com/json-schemas/teams/v1.23/MicrosoftTeams.schema.json');
    expect(plain).toMatch(/app-manifest[/\\]build[/\\]json-schemas[/\\]teams[/\\]v1\.23[/\\]MicrosoftTeams\.schema\.json$/);
    expect(bundledSchemaPath('https://developer.microsoft.com/en-us/json-schemas/teams/v1.22/MicrosoftTeams.schema.json')).toMatch(/v1\.22/);
    expect(() => readFileSync(plain!)).not.toThrow();
  });

  test('validator messages become JSON paths, keys that are not identifiers are quoted', () => {
    expect(toProblem(`/bots/0/commandLists/1 must have required property 'scopes'. Details: {"missingProperty":"scopes"}`)).toEqual({
      path: '$.bots[0].commandLists[1].scopes',
      message: 'is required but missing',
    });
    expect(toProblem(`/a~1b/x-y must be string. Details: {"type":"string"}`)).toEqual({ path: '$["a/b"]["x-y"]', message: 'must be string' });
    expect(toProblem('something odd')).toEqual({ path: '$', message: 'something odd' });
  });
});
