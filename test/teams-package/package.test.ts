import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { ConfigError } from '../../src/config-error';
import { PackageInvalidError, preparePackage, writePackage } from '../../src/teams-package/build-package';
import { fillTemplate } from '../../src/teams-package/fill-template';
import { readPackageSettings } from '../../src/teams-package/settings';
import { ROOT, SETTINGS_ENV, template } from './fixtures';

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const temps: string[] = [];
const temp = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'secretwatch-package-'));
  temps.push(dir);
  return dir;
};
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A repository-shaped folder whose manifest/ can be broken without touching the real one. */
function fakeRoot(edit?: (manifest: Record<string, any>) => void): string {
  const root = temp();
  cpSync(join(ROOT, 'manifest'), join(root, 'manifest'), { recursive: true });
  copyFileSync(join(ROOT, 'package.json'), join(root, 'package.json'));
  if (edit !== undefined) {
    const file = join(root, 'manifest', 'manifest.json');
    const m = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    edit(m);
    writeFileSync(file, JSON.stringify(m, null, 2));
  }
  return root;
}

const hasUnzip = spawnSync('unzip', ['-v'], { stdio: 'ignore' }).status === 0;

describe('preparePackage + writePackage', () => {
  let out: string;
  let zipBytes: Buffer;

  beforeAll(async () => {
    out = temp();
    const written = writePackage(await preparePackage({ root: ROOT, env: SETTINGS_ENV }), out);
    expect(written).toEqual({ folder: join(out, 'appPackage'), zipFile: join(out, 'appPackage.zip') });
    zipBytes = readFileSync(written.zipFile);
  });

  test('the zip holds exactly manifest.json, color.png and outline.png at its root', () => {
    const entries = new AdmZip(zipBytes).getEntries();
    expect(entries.map((e) => e.entryName).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(entries.every((e) => !e.isDirectory)).toBe(true);
  });

  test('its manifest equals the filled template, and its icons are the committed ones', () => {
    const z = new AdmZip(zipBytes);
    const settings = readPackageSettings(SETTINGS_ENV, { defaultVersion: VERSION });
    expect(JSON.parse(z.readAsText('manifest.json'))).toEqual(fillTemplate(template(), settings));
    for (const icon of ['color.png', 'outline.png']) {
      expect(z.readFile(icon)!.equals(readFileSync(join(ROOT, 'manifest', icon)))).toBe(true);
    }
  });

  test('build/appPackage/ holds the same three files as the zip', () => {
    const z = new AdmZip(zipBytes);
    expect(readdirSync(join(out, 'appPackage')).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    for (const name of ['color.png', 'manifest.json', 'outline.png']) {
      expect(readFileSync(join(out, 'appPackage', name)).equals(z.readFile(name)!)).toBe(true);
    }
  });

  (hasUnzip ? test : test.skip)('Info-ZIP unzip lists, tests and extracts the same', () => {
    const zipFile = join(out, 'appPackage.zip');
    expect(execFileSync('unzip', ['-Z1', zipFile], { encoding: 'utf8' }).trim().split('\n').sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(execFileSync('unzip', ['-t', zipFile], { encoding: 'utf8' })).toMatch(/No errors detected/);
    const manifest = JSON.parse(execFileSync('unzip', ['-p', zipFile, 'manifest.json'], { encoding: 'utf8' })) as Record<string, unknown>;
    expect(manifest['id']).toBe(SETTINGS_ENV.TEAMS_APP_ID);
  });

  test('the same settings give the same zip, byte for byte; stale files in appPackage/ are removed', async () => {
    const again = temp();
    mkdirSync(join(again, 'appPackage'));
    writeFileSync(join(again, 'appPackage', 'old-icon.png'), 'stale');
    writePackage(await preparePackage({ root: ROOT, env: SETTINGS_ENV }), again);
    expect(readFileSync(join(again, 'appPackage.zip')).equals(zipBytes)).toBe(true);
    expect(readdirSync(join(again, 'appPackage')).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  test('a missing setting is refused naming it', async () => {
    const { BOT_DOMAIN: _, ...rest } = SETTINGS_ENV;
    await expect(preparePackage({ root: ROOT, env: rest })).rejects.toThrow(ConfigError);
    await expect(preparePackage({ root: ROOT, env: rest })).rejects.toMatchObject({ setting: 'BOT_DOMAIN' });
  });

  test('schema errors and icon problems are all reported, each naming where', async () => {
    const root = fakeRoot((m) => {
      delete m['bots'][0].botId;
      m['name'].short = 'SecretWatch — API Management secrets';
    });
    copyFileSync(join(ROOT, 'manifest', 'color.png'), join(root, 'manifest', 'outline.png'));
    const error = await preparePackage({ root, env: SETTINGS_ENV }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PackageInvalidError);
    expect((error as PackageInvalidError).problems).toEqual([
      'manifest.json $.name.short: must NOT have more than 30 characters',
      'manifest.json $.bots[0].botId: is required but missing',
      'outline.png: must be 32×32 pixels (is 192×192)',
      'outline.png: must have a transparent background, but no pixel is transparent',
      expect.stringMatching(/^outline\.png: must be white \(#FFFFFF\) where it is not transparent: \d+ pixel\(s\) are not, e\.g\. \(0, 0\) is #1F3A5F$/),
    ]);
  });

  test('an icon named in the manifest but missing from manifest/ is reported', async () => {
    const root = fakeRoot((m) => (m['icons'].color = 'colour.png'));
    await expect(preparePackage({ root, env: SETTINGS_ENV })).rejects.toThrow(/colour\.png: the color icon named in the manifest is not in manifest\//);
  });
});

describe('npm run package (scripts/package.ts)', () => {
  /** Runs the script from a copy inside `root`, so its .env and manifest/ are the fake root's. */
  function run(root: string, env: Record<string, string>, args: string[] = []): { status: number | null; stdout: string; stderr: string } {
    mkdirSync(join(root, 'scripts'), { recursive: true });
    copyFileSync(join(ROOT, 'scripts', 'package.ts'), join(root, 'scripts', 'package.ts'));
    if (!existsSync(join(root, 'src'))) symlinkSync(join(ROOT, 'src'), join(root, 'src'), 'dir');
    if (!existsSync(join(root, 'node_modules'))) symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/package.ts', ...args], {
      cwd: root,
      env: { PATH: process.env['PATH'] ?? '', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  test('with every setting: exit 0, build/appPackage.zip and build/appPackage/ written', () => {
    const root = fakeRoot();
    const r = run(root, { ...SETTINGS_ENV });
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(r.stdout).toContain('Teams app package: build/appPackage.zip');
    expect(new AdmZip(join(root, 'build', 'appPackage.zip')).getEntries().map((e) => e.entryName).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(JSON.parse(readFileSync(join(root, 'build', 'appPackage', 'manifest.json'), 'utf8'))).toMatchObject({ id: SETTINGS_ENV.TEAMS_APP_ID });
  });

  test('settings are read from .env like the app reads its own; the environment wins', () => {
    const root = fakeRoot();
    writeFileSync(join(root, '.env'), Object.entries({ ...SETTINGS_ENV, TEAMS_APP_VERSION: '2.0.0' }).map(([k, v]) => `${k}=${v}`).join('\n'));
    expect(run(root, { TEAMS_APP_VERSION: '2.0.1' }).status).toBe(0);
    expect(JSON.parse(readFileSync(join(root, 'build', 'appPackage', 'manifest.json'), 'utf8'))).toMatchObject({ id: SETTINGS_ENV.TEAMS_APP_ID, version: '2.0.1' });
  });

  test('a missing setting: exit 1, the message names it, nothing written', () => {
    const root = fakeRoot();
    const { TEAMS_APP_ID: _, ...rest } = SETTINGS_ENV;
    const r = run(root, rest);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('TEAMS_APP_ID is required to build the Teams app package');
    expect(r.stderr).toContain('npm run package -- --dev');
    expect(existsSync(join(root, 'build'))).toBe(false);
  });

  test('a malformed setting: exit 1 naming it', () => {
    const r = run(fakeRoot(), { ...SETTINGS_ENV, MICROSOFT_APP_ID: 'my-bot' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('MICROSOFT_APP_ID must be a GUID');
  });

  test('schema errors: exit 1, each error printed with its JSON path, nothing written', () => {
    const root = fakeRoot((m) => {
      delete m['bots'][0].botId;
      m['accentColor'] = 'navy';
    });
    const r = run(root, { ...SETTINGS_ENV });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('manifest.json $.bots[0].botId: is required but missing');
    expect(r.stderr).toContain('manifest.json $.accentColor: must match pattern');
    expect(r.stderr).toContain('Nothing was written.');
    expect(existsSync(join(root, 'build'))).toBe(false);
  });

  test('--dev fills unset settings with fake values and says so', () => {
    const root = fakeRoot();
    const r = run(root, {}, ['--dev']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--dev: fake values for TEAMS_APP_ID, MICROSOFT_APP_ID, BOT_DOMAIN');
    expect(run(root, {}, ['--prod'])).toMatchObject({ status: 1, stderr: expect.stringContaining('unknown argument --prod') });
  });
});
