/**
 * `npm run package [-- --dev]`: the Teams app package an admin uploads — build/appPackage.zip
 * (manifest.json, color.png, outline.png at its root) and the same files in build/appPackage/.
 * Settings come from the environment over .env, as for the app (see manifest/README.md);
 * `--dev` fills unset ones with obviously fake values to try the packaging locally.
 * Exit code 1 when a setting is missing or malformed, the manifest fails the schema, or an icon
 * breaks Teams' rules; nothing is written then.
 */
import { join, relative } from 'node:path';
import { ConfigError, readEnvironment } from '../src/config';
import { PackageInvalidError, preparePackage, writePackage } from '../src/teams-package/build-package';
import { DEV_DEFAULTS } from '../src/teams-package/settings';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--dev');
  if (unknown.length > 0) {
    process.stderr.write(`package: unknown argument ${unknown.join(' ')} (usage: npm run package [-- --dev])\n`);
    return 1;
  }
  const dev = args.includes('--dev');
  const root = join(__dirname, '..');
  const env = readEnvironment(root);
  try {
    const pkg = await preparePackage({ root, env, dev });
    const written = writePackage(pkg, join(root, 'build'));
    const s = pkg.settings;
    process.stdout.write(
      [
        `Teams app package: ${relative(process.cwd(), written.zipFile)} (files in ${relative(process.cwd(), written.folder)}/)`,
        `  app id ${s.TEAMS_APP_ID}, version ${s.TEAMS_APP_VERSION}; bot ${s.MICROSOFT_APP_ID} at ${s.BOT_DOMAIN}`,
        '  manifest valid against the bundled schema; icons 192×192 and 32×32 (white on transparent)',
        '',
      ].join('\n'),
    );
    const faked = Object.keys(DEV_DEFAULTS).filter((name) => dev && (env[name]?.trim() ?? '') === '' && !(name === 'MICROSOFT_APP_ID' && (env['MicrosoftAppId']?.trim() ?? '') !== ''));
    if (faked.length > 0) {
      process.stdout.write(`  --dev: fake values for ${faked.join(', ')} — fine for trying the packaging, not for uploading.\n`);
    }
    return 0;
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`package: ${e.message}\n  ${e.hint ?? ''}\n  Or try it with fake values: npm run package -- --dev\n`);
      return 1;
    }
    if (e instanceof PackageInvalidError) {
      process.stderr.write(`package: ${e.message}\nNothing was written.\n`);
      return 1;
    }
    throw e;
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`package failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
