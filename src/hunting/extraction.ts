import { createHash } from 'node:crypto';
import type { Principal } from '../directory/principal';
import type { RiskSignal } from '../risk/signal';
import { describeClientApplication, type ClientApplication } from './clients';
import { parseJsonObject, stringField } from './json-text';
import { parseResourceId } from './resource-id';
import type { HuntingRow } from './rows';

/**
 * What an extraction id may look like: ReportIds are GUIDs, our hashes are `h-<hex>`. Ids travel in
 * card button data and back, so an upstream ReportId outside this shape is replaced by a hash.
 */
export const EXTRACTION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

export type Outcome = 'succeeded' | 'forbidden' | 'failed' | 'unknown';

/** One secret extraction: what a card shows and a decision is about. */
export interface Extraction {
  /** Stable id: ReportId when present, otherwise a hash of time, principal, clientRequestId and resource. */
  readonly id: string;
  readonly time: Date;
  readonly operation: string;
  readonly principalId?: string;
  readonly application: ClientApplication;
  readonly subscriptionId?: string;
  readonly resourceGroup?: string;
  readonly service?: string;
  /** APIM tenant access name: "access" (management API) or "gitAccess" (configuration repository). */
  readonly accessName?: string;
  readonly outcome: Outcome;
  /** Properties.statusCode as logged ("OK", "Forbidden", "Conflict", …). */
  readonly statusCode?: string;
  readonly clientIp?: string;
  readonly countryCode?: string;
  readonly city?: string;
  readonly isp?: string;
  readonly anonymousProxy?: boolean;
  readonly userAgent?: string;
  readonly clientRequestId?: string;
  /** The principal as the directory named it when the extraction was last seen (absent: unknown or lookup failed). */
  readonly principalInfo?: Principal;
  /** Why it deserves attention, strongest first, as assessed when it was last listed (absent: not assessed). */
  readonly signals?: readonly RiskSignal[];
  /**
   * Start (ISO) of the 30-day history the signals were judged against; absent: judged without one.
   * The earlier it starts, the more of the principal's past the judgement saw (see earlier-judgements).
   */
  readonly riskHistoryStart?: string;
}

interface PreparedRow {
  readonly row: HuntingRow;
  readonly http: Readonly<Record<string, unknown>>;
  readonly props: Readonly<Record<string, unknown>>;
  readonly clientRequestId?: string;
  readonly statusCode?: string;
}

/**
 * Rows → extractions. Azure logs a "Started" record and a completion record for an action; the two
 * share clientRequestId and become one extraction built from the completion record, gaps filled
 * from the Started one. Newest first.
 */
export function toExtractions(rows: readonly HuntingRow[]): Extraction[] {
  const groups = new Map<string, PreparedRow[]>();
  rows.forEach((row, index) => {
    const prepared = prepare(row);
    // Without a clientRequestId a row cannot be paired: it stands alone.
    const key = prepared.clientRequestId === undefined ? `#${index}` : `${row.principalOid ?? ''}|${prepared.clientRequestId.toLowerCase()}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [prepared]);
    else group.push(prepared);
  });
  const built = [...groups.values()].map(fromGroup);
  // A ReportId shared by different operations (a bad upstream row) would merge their decisions: those fall back to hashes.
  const counts = new Map<string, number>();
  for (const b of built) counts.set(b.extraction.id, (counts.get(b.extraction.id) ?? 0) + 1);
  return built
    .map((b) => ((counts.get(b.extraction.id) ?? 0) > 1 ? { ...b.extraction, id: b.hashId() } : b.extraction))
    .sort((a, b) => b.time.getTime() - a.time.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function prepare(row: HuntingRow): PreparedRow {
  const http = parseJsonObject(row.httpRequest);
  const props = parseJsonObject(row.properties);
  const clientRequestId = stringField(http, 'clientRequestId');
  const statusCode = stringField(props, 'statusCode');
  return { row, http, props, ...(clientRequestId !== undefined && { clientRequestId }), ...(statusCode !== undefined && { statusCode }) };
}

function fromGroup(group: PreparedRow[]): { extraction: Extraction; hashId: () => string } {
  // Completion records carry a statusCode; prefer the latest of them, else the latest record.
  const byTime = group.length === 1 ? group : [...group].sort((a, b) => timeOf(b) - timeOf(a));
  const main = byTime.find((p) => p.statusCode !== undefined) ?? byTime[0];
  if (main === undefined) throw new Error('empty extraction group');
  // Fields come from the main record, gaps filled from the others (most groups have one record).
  const ordered = byTime.length === 1 ? byTime : [main, ...byTime.filter((p) => p !== main)];
  const pick = <T>(get: (p: PreparedRow) => T | undefined): T | undefined => {
    for (const p of ordered) {
      const v = get(p);
      if (v !== undefined) return v;
    }
    return undefined;
  };

  const row = main.row;
  const resourceText = pick((p) => p.row.resourceId) ?? pick((p) => stringField(p.props, 'entity'));
  const resource = parseResourceId(resourceText);
  const principalId = pick((p) => p.row.principalOid);
  const earliest = byTime[byTime.length - 1] ?? main;
  // Built field by field (no spread/entries): this runs once per row, up to Graph's 100,000.
  const e: { -readonly [K in keyof Extraction]: Extraction[K] } = {
    id: '',
    time: row.timestamp ?? new Date(0),
    operation: pick((p) => p.row.operationName) ?? pick((p) => stringField(p.props, 'message')) ?? 'unknown operation',
    application: describeClientApplication(pick((p) => p.row.applicationId)),
    outcome: outcomeOf(main.statusCode),
  };
  const set = <K extends keyof Extraction>(key: K, value: Extraction[K] | undefined): void => {
    if (value !== undefined) e[key] = value;
  };
  set('principalId', principalId);
  set('subscriptionId', pick((p) => p.row.subscriptionId) ?? resource.subscriptionId);
  set('resourceGroup', resource.resourceGroup);
  set('service', resource.name);
  set('accessName', resource.childName);
  set('statusCode', main.statusCode);
  set('clientIp', pick((p) => p.row.ipAddress) ?? pick((p) => stringField(p.http, 'clientIpAddress')));
  set('countryCode', pick((p) => p.row.countryCode));
  set('city', pick((p) => p.row.city));
  set('isp', pick((p) => p.row.isp));
  set('anonymousProxy', pick((p) => p.row.isAnonymousProxy));
  set('userAgent', pick((p) => p.row.userAgent));
  set('clientRequestId', main.clientRequestId);
  const hash = (): string => hashId([earliest.row.timestamp?.toISOString(), principalId, main.clientRequestId, resourceText]);
  // The earliest record's ReportId: it is there from the first sighting (Started), so the id does not
  // change when the completion record arrives later and the decision stays attached.
  let reportId: string | undefined;
  for (let i = byTime.length - 1; i >= 0 && reportId === undefined; i--) {
    const r = byTime[i]?.row.reportId;
    if (r !== undefined && EXTRACTION_ID_PATTERN.test(r)) reportId = r;
  }
  e.id = reportId ?? hash();
  return { extraction: e, hashId: hash };
}

function outcomeOf(statusCode: string | undefined): Outcome {
  if (statusCode === undefined) return 'unknown';
  const s = statusCode.toLowerCase();
  if (s === 'ok' || s === '200') return 'succeeded';
  if (s === 'forbidden' || s === '403') return 'forbidden';
  return 'failed';
}

function timeOf(p: PreparedRow): number {
  return p.row.timestamp?.getTime() ?? 0;
}

function hashId(parts: ReadonlyArray<string | undefined>): string {
  const digest = createHash('sha256').update(parts.map((p) => p ?? '').join('\u0000')).digest('hex');
  return `h-${digest.slice(0, 32)}`;
}
