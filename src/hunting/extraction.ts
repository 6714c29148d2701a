import { createHash } from 'node:crypto';
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
    .map((b) => ((counts.get(b.extraction.id) ?? 0) > 1 ? { ...b.extraction, id: b.hashId } : b.extraction))
    .sort((a, b) => b.time.getTime() - a.time.getTime() || a.id.localeCompare(b.id));
}

function prepare(row: HuntingRow): PreparedRow {
  const http = parseJsonObject(row.httpRequest);
  const props = parseJsonObject(row.properties);
  const clientRequestId = stringField(http, 'clientRequestId');
  const statusCode = stringField(props, 'statusCode');
  return { row, http, props, ...(clientRequestId !== undefined && { clientRequestId }), ...(statusCode !== undefined && { statusCode }) };
}

function fromGroup(group: PreparedRow[]): { extraction: Extraction; hashId: string } {
  // Completion records carry a statusCode; prefer the latest of them, else the latest record.
  const byTime = [...group].sort((a, b) => timeOf(b) - timeOf(a));
  const main = byTime.find((p) => p.statusCode !== undefined) ?? byTime[0];
  if (main === undefined) throw new Error('empty extraction group');
  const others = byTime.filter((p) => p !== main);
  const pick = <T>(get: (p: PreparedRow) => T | undefined): T | undefined => {
    for (const p of [main, ...others]) {
      const v = get(p);
      if (v !== undefined) return v;
    }
    return undefined;
  };

  const row = main.row;
  const resource = parseResourceId(pick((p) => p.row.resourceId) ?? pick((p) => stringField(p.props, 'entity')));
  const principalId = pick((p) => p.row.principalOid);
  const earliest = byTime[byTime.length - 1] ?? main;
  const fields: Omit<Extraction, 'id'> = compact({
    time: row.timestamp ?? new Date(0),
    operation: pick((p) => p.row.operationName) ?? pick((p) => stringField(p.props, 'message')) ?? 'unknown operation',
    principalId,
    application: describeClientApplication(pick((p) => p.row.applicationId)),
    subscriptionId: pick((p) => p.row.subscriptionId) ?? resource.subscriptionId,
    resourceGroup: resource.resourceGroup,
    service: resource.name,
    accessName: resource.childName,
    outcome: outcomeOf(main.statusCode),
    statusCode: main.statusCode,
    clientIp: pick((p) => p.row.ipAddress) ?? pick((p) => stringField(p.http, 'clientIpAddress')),
    countryCode: pick((p) => p.row.countryCode),
    city: pick((p) => p.row.city),
    isp: pick((p) => p.row.isp),
    anonymousProxy: pick((p) => p.row.isAnonymousProxy),
    userAgent: pick((p) => p.row.userAgent),
    clientRequestId: main.clientRequestId,
  });
  // The earliest record's ReportId: it is there from the first sighting (Started), so the id does not
  // change when the completion record arrives later and the decision stays attached.
  const reportId = [...byTime].reverse().map((p) => p.row.reportId).find((r) => r !== undefined && EXTRACTION_ID_PATTERN.test(r));
  const hash = hashId([earliest.row.timestamp?.toISOString(), principalId, main.clientRequestId, pick((p) => p.row.resourceId) ?? pick((p) => stringField(p.props, 'entity'))]);
  return { extraction: { id: reportId ?? hash, ...fields }, hashId: hash };
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

/** Drops undefined values so optional fields are absent, as exactOptionalPropertyTypes wants. */
function compact<T extends object>(o: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
