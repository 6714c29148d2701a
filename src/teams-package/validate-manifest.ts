import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';

/**
 * Offline validation of a filled manifest: the official JSON schema (bundled in
 * @microsoft/app-manifest, never downloaded) plus the Teams limits the schema does not encode.
 * Each problem carries a JSON path, so "$.bots[0].botId" tells the operator where to look.
 */
export interface ManifestProblem {
  readonly path: string;
  readonly message: string;
}

/** Documented bot-command limits that Teams enforces on upload but the schema leaves looser. */
export const COMMAND_TITLE_MAX = 32;
export const COMMAND_DESCRIPTION_MAX = 128;

// ajv's schema type, named through the validator so ajv need not be a direct dependency.
type BundledSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

const SCHEMA_HOST = 'https://developer.microsoft.com/';

export async function validateManifest(manifest: unknown): Promise<ManifestProblem[]> {
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
    return [{ path: '$', message: 'must be a JSON object' }];
  }
  const m = manifest as Record<string, unknown>;
  const schemaUrl = m['$schema'];
  if (typeof schemaUrl !== 'string') return [{ path: '$.$schema', message: 'is missing: the manifest must name its schema' }];
  const schema = loadBundledSchema(schemaUrl);
  if ('problem' in schema) return [{ path: '$.$schema', message: schema.problem }];

  const errors = await AppManifestUtils.validateAgainstSchema(manifest as AppManifest, schema.schema as BundledSchema);
  return [...errors.map(toProblem), ...teamsLimits(m)];
}

/** The local copy of a Teams schema URL (with or without a locale such as /en-us/). */
export function bundledSchemaPath(schemaUrl: string): string | undefined {
  const match = /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(json-schemas\/teams\/v\d+\.\d+\/MicrosoftTeams\.schema\.json)$/i.exec(schemaUrl);
  if (match === null) return undefined;
  return join(dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', match[1]!);
}

function loadBundledSchema(schemaUrl: string): { schema: object } | { problem: string } {
  const path = bundledSchemaPath(schemaUrl);
  if (path === undefined) {
    return { problem: `must be a Teams manifest schema URL like ${SCHEMA_HOST}en-us/json-schemas/teams/v1.22/MicrosoftTeams.schema.json (got "${schemaUrl}")` };
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { problem: `names a schema version that @microsoft/app-manifest does not bundle (${schemaUrl}); validation is offline only` };
  }
  // As @microsoft/app-manifest itself does: some schema texts carry \a and \v escapes JSON lacks.
  return { schema: JSON.parse(text.replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as object };
}

/** "/bots/0 must have required property 'botId'. Details: {…}" → $.bots[0].botId: is required. */
export function toProblem(error: string): ManifestProblem {
  const match = /^(\S*) (.*?)\. Details: (.*)$/s.exec(error);
  if (match === null) return { path: '$', message: error };
  const [, pointer = '', message = '', details = ''] = match;
  let params: Record<string, unknown> = {};
  try {
    params = JSON.parse(details) as Record<string, unknown>;
  } catch {
    // Details are informative only; the path and message stand without them.
  }
  const segments = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (typeof params['missingProperty'] === 'string') {
    return { path: jsonPath([...segments, params['missingProperty']]), message: 'is required but missing' };
  }
  if (typeof params['additionalProperty'] === 'string') {
    return { path: jsonPath([...segments, params['additionalProperty']]), message: 'is not allowed here (unknown property)' };
  }
  return { path: jsonPath(segments), message };
}

function jsonPath(segments: readonly string[]): string {
  return segments.reduce((path, s) => (/^\d+$/.test(s) ? `${path}[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `${path}.${s}` : `${path}[${JSON.stringify(s)}]`), '$');
}

function teamsLimits(m: Record<string, unknown>): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const bots = Array.isArray(m['bots']) ? (m['bots'] as unknown[]) : [];
  bots.forEach((bot, b) => {
    const lists = isRecord(bot) && Array.isArray(bot['commandLists']) ? (bot['commandLists'] as unknown[]) : [];
    lists.forEach((list, l) => {
      const commands = isRecord(list) && Array.isArray(list['commands']) ? (list['commands'] as unknown[]) : [];
      commands.forEach((command, c) => {
        if (!isRecord(command)) return;
        const at = `$.bots[${b}].commandLists[${l}].commands[${c}]`;
        const { title, description } = command;
        if (typeof title === 'string' && title.length > COMMAND_TITLE_MAX) {
          problems.push({ path: `${at}.title`, message: `must be at most ${COMMAND_TITLE_MAX} characters in Teams (has ${title.length})` });
        }
        if (typeof description === 'string' && description.length > COMMAND_DESCRIPTION_MAX) {
          problems.push({ path: `${at}.description`, message: `must be at most ${COMMAND_DESCRIPTION_MAX} characters in Teams (has ${description.length})` });
        }
      });
    });
  });
  // The zip holds the icons at its root, next to manifest.json.
  const icons = m['icons'];
  if (isRecord(icons)) {
    for (const key of ['color', 'outline'] as const) {
      const file = icons[key];
      if (typeof file === 'string' && !/^[\w.-]+\.png$/i.test(file)) {
        problems.push({ path: `$.icons.${key}`, message: `must be a .png file name without folders (got "${file}")` });
      }
    }
  }
  return problems;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
