import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from './config-error';
import { GUID_PATTERN } from './util/guid';

/** Typed readers for single settings: each names the setting when its value is refused. */
export type Get = (name: string) => string | undefined;

export const LOOPBACK: ReadonlySet<string> = new Set(['127.0.0.1', '::1', 'localhost']);

export function existingFile(path: string, name: string): string {
  if (!existsSync(resolve(path))) throw new ConfigError(name, `names a file that does not exist (got ${shown(path)}).`);
  return path;
}


export function guid(value: string, name: string): string {
  if (!GUID_PATTERN.test(value)) throw new ConfigError(name, `must be a GUID like 00000000-0000-0000-0000-000000000000 (got ${shown(value)}).`);
  return value;
}

/**
 * A refused value as an error message may quote it — only when it cannot be a secret pasted into
 * the wrong setting (error messages reach logs). Masked, with its length and first three characters
 * (the "secret hint" Entra itself shows): anything with control characters, tabs or line breaks (a
 * PEM key), a "~" (Entra client secrets), a long random-looking run (a base64 or hex key, "/" and
 * "+" included), or over 200 characters. Spaces alone do not mask: "Buenos Aires" is a typo to see.
 * An http(s) URL keeps its origin and short path segments: no query, fragment, user info, nor long
 * segments (Incoming Webhook URLs carry their secret in the path).
 */
export function shown(value: string): string {
  const masked = `a value of ${value.length} characters starting "${value.slice(0, 3)}…", not shown in full`;
  if (/^https?:\/\//i.test(value)) {
    try {
      const u = new URL(value);
      const segments = u.pathname.split('/').map((seg) => (seg.length > 16 || seg.includes('~') ? '…' : seg));
      const path = segments.join('/');
      const cut = u.search !== '' || u.hash !== '' || u.username !== '' || u.password !== '' || path !== u.pathname;
      return `"${u.protocol}//${u.host}${path}${cut && !path.endsWith('…') ? '…' : ''}"`;
    } catch {
      return masked;
    }
  }
  if (value.length > 200 || /[\u0000-\u001f\u007f~]/.test(value)) return masked;
  if (looksRandom(value)) return masked;
  return `"${value}"`;
}

/**
 * A key, not a name: a run of 20+ base64 characters mixing upper case, lower case and digits, or
 * 32+ hex digits (paths, hosts, zones and GUIDs are words and separators, or short hex groups).
 */
function looksRandom(value: string): boolean {
  for (const run of value.match(/[A-Za-z0-9+/=_-]{20,}/g) ?? []) {
    if (/[A-Z]/.test(run) && /[a-z]/.test(run) && /\d/.test(run)) return true;
    if (/^[0-9a-fA-F]{32,}$/.test(run)) return true;
  }
  return false;
}

export function integer(get: Get, name: string, fallback: number, min: number, max: number): number {
  const raw = get(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got ${shown(raw)}).`);
  return n;
}

export function bool(get: Get, name: string, fallback: boolean): boolean {
  const raw = get(name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (raw === 'true' || raw === '1' || raw === 'yes') return true;
  if (raw === 'false' || raw === '0' || raw === 'no') return false;
  throw new ConfigError(name, `must be true or false (got ${shown(raw)}).`);
}

export function url(get: Get, name: string, fallback: string): string {
  const raw = get(name) ?? fallback;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be an absolute URL (got ${shown(raw)}).`);
  }
  // Bearer tokens travel only over https (the Graph SDK withholds them from http hosts anyway).
  if (parsed.protocol !== 'https:') {
    throw new ConfigError(name, `must use https (got ${shown(raw)}).`);
  }
  return raw.replace(/\/$/, '');
}

export function oneOf<T extends string>(get: Get, name: string, allowed: readonly T[], fallback: T): T {
  const raw = get(name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got ${shown(raw)}).`);
  return raw as T;
}
