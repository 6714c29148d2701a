import type { CommandError } from './command';
import { parseByValue, type PrincipalFilter } from './principal-filter';
import { quoteForReply } from './text';
import type { Token } from './tokens';
import { GUID_PATTERN } from '../util/guid';

/** What a `secrets …` command narrows the answer to. Values are validated here, at the edge. */
export interface Filters {
  /** A principal object id; the asker's own (from from.aadObjectId); or a UPN or display name the handler resolves through the directory. */
  readonly principal?: PrincipalFilter;
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

/** Parses the filter tokens after the window, in any order. Keywords are case-insensitive; a name after `by` keeps its case. */
export function parseFilters(tokens: readonly Token[]): FiltersResult {
  const f: { -readonly [K in keyof Filters]: Filters[K] } = {};
  let fresh = false;
  const seen = new Set<string>();
  const once = (slot: string, word: string): CommandError | undefined => {
    if (seen.has(slot)) return { code: 'BAD_FILTER', message: `"${quoteForReply(word)}" conflicts with another ${slot} filter in the same command.` };
    seen.add(slot);
    return undefined;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const word = token?.word ?? '';
    const value = (): string | undefined => tokens[++i]?.word;
    let problem: CommandError | undefined;
    switch (word) {
      case 'by': {
        problem = once('principal', word);
        const by = parseByValue(tokens[++i]);
        if (!by.ok) return bad(by.message);
        f.principal = by.principal;
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
        if (token?.quoted === true) {
          return { ok: false, error: { code: 'UNEXPECTED_WORDS', message: `I don't understand "${quoteForReply(token.text)}" here: a name in quotes goes after "by", like by "Adele Vance".` } };
        }
        return { ok: false, error: { code: 'UNEXPECTED_WORDS', message: `I don't understand "${quoteForReply(word)}" in this command.` } };
    }
    if (problem !== undefined) return { ok: false, error: problem };
  }
  return { ok: true, filters: f, fresh };
}

function bad(message: string): FiltersResult {
  return { ok: false, error: { code: 'BAD_FILTER', message } };
}
