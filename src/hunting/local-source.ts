import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, ErrorCode } from '../errors';
import { seedOperation, type HuntingRequest } from './query';
import type { HuntingResponse } from './response';
import { parseKustoDateTime } from './rows';
import type { HuntingSource } from './source';

export const BUNDLED_SAMPLE_FILE = join(__dirname, '../../data/sample/hunting.json');

/** How old the newest bundled event is after rebasing, so "secrets last 7d" shows data on any day. */
const NEWEST_EVENT_AGE_MS = 60 * 60 * 1000;

export interface LocalSourceOptions {
  readonly file: string;
  /** Shift timestamps so the newest event is an hour before `now`. */
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
  private readonly rows: readonly { row: Row; time: number }[];
  private readonly operation = seedOperation();

  constructor(options: LocalSourceOptions) {
    const data = readDataFile(options.file);
    this.schema = data.schema;
    const timed = data.results.map((row) => ({ row, time: parseKustoDateTime(row['Timestamp'] ?? row['timestamp'])?.getTime() }));
    const newest = Math.max(...timed.map((t) => t.time ?? Number.NEGATIVE_INFINITY));
    const shift = options.rebase && Number.isFinite(newest) ? options.now.getTime() - NEWEST_EVENT_AGE_MS - newest : 0;
    this.rows = timed
      .filter((t): t is { row: Row; time: number } => t.time !== undefined)
      .map(({ row, time }) => ({ row: shift === 0 ? row : withTimestamp(row, time + shift), time: time + shift }));
  }

  run(request: HuntingRequest): Promise<HuntingResponse> {
    const start = request.start.getTime();
    const end = request.end.getTime();
    const results = this.rows
      .filter(({ row, time }) => time > start && time <= end && operationOf(row) === this.operation)
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
    throw new AppError(ErrorCode.LocalDataInvalid, `Cannot read local hunting data ${file}: ${(e as Error).message}`, {
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

function operationOf(row: Row): unknown {
  return row['OperationName'] ?? row['operationName'];
}

/** Keeps Kusto's 7 fractional digits: shifts whole milliseconds and re-attaches the sub-millisecond digits. */
function withTimestamp(row: Row, ms: number): Row {
  const key = 'Timestamp' in row ? 'Timestamp' : 'timestamp';
  const original = String(row[key]);
  const subMs = /\.\d{3}(\d{1,4})Z$/.exec(original)?.[1] ?? '';
  const iso = new Date(ms).toISOString().replace(/Z$/, `${subMs}Z`);
  return { ...row, [key]: iso };
}
