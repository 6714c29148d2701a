import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeWindow, isoDuration, resolveWindow, windowPhrase, type Window } from '../commands/window';
import { kqlString } from './kql';

/** Filters that become KQL where-clauses (validated values only). */
export interface HuntingFilters {
  readonly principalId?: string;
  readonly subscriptionId?: string;
  /** APIM service name; matched case-insensitively against the service in Properties.entity. */
  readonly service?: string;
}

/** The operations watched: the seed's own (exact `==`, as published) or a list matched with `in~`. */
export type WatchList = { readonly kind: 'seed' } | { readonly kind: 'list'; readonly operations: readonly string[] };

export interface QueryOptions {
  readonly filters?: HuntingFilters;
  readonly watch?: WatchList;
}

/** What goes to Defender, plus the window it covers (the local source filters by it). */
export interface HuntingRequest {
  /** KQL text. */
  readonly query: string;
  /** ISO 8601 Timespan body field of runHuntingQuery. */
  readonly timespan: string;
  readonly start: Date;
  readonly end: Date;
  /** "last 7 days" / "since …" — a title for replies. */
  readonly label: string;
  /** "in the last 7 days" / "since …" — the window inside a sentence. */
  readonly phrase: string;
  /** The same filters as structured values, for sources that cannot run KQL (local). */
  readonly filters: HuntingFilters;
  readonly watch: WatchList;
}

/**
 * The resource name inside Properties.entity (`…/providers/<namespace>/<type>/<name>/…`): the APIM
 * service, or the storage account / web app for a wider watch list — the name cards show as title.
 * Shared by the KQL and the local source so both filter with the same meaning.
 */
export const SERVICE_IN_PROPERTIES = String.raw`(?i)/providers/[^/"]+/[^/"]+/([^/"]+)`;

/** Columns the cards need beyond the seed's own projection (all documented CloudAuditEvents columns). */
export const EXTRA_COLUMNS = [
  'ReportId',
  'ResourceId',
  'IPAddress',
  'CountryCode',
  'City',
  'Isp',
  'IsAnonymousProxy',
  'UserAgent',
] as const;

const SEED_PATH = join(__dirname, 'seed.kql');
const SEED_BOUND = 'ago(30d)';
const PROJECT_LINE = /^\| project ([^\n]+?)[ \t]*$/m;

let seedCache: string | undefined;

/** The seed query exactly as published (source of truth, kept verbatim in seed.kql). */
export function seedQuery(): string {
  seedCache ??= readFileSync(SEED_PATH, 'utf8');
  return seedCache;
}

/** The operation the seed watches, read from the seed so the two can never drift apart. */
export function seedOperation(): string {
  const m = /OperationName == "([^"]+)"/.exec(seedQuery());
  if (m?.[1] === undefined) throw new Error('seed.kql no longer filters on OperationName ==');
  return m[1];
}

/**
 * The seed with its time bound and projection rewritten. Only values we generated ourselves
 * (integers and a UTC timestamp from a Date) enter the KQL; no user text ever does.
 */
export function buildHuntingRequest(window: Window, now: Date, options: QueryOptions = {}): HuntingRequest {
  const { start, end } = resolveWindow(window, now);
  const bound = window.kind === 'relative' ? `ago(${window.amount}${window.unit})` : `datetime(${start.toISOString()})`;
  const filters = options.filters ?? {};
  const watch = options.watch ?? { kind: 'seed' };
  return {
    query: `${rewriteSeed(bound, watch).trimEnd()}${filterLines(filters)}\n`,
    filters,
    watch,
    // A since-window is sent as its start alone (documented form): the request then does not depend on the clock.
    timespan: window.kind === 'relative' ? isoDuration(window) : start.toISOString(),
    start,
    end,
    label: describeWindow(window),
    phrase: windowPhrase(window),
  };
}

function filterLines(f: HuntingFilters): string {
  const lines: string[] = [];
  if (f.principalId !== undefined) lines.push(`| where PrincipalOID =~ ${kqlString(f.principalId)}`);
  if (f.subscriptionId !== undefined) lines.push(`| where SubscriptionID =~ ${kqlString(f.subscriptionId)}`);
  if (f.service !== undefined) lines.push(`| where extract(@'${SERVICE_IN_PROPERTIES}', 1, Properties) =~ ${kqlString(f.service)}`);
  return lines.map((l) => `\n${l}`).join('');
}

const SEED_OPERATION_LINE = /^\| where OperationName == "[^"]+"$/m;

function rewriteSeed(bound: string, watch: WatchList): string {
  let seed = seedQuery();
  if (watch.kind === 'list') {
    if (!SEED_OPERATION_LINE.test(seed)) throw new Error('seed.kql no longer has its OperationName == line');
    const list = watch.operations.map(kqlString).join(', ');
    seed = seed.replace(SEED_OPERATION_LINE, () => `| where OperationName in~ (${list})`);
  }
  if (seed.split(SEED_BOUND).length !== 2) throw new Error(`seed.kql must contain ${SEED_BOUND} exactly once`);
  const project = PROJECT_LINE.exec(seed);
  if (project?.[1] === undefined) throw new Error('seed.kql must end with a | project line');
  const seedColumns = project[1].split(',').map((c) => c.trim());
  const columns = [...seedColumns, ...EXTRA_COLUMNS.filter((c) => !seedColumns.includes(c))];
  return seed.replace(SEED_BOUND, bound).replace(PROJECT_LINE, `| project ${columns.join(', ')}`);
}
