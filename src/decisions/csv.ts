import type { Extraction } from '../hunting/extraction';
import type { DecisionRecord } from './decision';

const COLUMNS = [
  'decided_at', 'extraction_id', 'verb', 'status', 'actor_id', 'actor_name', 'role', 'comment',
  'extraction_time', 'principal_id', 'operation', 'service', 'subscription_id', 'resource_group', 'outcome', 'client_ip',
  'principal_name', 'country', 'risk_signals',
] as const;

/**
 * RFC 4180 CSV of decisions. Cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR)
 * are prefixed with an apostrophe: comments and names are user text.
 */
export function decisionsCsv(rows: ReadonlyArray<{ readonly record: DecisionRecord; readonly extraction: Extraction }>): string {
  const lines = [COLUMNS.join(',')];
  for (const { record: r, extraction: e } of rows) {
    lines.push(
      [
        r.decidedAt.toISOString(), r.extractionId, r.verb, r.status, r.actor.id, r.actor.name, r.role ?? '', r.comment ?? '',
        e.time.toISOString(), e.principalId ?? '', e.operation, e.service ?? '', e.subscriptionId ?? '', e.resourceGroup ?? '', e.outcome, e.clientIp ?? '',
        e.principalInfo?.displayName ?? '', e.countryCode ?? '', (e.signals ?? []).map((s) => s.kind).join(' '),
      ].map(cell).join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Every cell quoted: a separator inside (`,` or, in some locales, `;`) can never start a new cell. */
function cell(value: string): string {
  const safe = /^[\s\u00a0\u3000]*[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}
