import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fillTemplate, type Json } from './fill-template';
import { checkColorIcon, checkOutlineIcon } from './icon-check';
import { readPackageSettings, type PackageSettings } from './settings';
import { validateManifest } from './validate-manifest';
import { zip, type ZipEntry } from './zip';

/**
 * `npm run package` without the command line: fill manifest/manifest.json from the settings,
 * validate it against the bundled schema, check the icons, and only then write
 * build/appPackage/ and build/appPackage.zip — a package that would be refused is never written.
 */
export const MANIFEST_DIR = 'manifest';
export const TEMPLATE_FILE = 'manifest.json';

export interface AppPackage {
  readonly settings: PackageSettings;
  readonly manifest: Json;
  /** manifest.json and the two icons, in zip order. */
  readonly files: readonly ZipEntry[];
}

/** Schema errors and icon problems, each "where: what". */
export class PackageInvalidError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The Teams app package is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackageInvalidError';
  }
}

export interface PrepareOptions {
  /** Repository root: manifest/ and package.json are read from here. */
  readonly root: string;
  /** The environment merged over .env. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly dev?: boolean;
}

export async function preparePackage(options: PrepareOptions): Promise<AppPackage> {
  const dir = join(options.root, MANIFEST_DIR);
  const packageVersion = (JSON.parse(readFileSync(join(options.root, 'package.json'), 'utf8')) as { version: string }).version;
  // Settings first: a missing one is the likeliest mistake and its message is the most useful.
  const settings = readPackageSettings(options.env, { dev: options.dev === true, defaultVersion: packageVersion });
  const manifest = fillTemplate(JSON.parse(readFileSync(join(dir, TEMPLATE_FILE), 'utf8')) as Json, settings);

  const problems = (await validateManifest(manifest)).map((p) => `manifest.json ${p.path}: ${p.message}`);
  const icons = iconFiles(manifest);
  const files: ZipEntry[] = [{ name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) }];
  for (const [kind, file] of icons) {
    let data: Buffer;
    try {
      data = readFileSync(join(dir, file));
    } catch {
      problems.push(`${file}: the ${kind} icon named in the manifest is not in ${MANIFEST_DIR}/`);
      continue;
    }
    const check = kind === 'color' ? checkColorIcon : checkOutlineIcon;
    problems.push(...check(file, data).map((p) => `${p.file}: ${p.message}`));
    files.push({ name: file, data });
  }
  if (problems.length > 0) throw new PackageInvalidError(problems);
  return { settings, manifest, files };
}

export interface WrittenPackage {
  readonly folder: string;
  readonly zipFile: string;
}

/** Writes <outDir>/appPackage/ (replacing what was there) and <outDir>/appPackage.zip. */
export function writePackage(pkg: AppPackage, outDir: string): WrittenPackage {
  const folder = join(outDir, 'appPackage');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  for (const file of pkg.files) writeFileSync(join(folder, file.name), file.data);
  const zipFile = join(outDir, 'appPackage.zip');
  writeFileSync(zipFile, zip(pkg.files));
  return { folder, zipFile };
}

/** The icon files the manifest names, when it names them as plain strings (the schema says the rest). */
function iconFiles(manifest: Json): Array<['color' | 'outline', string]> {
  const icons = manifest !== null && typeof manifest === 'object' && !Array.isArray(manifest) ? manifest['icons'] : undefined;
  if (icons === null || typeof icons !== 'object' || Array.isArray(icons) || icons === undefined) return [];
  const out: Array<['color' | 'outline', string]> = [];
  for (const kind of ['color', 'outline'] as const) {
    const file = icons[kind];
    // validate-manifest already refused names with folders; reading them would leave manifest/.
    if (typeof file === 'string' && /^[\w.-]+\.png$/i.test(file)) out.push([kind, file]);
  }
  return out;
}
