import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decisionsCsv } from '../../src/decisions/csv';
import { SqliteDecisionStore } from '../../src/decisions/sqlite-store';
import type { Extraction } from '../../src/hunting/extraction';

const e: Extraction = { id: 'r1', time: new Date('2026-12-01T10:00:00Z'), operation: 'op', principalId: 'p', application: { label: 'Azure CLI', firstParty: true }, outcome: 'succeeded', service: 'apim-a' };
const NOW = new Date();

describe('decisions CSV', () => {
  test('quotes commas, quotes and newlines, and defuses spreadsheet formulas in user text', () => {
    const csv = decisionsCsv([
      { record: { extractionId: 'r1', verb: 'escalate', status: 'escalated', actor: { id: 'a', name: '=HYPERLINK("x")' }, decidedAt: NOW, role: 'analyst', comment: 'no ticket, "urgent"\nsee chat' }, extraction: e },
    ]);
    const [header, row] = csv.split('\r\n');
    expect(header?.startsWith('decided_at,extraction_id,verb,status,actor_id,actor_name,role,comment')).toBe(true);
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    // Every cell quoted: a semicolon (a separator in some locales) cannot start a new cell.
    const semi = decisionsCsv([{ record: { extractionId: 'r1', verb: 'escalate', status: 'escalated', actor: { id: 'a', name: 'n' }, decidedAt: NOW, comment: "see;=cmd|' /C calc'!A0;" }, extraction: e }]);
    expect(semi).toContain(`"see;=cmd|' /C calc'!A0;"`);
    expect(decisionsCsv([{ record: { extractionId: 'r1', verb: 'approve', status: 'approved', actor: { id: 'a', name: ' \u3000=1+1' }, decidedAt: NOW }, extraction: e }])).toContain(`"' \u3000=1+1"`);
    expect(csv).toContain('"no ticket, ""urgent""\nsee chat"');
  });

  test('carries the principal name, country and risk signals the card showed', () => {
    const risky: Extraction = {
      ...e,
      countryCode: 'NL',
      principalInfo: { kind: 'user', id: 'p', displayName: 'Diego Siciliani' },
      signals: [{ kind: 'anonymous-proxy', detail: 'x' }, { kind: 'off-hours', detail: 'y' }],
    };
    const [header, row] = decisionsCsv([{ record: { extractionId: 'r1', verb: 'approve', status: 'approved', actor: { id: 'a', name: 'n' }, decidedAt: NOW }, extraction: risky }]).split('\r\n');
    expect(header?.endsWith(',principal_name,country,risk_signals')).toBe(true);
    expect(row?.endsWith(',"Diego Siciliani","NL","anonymous-proxy off-hours"')).toBe(true);
  });

  test('npm run export writes the decisions since a window from DATABASE_PATH', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-export-'));
    const db = join(dir, 'd.db');
    const store = new SqliteDecisionStore(db);
    await store.recordSeen([e, { ...e, id: 'r2' }], NOW);
    await store.decide('r1', 'approve', { id: 'a', name: 'Megan Bowen' }, NOW, { role: 'analyst' });
    await store.decide('r2', 'escalate', { id: 'a', name: 'Megan Bowen' }, new Date(NOW.getTime() - 40 * 86_400_000), { role: 'analyst', comment: 'old' });
    await store.close();
    const out = join(dir, 'out.csv');
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/export.ts', '--since', '30d', '--out', out], {
      cwd: join(__dirname, '../..'),
      env: { PATH: process.env['PATH'] ?? '', DATABASE_PATH: db },
    });
    const lines = readFileSync(out, 'utf8').trim().split('\r\n');
    expect(lines).toHaveLength(2); // header + the recent decision only
    expect(lines[1]).toMatch(/,"r1","approve","approved","a","Megan Bowen","analyst",/);
  });
});
