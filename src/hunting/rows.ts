import { AppError, ErrorCode } from '../errors';
import type { HuntingColumn, HuntingResponse } from './response';

/** One hunting result row, typed. Every field is optional: the seed's own projection has only 7 columns. */
export interface HuntingRow {
  readonly timestamp?: Date;
  readonly operationName?: string;
  readonly principalOid?: string;
  readonly subscriptionId?: string;
  readonly applicationId?: string;
  /** JSON text, parsed later (defensively) by the extraction model. */
  readonly httpRequest?: string;
  readonly properties?: string;
  readonly reportId?: string;
  readonly resourceId?: string;
  readonly ipAddress?: string;
  readonly countryCode?: string;
  readonly city?: string;
  readonly isp?: string;
  readonly isAnonymousProxy?: boolean;
  readonly userAgent?: string;
}

export interface ParsedRows {
  readonly rows: HuntingRow[];
  /** Rows that were not objects or had no usable timestamp: counted, never fatal. */
  readonly skipped: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type StringField = Exclude<keyof HuntingRow, 'timestamp' | 'isAnonymousProxy'>;

/** Column name (lower case) → row field. Unknown columns are ignored. */
const STRING_COLUMNS: ReadonlyMap<string, StringField> = new Map(Object.entries({
  operationname: 'operationName',
  principaloid: 'principalOid',
  subscriptionid: 'subscriptionId',
  applicationid: 'applicationId',
  httprequest: 'httpRequest',
  properties: 'properties',
  reportid: 'reportId',
  resourceid: 'resourceId',
  ipaddress: 'ipAddress',
  countrycode: 'countryCode',
  city: 'city',
  isp: 'isp',
  useragent: 'userAgent',
} satisfies Record<string, StringField>));

/** Longest string we keep from upstream: bounded memory and card size whatever the tenant sends. */
const MAX_FIELD_LENGTH = 8192;

export function parseHuntingResponse(body: unknown): ParsedRows {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badResponse('the answer is not a JSON object');
  }
  const response = body as HuntingResponse;
  const results = response.results ?? [];
  if (!Array.isArray(results)) throw badResponse('"results" is not an array');
  if (results.length === 0) return { rows: [], skipped: 0 };
  if (!Array.isArray(response.schema)) throw badResponse('"schema" is missing');
  // The schema drives the parse: rows may carry extra annotation keys ("X@odata.type").
  const columns = response.schema.map(columnName).filter((n): n is string => n !== undefined);

  const rows: HuntingRow[] = [];
  let skipped = 0;
  for (const raw of results) {
    const row = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? parseRow(raw as Record<string, unknown>, columns) : undefined;
    if (row === undefined) skipped++;
    else rows.push(row);
  }
  return { rows, skipped };
}

function parseRow(raw: Record<string, unknown>, columns: readonly string[]): HuntingRow | undefined {
  const byLowerKey = new Map<string, unknown>();
  for (const [k, v] of Object.entries(raw)) if (!k.includes('@')) byLowerKey.set(k.toLowerCase(), v);

  const row: Mutable<HuntingRow> = {};
  for (const column of columns) {
    const key = column.toLowerCase();
    const value = byLowerKey.get(key);
    if (value === undefined || value === null) continue;
    if (key === 'timestamp') {
      const t = parseKustoDateTime(value);
      if (t !== undefined) row.timestamp = t;
    } else if (key === 'isanonymousproxy') {
      const b = parseKustoBool(value);
      if (b !== undefined) row.isAnonymousProxy = b;
    } else {
      const field = STRING_COLUMNS.get(key);
      const text = field === undefined ? undefined : asText(value);
      if (field !== undefined && text !== undefined && text !== '') row[field] = text;
    }
  }
  return row.timestamp === undefined ? undefined : row;
}

function columnName(c: HuntingColumn | unknown): string | undefined {
  if (typeof c !== 'object' || c === null) return undefined;
  const col = c as HuntingColumn;
  const name = col.name ?? col.Name;
  return typeof name === 'string' && name.length > 0 ? name : undefined;
}

const KUSTO_DATETIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,7}))?Z$/;

/** Kusto datetimes arrive as UTC ISO strings with 0–7 fractional digits; JS keeps milliseconds. */
export function parseKustoDateTime(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const m = KUSTO_DATETIME.exec(value.trim());
  if (m === null) return undefined;
  const ms = (m[2] ?? '').padEnd(3, '0').slice(0, 3);
  const d = new Date(`${m[1]}.${ms}Z`);
  // Date rolls 2024-02-30 into March; a real timestamp round-trips.
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 19) !== m[1] ? undefined : d;
}

/** Kusto bool comes back as 0/1 (SByte), sometimes as true/false or "true"/"false". */
function parseKustoBool(value: unknown): boolean | undefined {
  if (value === true || value === 1 || value === '1' || value === 'true' || value === 'True') return true;
  if (value === false || value === 0 || value === '0' || value === 'false' || value === 'False') return false;
  return undefined;
}

function asText(value: unknown): string | undefined {
  let text: string | undefined;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else if (typeof value === 'object') text = JSON.stringify(value); // a dynamic column not wrapped in tostring()
  return text === undefined ? undefined : text.slice(0, MAX_FIELD_LENGTH).trim();
}

function badResponse(what: string): AppError {
  return new AppError(ErrorCode.HuntingBadResponse, `The hunting service answered in an unexpected format: ${what}.`, {
    hint: 'Try again later. If it persists, the Graph API may have changed: tell your SecretWatch administrator.',
  });
}
