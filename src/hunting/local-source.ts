import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, ErrorCode } from '../errors';
import { SERVICE_IN_PROPERTIES, seedOperation, type HuntingRequest } from './query';
import type { HuntingResponse } from './response';
import { parseKustoDateTime } from './rows';
import type { HuntingSource } from './source';

export const BUNDLED_SAMPLE_FILE = join(__dirname, '../../data/sample/hunting.json');

/** The newest bundled event is at least this old after rebasing, so "secrets last 7d" shows data on any day. */
const NEWEST_EVENT_AGE_MS = 60 * 60 * 1000;
const DAY_MS = 86_400_000;

/**
 * How far to move the sample's timestamps: whole days, so each event keeps its time of day (a
 * 03:12 UTC extraction stays off hours) and the newest is between 1 and 25 hours old.
 */
export function rebaseShiftMs(newest: number, now: Date): number {
  return Math.floor((now.getTime() - NEWEST_EVENT_AGE_MS - newest) / DAY_MS) * DAY_MS;
}

export interface LocalSourceOptions {
  readonly file: string;
  /** Shift timestamps by whole days so the newest event is 1–25 hours before `now`. */
  readonly rebase: boolean;
  readonly now: Date;
}

type Row = Record<string, unknown>;

/**
 * The embedded default: serves a file in runHuntingQuery's exact wire format with Defender's window
 * semantics (events after the window start, up to its end) and the seed's operation filter.
 */
export class LocalHuntingSource implements HuntingSource {
  readonly kind = 'local' as const;
  private readonly schema: readonly unknown[];
  private readonly rows: readonly { row: Row; time: number | undefined }[];

  constructor(options: LocalSourceOptions) {
    const data = readDataFile(options.file);
    this.schema = data.schema;
    const timed = data.results.map((row) => {
      const key = timestampKey(row);
      return { row, key, time: key === undefined ? undefined : parseKustoDateTime(row[key])?.getTime() };
    });
    let newest = Number.NEGATIVE_INFINITY; // a loop, not Math.max(...): spreading 100k+ values overflows the stack
    for (const t of timed) if (t.time !== undefined && t.time > newest) newest = t.time;
    const shift = options.rebase && Number.isFinite(newest) ? rebaseShiftMs(newest, options.now) : 0;
    this.rows = timed.map(({ row, key, time }) =>
      time === undefined || key === undefined ? { row, time } : { row: shift === 0 ? row : withTimestamp(row, key, time + shift), time: time + shift },
    );
  }

  run(request: HuntingRequest): Promise<HuntingResponse> {
    const start = request.start.getTime();
    const end = request.end.getTime();
    // Rows without a readable timestamp pass through, as Defender would send them: the parser counts
    // them as unreadable and the summary says so, rather than dropping them silently here.
    const matches = rowMatcher(request);
    const results = this.rows
      .filter(({ row, time }) => (time === undefined || (time > start && time <= end)) && matches(row))
      .map(({ row }) => row);
    return Promise.resolve({
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.security.huntingQueryResults',
      schema: this.schema as HuntingResponse['schema'] & object,
      results,
    });
  }
}

function readDataFile(file: string): { schema: unknown[]; results: Row[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    // Never echo the file's content: LOCAL_DATA_FILE could name any file.
    const why = e instanceof SyntaxError ? 'it is not valid JSON' : ((e as NodeJS.ErrnoException).code ?? 'unreadable');
    throw new AppError(ErrorCode.LocalDataInvalid, `Cannot read local hunting data ${file}: ${why}.`, {
      hint: 'Set LOCAL_DATA_FILE to a runHuntingQuery response saved as JSON, or unset it to use the bundled sample.',
      cause: e,
    });
  }
  const body = parsed as { schema?: unknown; results?: unknown };
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray(body.schema) || !Array.isArray(body.results ?? [])) {
    throw new AppError(ErrorCode.LocalDataInvalid, `Local hunting data ${file} is not a runHuntingQuery response (needs "schema" and "results").`, {
      hint: 'Save the JSON body of POST /security/runHuntingQuery, or unset LOCAL_DATA_FILE.',
    });
  }
  const results = ((body.results ?? []) as unknown[]).filter((r): r is Row => typeof r === 'object' && r !== null && !Array.isArray(r));
  return { schema: body.schema, results };
}

/**
 * The KQL's where-clauses as a row predicate, with the same meaning: the seed's exact `==` on
 * OperationName (or `in~` for a watch list), `=~` on ids, the service out of Properties.entity.
 */
function rowMatcher(request: HuntingRequest): (row: Row) => boolean {
  const seedOp = seedOperation();
  const watched = request.watch.kind === 'list' ? new Set(request.watch.operations.map((o) => o.toLowerCase())) : undefined;
  const service = new RegExp(SERVICE_IN_PROPERTIES.replace('(?i)', ''), 'i');
  const { principalId, subscriptionId, service: serviceName } = request.filters;
  const same = (a: unknown, b: string): boolean => typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
  return (row) => {
    const op = column(row, 'operationname');
    if (watched === undefined ? op !== seedOp : typeof op !== 'string' || !watched.has(op.toLowerCase())) return false;
    if (principalId !== undefined && !same(column(row, 'principaloid'), principalId)) return false;
    if (subscriptionId !== undefined && !same(column(row, 'subscriptionid'), subscriptionId)) return false;
    if (serviceName !== undefined) {
      const props = column(row, 'properties');
      const text = typeof props === 'string' ? props : typeof props === 'object' && props !== null ? JSON.stringify(props) : undefined;
      const found = text === undefined ? undefined : service.exec(text)?.[1];
      if (found === undefined || !same(found, serviceName)) return false;
    }
    return true;
  };
}

/** Case-insensitive, and like the parser (rows.ts) the last of duplicate keys wins. */
function column(row: Row, lowerName: string): unknown {
  const key = Object.keys(row).reverse().find((k) => k.toLowerCase() === lowerName);
  return key === undefined ? undefined : row[key];
}

/** Column names are case-insensitive in the wire format. */
function timestampKey(row: Row): string | undefined {
  return Object.keys(row).reverse().find((k) => k.toLowerCase() === 'timestamp');
}

/** Keeps Kusto's 7 fractional digits: shifts whole milliseconds and re-attaches the sub-millisecond digits. */
function withTimestamp(row: Row, key: string, ms: number): Row {
  const original = String(row[key]);
  const subMs = /\.\d{3}(\d{1,4})Z$/.exec(original)?.[1] ?? '';
  const iso = new Date(ms).toISOString().replace(/Z$/, `${subMs}Z`);
  return { ...row, [key]: iso };
}
