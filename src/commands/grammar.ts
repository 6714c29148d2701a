import type { Command, CommandError, CommandErrorCode, ParseResult } from './command';
import { EXTRACTION_ID_PATTERN } from '../hunting/extraction';
import { FILTER_WORDS, parseFilters } from './filters';
import { normaliseChatText, quoteForReply } from './text';
import { isQuotedWord, tokenize } from './tokens';
import { DEFAULT_WINDOW, RETENTION_DAYS, RETENTION_MS, durationMs, type DurationUnit, type Window } from './window';

/**
 * The whole chat grammar. Every form the help card lists is parsed here and nowhere else.
 *
 *   help | ? | /help
 *   secrets [kql] [<window>] [<filter> …] [fresh]
 *   <window>  = [last] (<n><unit> | <n> <unit words> | hour | day | week)
 *             | since <YYYY-MM-DD>[T| ]<HH:MM[:SS]>[Z|±HH:MM]]
 *   <filter>  = by (<object id> | <user principal name> | "<display name>") | mine
 *             | service <name> | sub <subscription id>
 *             | failed | ok | pending | approved | escalated | top <n>     (see filters.ts)
 *
 * Words are case-insensitive; a quoted string ("…" or “…”) is one token and keeps its case.
 */
export function parseCommand(raw: string, now: Date): ParseResult {
  const typed = normaliseChatText(raw);
  const tokens = tokenize(typed);
  const words = tokens.map((t) => t.word);
  const [head, ...rest] = words;
  if (head === undefined || head === 'help' || head === '?' || head === '/help') {
    return ok({ kind: 'help' });
  }
  if (head !== 'secrets' && head !== '/secrets') {
    return fail('UNKNOWN_COMMAND', `I don't know the command "${quoteForReply(typed)}".`);
  }
  if (rest[0] === 'escalate') {
    if (rest.length === 2 && rest[1] === 'here') return ok({ kind: 'escalate-here' });
    return fail('UNEXPECTED_WORDS', 'Did you mean "secrets escalate here"? To escalate an extraction, use the Escalate button on its card.');
  }
  if (rest[0] === 'export') {
    const windowTokens = rest.slice(1);
    const length = windowTokenCount(windowTokens);
    if (length !== windowTokens.length) {
      return fail('UNEXPECTED_WORDS', `"secrets export" takes only a window, like "secrets export last 30d".`);
    }
    const window = parseWindowWords(windowTokens, now);
    if (!window.ok) return { ok: false, error: { ...window.error, message: asTyped(window.error.message, typed) } };
    return ok({ kind: 'export', window: window.window });
  }
  if (rest[0] === 'history') {
    // Ids keep the case they were typed in (ReportIds are GUIDs, ours are lower-case hashes).
    const id = typed.split(' ').filter((w) => w.length > 0)[2];
    if (id === undefined || rest.length !== 2 || !EXTRACTION_ID_PATTERN.test(id)) {
      return fail('BAD_FILTER', '"secrets history" needs one extraction id, as shown on an extraction card.');
    }
    return ok({ kind: 'history', extractionId: id });
  }
  const kql = rest[0] === 'kql';
  const start = kql ? 2 : 1; // after "secrets" and "kql"
  const windowLength = windowTokenCount(words.slice(start));
  const window = parseWindowWords(words.slice(start, start + windowLength), now);
  if (!window.ok) return { ok: false, error: { ...window.error, message: asTyped(window.error.message, typed) } };
  const filters = parseFilters(tokens.slice(start + windowLength));
  if (!filters.ok) return { ok: false, error: { ...filters.error, message: asTyped(filters.error.message, typed) } };
  return ok(
    kql
      ? { kind: 'kql', window: window.window, filters: filters.filters }
      : { kind: 'secrets', window: window.window, filters: filters.filters, fresh: filters.fresh },
  );
}

/** How many leading tokens form the window: it comes first, and never swallows a filter word. */
function windowTokenCount(tokens: readonly string[]): number {
  const [a, b, c] = tokens;
  const isValue = (t: string | undefined): t is string => t !== undefined && !FILTER_WORDS.has(t) && !isQuotedWord(t);
  if (a === 'since') return isValue(c) && /^\d{1,2}:\d{2}/.test(c) ? 3 : isValue(b) ? 2 : 1;
  if (a === 'last') return isValue(b) && /^\d+$/.test(b) && isValue(c) ? 3 : isValue(b) ? 2 : 1;
  if (a !== undefined && /^\d/.test(a)) return /^\d+$/.test(a) && isValue(b) && UNIT_WORDS.has(b) ? 2 : 1;
  return 0;
}

type WindowResult = { ok: true; window: Window } | { ok: false; error: CommandError };

const UNIT_WORDS: ReadonlyMap<string, { unit: DurationUnit; factor: number }> = new Map(Object.entries({
  m: { unit: 'm', factor: 1 }, min: { unit: 'm', factor: 1 }, mins: { unit: 'm', factor: 1 },
  minute: { unit: 'm', factor: 1 }, minutes: { unit: 'm', factor: 1 },
  h: { unit: 'h', factor: 1 }, hr: { unit: 'h', factor: 1 }, hrs: { unit: 'h', factor: 1 },
  hour: { unit: 'h', factor: 1 }, hours: { unit: 'h', factor: 1 },
  d: { unit: 'd', factor: 1 }, day: { unit: 'd', factor: 1 }, days: { unit: 'd', factor: 1 },
  w: { unit: 'd', factor: 7 }, wk: { unit: 'd', factor: 7 }, wks: { unit: 'd', factor: 7 },
  week: { unit: 'd', factor: 7 }, weeks: { unit: 'd', factor: 7 },
} satisfies Record<string, { unit: DurationUnit; factor: number }>)); // a Map: "constructor" is not a unit

/** More digits than this is garbage, not a window (and keeps Number() exact). */
const MAX_AMOUNT_DIGITS = 7;

function parseWindowWords(words: readonly string[], now: Date): WindowResult {
  if (words.length === 0) return { ok: true, window: DEFAULT_WINDOW };
  const [first, ...after] = words;
  if (first === 'since') return parseSince(after, now);
  const tokens = first === 'last' ? after : words;
  const text = tokens.join(' ');

  // "hour" / "day" / "week" alone after "last" means one of them.
  const single = tokens.length === 1 && tokens[0] !== undefined ? UNIT_WORDS.get(tokens[0]) : undefined;
  if (first === 'last' && single !== undefined && /^[a-z]{3,}$/.test(tokens[0] ?? '')) {
    return relative(1, single.unit, single.factor, text);
  }

  // "7d", "7 d", "7 days"
  const match = /^(\d+)\s?([a-z]+)$/.exec(text);
  if (match === null) {
    if (tokens.length > 2 || (tokens.length === 2 && !/^\d/.test(tokens[0] ?? ''))) {
      return fail('UNEXPECTED_WORDS', `I don't understand "${quoteForReply(text)}" after "secrets".`);
    }
    return fail('BAD_WINDOW', `"${quoteForReply(text)}" is not a time window I understand.`);
  }
  const [, digits = '', unitWord = ''] = match;
  const unit = UNIT_WORDS.get(unitWord);
  if (unit === undefined) return fail('BAD_WINDOW', `"${quoteForReply(unitWord)}" is not a time unit I know (use m, h, d or w).`);
  if (digits.length > MAX_AMOUNT_DIGITS) {
    return fail('WINDOW_TOO_LONG', tooLong(text));
  }
  return relative(Number(digits), unit.unit, unit.factor, text);
}

function relative(amount: number, unit: DurationUnit, factor: number, asTyped: string): WindowResult {
  if (amount <= 0) return fail('BAD_WINDOW', `A window of "${quoteForReply(asTyped)}" is empty; ask for at least 1 minute.`);
  const window: Window = { kind: 'relative', amount: amount * factor, unit };
  if (durationMs(window) > RETENTION_MS) return fail('WINDOW_TOO_LONG', tooLong(asTyped));
  return { ok: true, window };
}

function tooLong(asTyped: string): string {
  return (
    `Defender keeps advanced hunting data for ${RETENTION_DAYS} days, so "${quoteForReply(asTyped)}" cannot be searched. ` +
    `Ask for ${RETENTION_DAYS} days or less, for example "secrets last ${RETENTION_DAYS}d".`
  );
}

const SINCE_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[t ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?)?\s?(z|utc|[+-]\d{2}:?\d{2})?$/;

function parseSince(words: readonly string[], now: Date): WindowResult {
  const text = words.join(' ');
  const m = SINCE_PATTERN.exec(text);
  if (m === null) {
    return fail('BAD_WINDOW', `"${quoteForReply(text)}" is not a date I understand. Use 2024-07-30 or 2024-07-30T08:00Z.`);
  }
  const [, y, mo, d, hh = '00', mi = '00', ss = '00', zone = 'z'] = m;
  const parts = [y, mo, d, hh, mi, ss].map(Number) as [number, number, number, number, number, number];
  const [year, month, day, hour, minute, second] = parts;
  const utcMs = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(utcMs);
  // Date.UTC silently rolls 2024-02-30 into March; a real calendar date round-trips.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return fail('BAD_WINDOW', `"${quoteForReply(text)}" is not a real date and time.`);
  }
  const offset = zoneOffsetMs(zone);
  if (offset === undefined) return fail('BAD_WINDOW', `"${quoteForReply(zone)}" is not a time zone offset (use Z or ±hh:mm, at most ±14:00).`);
  const start = new Date(utcMs - offset);
  if (start.getTime() >= now.getTime()) {
    return fail('WINDOW_IN_FUTURE', `"${quoteForReply(text)}" is in the future; nothing has happened since then yet.`);
  }
  if (now.getTime() - start.getTime() > RETENTION_MS) {
    return fail('WINDOW_TOO_LONG', tooLong(`since ${text}`));
  }
  return { ok: true, window: { kind: 'since', start } };
}

function zoneOffsetMs(zone: string): number | undefined {
  if (zone === 'z' || zone === 'utc') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4));
  if (minutes > 59 || hours * 60 + minutes > 14 * 60) return undefined; // real offsets span -12:00…+14:00
  return sign * (hours * 60 + minutes) * 60_000;
}

/**
 * Parsing works on lower case; messages quote what the user typed. Each quoted fragment is found
 * again, case-insensitively, in the typed text and replaced by the original spelling.
 */
function asTyped(message: string, typed: string): string {
  return message.replace(/"([^"]+)"/g, (whole, fragment: string) => {
    const at = typed.toLowerCase().indexOf(fragment.toLowerCase());
    return at < 0 ? whole : `"${typed.slice(at, at + fragment.length)}"`;
  });
}

function ok(command: Command): ParseResult {
  return { ok: true, command };
}

function fail(code: CommandErrorCode, message: string): { ok: false; error: CommandError } {
  return { ok: false, error: { code, message } };
}
