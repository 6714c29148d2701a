import type { CommandError } from './command';
import { quoteForReply } from './text';
import { GUID_PATTERN } from '../util/guid';

/** What a `secrets …` command narrows the answer to. Values are validated here, at the edge. */
export interface Filters {
  /** A principal object id, or the asker's own (resolved by the handler from from.aadObjectId). */
  readonly principal?: { readonly kind: 'id'; readonly id: string } | { readonly kind: 'mine' };
  /** APIM service name, lower case (names are case-insensitive in Azure). */
  readonly service?: string;
  readonly subscription?: string;
  /** Applied after Started/completed pairing, so a pair is judged by its completion. */
  readonly outcome?: 'failed' | 'ok';
  /** Decision status from our store. */
  readonly status?: 'pending' | 'approved' | 'escalated';
  /** Page size for this answer. */
  readonly top?: number;
}

export const MAX_TOP = 25;
/** Azure API Management service names: 1–50 letters, digits and hyphens, starting with a letter, not ending with a hyphen. */
const APIM_NAME = /^[a-z](?:[a-z0-9-]{0,48}[a-z0-9])?$/;

/** Words that start a filter: a window never swallows them. */
export const FILTER_WORDS: ReadonlySet<string> = new Set([
  'by', 'mine', 'service', 'sub', 'subscription', 'failed', 'ok', 'pending', 'approved', 'escalated', 'top', 'fresh',
]);

export type FiltersResult = { ok: true; filters: Filters; fresh: boolean } | { ok: false; error: CommandError };

/** Parses the filter words after the window (lower-cased tokens), in any order. */
export function parseFilters(tokens: readonly string[]): FiltersResult {
  const f: { -readonly [K in keyof Filters]: Filters[K] } = {};
  let fresh = false;
  const seen = new Set<string>();
  const once = (slot: string, word: string): CommandError | undefined => {
    if (seen.has(slot)) return { code: 'BAD_FILTER', message: `"${quoteForReply(word)}" conflicts with another ${slot} filter in the same command.` };
    seen.add(slot);
    return undefined;
  };
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i] ?? '';
    const value = (): string | undefined => tokens[++i];
    let problem: CommandError | undefined;
    switch (word) {
      case 'by': {
        problem = once('principal', word);
        const id = value();
        if (id === undefined || !GUID_PATTERN.test(id)) {
          return bad(`"by" needs a principal object id like 7c3e5a9b-1d2f-4a6c-8e0b-3f5d7a9c1e2b${id === undefined ? '' : ` (got "${quoteForReply(id)}")`}.`);
        }
        f.principal = { kind: 'id', id };
        break;
      }
      case 'mine':
        problem = once('principal', word);
        f.principal = { kind: 'mine' };
        break;
      case 'service': {
        problem = once('service', word);
        const name = value();
        if (name === undefined || !APIM_NAME.test(name)) {
          return bad(`"service" needs an API Management service name: 1–50 letters, digits and hyphens, starting with a letter${name === undefined ? '' : ` (got "${quoteForReply(name)}")`}.`);
        }
        f.service = name;
        break;
      }
      case 'sub':
      case 'subscription': {
        problem = once('subscription', word);
        const id = value();
        if (id === undefined || !GUID_PATTERN.test(id)) {
          return bad(`"sub" needs a subscription id like 9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b${id === undefined ? '' : ` (got "${quoteForReply(id)}")`}.`);
        }
        f.subscription = id;
        break;
      }
      case 'failed':
      case 'ok':
        problem = once('outcome', word);
        f.outcome = word;
        break;
      case 'pending':
      case 'approved':
      case 'escalated':
        problem = once('status', word);
        f.status = word;
        break;
      case 'top': {
        problem = once('top', word);
        const n = value();
        if (n === undefined || !/^\d{1,3}$/.test(n) || Number(n) < 1 || Number(n) > MAX_TOP) {
          return bad(`"top" needs a number from 1 to ${MAX_TOP}${n === undefined ? '' : ` (got "${quoteForReply(n)}")`}.`);
        }
        f.top = Number(n);
        break;
      }
      case 'fresh':
        fresh = true;
        break;
      default:
        return { ok: false, error: { code: 'UNEXPECTED_WORDS', message: `I don't understand "${quoteForReply(word)}" in this command.` } };
    }
    if (problem !== undefined) return { ok: false, error: problem };
  }
  return { ok: true, filters: f, fresh };
}

function bad(message: string): FiltersResult {
  return { ok: false, error: { code: 'BAD_FILTER', message } };
}
