import type { PackageSettings } from './settings';

/**
 * Fills `${{NAME}}` placeholders in manifest/manifest.json. The template is parsed first and only
 * string values are rewritten, so a value can never break the JSON around it; a placeholder with
 * no setting behind it is an error rather than a literal left in the package.
 */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export function fillTemplate(template: Json, settings: PackageSettings): Json {
  const values: Readonly<Record<string, string>> = { ...settings };
  const fill = (node: Json, path: string): Json => {
    if (typeof node === 'string') {
      return node.replace(PLACEHOLDER, (_, name: string) => {
        const value = values[name];
        if (value === undefined) throw new Error(`manifest/manifest.json ${path} uses \${{${name}}}, which is not a packaging setting (known: ${Object.keys(values).join(', ')}).`);
        return value;
      });
    }
    if (Array.isArray(node)) return node.map((item, i) => fill(item, `${path}[${i}]`));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v, path === '' ? k : `${path}.${k}`)]));
    }
    return node;
  };
  return fill(template, '');
}

/** The placeholder names a template uses, in order of first use. */
export function placeholdersIn(templateText: string): string[] {
  return [...new Set([...templateText.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}
