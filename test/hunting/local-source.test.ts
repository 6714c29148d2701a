import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLED_SAMPLE_FILE, LocalHuntingSource, rebaseShiftMs } from '../../src/hunting/local-source';
import { buildHuntingRequest } from '../../src/hunting/query';
import { parseHuntingResponse } from '../../src/hunting/rows';
import { toExtractions } from '../../src/hunting/extraction';

const SEED_FIXTURE = join(__dirname, '../fixtures/graph/runHuntingQuery.seed-projection.json');
const raw = JSON.parse(readFileSync(BUNDLED_SAMPLE_FILE, 'utf8')) as { results: Array<Record<string, unknown>> };
const newestRaw = Math.max(...raw.results.map((r) => Date.parse(String(r['Timestamp']))));
/** The fixture README: "as of 2024-08-02T12:00:00Z". */
const FIXTURE_NOW = new Date('2024-08-02T12:00:00Z');

describe('LocalHuntingSource', () => {
  test('rebases by whole days so the newest event is 1–25 hours old, times of day kept, and answers in the Graph wire format', async () => {
    const now = new Date('2030-01-15T09:30:00Z');
    const source = new LocalHuntingSource({ file: BUNDLED_SAMPLE_FILE, rebase: true, now });
    const body = await source.run(buildHuntingRequest({ kind: 'relative', amount: 40, unit: 'd' }, now));
    expect(body['@odata.context']).toMatch(/huntingQueryResults$/);
    const { rows } = parseHuntingResponse(body);
    const newest = Math.max(...rows.map((r) => r.timestamp?.getTime() ?? 0));
    expect(now.getTime() - newest).toBeGreaterThanOrEqual(3_600_000);
    expect(now.getTime() - newest).toBeLessThan(25 * 3_600_000);
    expect((newest - newestRaw) % 86_400_000).toBe(0); // a 03:12 UTC event is still at 03:12 UTC
    // Shifted, not reshaped: same gaps between events; 7 fractional digits kept.
    const oldest = Math.min(...rows.map((r) => r.timestamp?.getTime() ?? 0));
    const rawOldest = Math.min(...raw.results.map((r) => Date.parse(String(r['Timestamp']))));
    expect(newest - oldest).toBe(newestRaw - rawOldest);
    expect(String((body.results?.[0] as Record<string, unknown>)['Timestamp'])).toMatch(/\.\d{7}Z$/);
  });

  test('applies Defender window semantics: the same 7-day answer on any day as on the fixture day', async () => {
    const now = new Date('2031-06-01T00:00:00Z');
    const rebased = new LocalHuntingSource({ file: BUNDLED_SAMPLE_FILE, rebase: true, now });
    const asIs = new LocalHuntingSource({ file: BUNDLED_SAMPLE_FILE, rebase: false, now });
    const week = { kind: 'relative', amount: 7, unit: 'd' } as const;
    const onFixtureDay = await asIs.run(buildHuntingRequest(week, new Date(now.getTime() - rebaseShiftMs(newestRaw, now))));
    const today = await rebased.run(buildHuntingRequest(week, now));
    expect(today.results).toHaveLength(onFixtureDay.results?.length ?? -1);
    // The fixture README documents 12 rows (10 operations) in the last 7 days as of 2024-08-02T12:00Z.
    const documented = await asIs.run(buildHuntingRequest(week, FIXTURE_NOW));
    expect(documented.results).toHaveLength(12);
    expect(toExtractions(parseHuntingResponse(documented).rows)).toHaveLength(10);
  });

  test('LOCAL_DATA_REBASE=false keeps timestamps; a window outside the data is empty', async () => {
    const source = new LocalHuntingSource({ file: BUNDLED_SAMPLE_FILE, rebase: false, now: new Date() });
    const body = await source.run(buildHuntingRequest({ kind: 'relative', amount: 7, unit: 'd' }, new Date('2030-01-01T00:00:00Z')));
    expect(body.results).toEqual([]);
  });

  test('serves the seed projection file (7 columns) too', async () => {
    const source = new LocalHuntingSource({ file: SEED_FIXTURE, rebase: false, now: FIXTURE_NOW });
    const body = await source.run(buildHuntingRequest({ kind: 'relative', amount: 30, unit: 'd' }, FIXTURE_NOW));
    const { rows } = parseHuntingResponse(body);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.reportId === undefined)).toBe(true);
  });

  test('filters on the seed operation like the KQL does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-local-'));
    const file = join(dir, 'mixed.json');
    const seed = JSON.parse(readFileSync(SEED_FIXTURE, 'utf8')) as { schema: unknown[]; results: Array<Record<string, unknown>> };
    const other = { ...seed.results[0], OperationName: 'Microsoft.Storage/storageAccounts/listkeys/action' };
    writeFileSync(file, JSON.stringify({ schema: seed.schema, results: [other, seed.results[0]] }));
    const source = new LocalHuntingSource({ file, rebase: false, now: FIXTURE_NOW });
    const body = await source.run(buildHuntingRequest({ kind: 'relative', amount: 30, unit: 'd' }, FIXTURE_NOW));
    expect(body.results).toHaveLength(1);
  });

  test.each([
    ['not JSON', '{'],
    ['no schema', '{"results":[]}'],
    ['an array', '[]'],
  ])('a data file that is %s is a coded error naming the file', (_name, content) => {
    const file = join(mkdtempSync(join(tmpdir(), 'sw-local-')), 'bad.json');
    writeFileSync(file, content);
    expect(() => new LocalHuntingSource({ file, rebase: true, now: new Date() })).toThrow(
      expect.objectContaining({ code: 'LOCAL_DATA_INVALID', message: expect.stringContaining(file) }),
    );
  });
});
