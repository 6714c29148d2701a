import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toExtractions } from '../../src/hunting/extraction';
import { parseHuntingResponse, type HuntingRow } from '../../src/hunting/rows';

type Raw = Record<string, unknown>;
const load = (p: string): { schema: unknown[]; results: Raw[] } => JSON.parse(readFileSync(join(__dirname, p), 'utf8'));
const seedFixture = load('../fixtures/graph/runHuntingQuery.seed-projection.json');
const sample = load('../../data/sample/hunting.json');

const json = (s: unknown): Record<string, unknown> => JSON.parse(String(s)) as Record<string, unknown>;
const requestIdOf = (r: Raw): string => String(json(r['HttpRequest'])['clientRequestId']);

describe('toExtractions on the shared fixture (seed projection)', () => {
  const extractions = toExtractions(parseHuntingResponse(seedFixture).rows);

  test('a Started row and its completion (same clientRequestId) are one extraction', () => {
    const distinctRequests = new Set(seedFixture.results.map(requestIdOf));
    expect(distinctRequests.size).toBeLessThan(seedFixture.results.length); // the fixture has pairs
    expect(extractions).toHaveLength(distinctRequests.size);
    expect(new Set(extractions.map((e) => e.clientRequestId)).size).toBe(extractions.length);
  });

  test('a collapsed pair shows the completion record: its outcome and time', () => {
    const started = seedFixture.results.filter((r) => json(r['Properties'])['statusCode'] === undefined);
    expect(started.length).toBeGreaterThan(0);
    for (const s of started) {
      const completion = seedFixture.results.find((r) => r !== s && requestIdOf(r) === requestIdOf(s));
      const e = extractions.find((x) => x.clientRequestId === requestIdOf(s));
      expect(completion).toBeDefined();
      expect(e?.statusCode).toBe(json(completion?.['Properties'])['statusCode']);
      expect(e?.time.toISOString().slice(0, 19)).toBe(String(completion?.['Timestamp']).slice(0, 19));
    }
  });

  test('outcomes follow Properties.statusCode; Forbidden rows are forbidden', () => {
    const forbiddenRequests = new Set(seedFixture.results.filter((r) => json(r['Properties'])['statusCode'] === 'Forbidden').map(requestIdOf));
    expect(forbiddenRequests.size).toBeGreaterThan(0);
    for (const e of extractions) {
      expect(e.outcome).toBe(forbiddenRequests.has(e.clientRequestId ?? '') ? 'forbidden' : 'succeeded');
    }
  });

  test('service, access name, resource group and subscription come from Properties.entity', () => {
    for (const e of extractions) {
      expect(e.service).toMatch(/^apim-contoso-/);
      expect(['access', 'gitAccess']).toContain(e.accessName);
      expect(e.resourceGroup).toMatch(/^rg-apim-/);
      expect(e.subscriptionId).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  test('first-party clients are named; other apps are "application <id>"', () => {
    const labels = new Set(extractions.map((e) => e.application.label));
    expect(labels).toEqual(new Set(['Azure portal', 'Azure CLI', 'Azure PowerShell', 'application a3c5e7f9-1b2d-4f6a-8c0e-2b4d6f8a0c1e']));
  });

  test('without ReportId the id is a stable hash; newest first', () => {
    expect(extractions.every((e) => /^h-[0-9a-f]{32}$/.test(e.id))).toBe(true);
    expect(toExtractions(parseHuntingResponse(seedFixture).rows).map((e) => e.id)).toEqual(extractions.map((e) => e.id));
    const times = extractions.map((e) => e.time.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  test('the client IP comes from HttpRequest when IPAddress is not projected', () => {
    for (const e of extractions) expect(e.clientIp).toBe(json(seedFixture.results.find((r) => requestIdOf(r) === e.clientRequestId)?.['HttpRequest'])['clientIpAddress']);
  });
});

describe('toExtractions on the enriched bundled sample', () => {
  const extractions = toExtractions(parseHuntingResponse(sample).rows);
  test('ids are the earliest record’s ReportId (Started when logged), so they do not change when the completion arrives', () => {
    const earliestReportId = new Map<string, unknown>();
    for (const r of [...sample.results].sort((a, b) => String(a['Timestamp']).localeCompare(String(b['Timestamp'])))) {
      if (!earliestReportId.has(requestIdOf(r))) earliestReportId.set(requestIdOf(r), r['ReportId']);
    }
    for (const e of extractions) expect(e.id).toBe(earliestReportId.get(e.clientRequestId ?? ''));
    // Seen before the completion arrived: the same id.
    const started = sample.results.filter((r) => json(r['Properties'])['statusCode'] === undefined);
    expect(started.length).toBeGreaterThan(0);
    const startedOnly = toExtractions(parseHuntingResponse({ schema: sample.schema, results: started }).rows);
    for (const e of startedOnly) expect(extractions.find((x) => x.clientRequestId === e.clientRequestId)?.id).toBe(e.id);
  });

  test('enriched columns are used', () => {
    const proxy = extractions.filter((e) => e.anonymousProxy === true);
    expect(proxy.length).toBe(new Set(sample.results.filter((r) => r['IsAnonymousProxy'] === 1).map(requestIdOf)).size);
    expect(extractions.every((e) => e.countryCode !== undefined && e.userAgent !== undefined)).toBe(true);
  });
});

describe('defensive parsing', () => {
  const base: HuntingRow = {
    timestamp: new Date('2024-07-20T10:00:00Z'),
    operationName: 'Microsoft.ApiManagement/service/tenant/listSecrets/action',
    principalOid: '2a6f0c1e-8b3d-4e7a-9f21-5c4d3b2a1e0f',
  };

  test.each([
    ['not json', '{nope'],
    ['a JSON array', '[1,2]'],
    ['a JSON string', '"text"'],
    ['null', 'null'],
  ])('malformed HttpRequest/Properties (%s) still yields an extraction with what is known', (_name, text) => {
    const [e] = toExtractions([{ ...base, httpRequest: text, properties: text, ipAddress: '203.0.113.9' }]);
    expect(e).toMatchObject({ principalId: base.principalOid, outcome: 'unknown', clientIp: '203.0.113.9' });
    expect(e?.service).toBeUndefined();
  });

  test('a ReportId shared by different operations does not merge them: both fall back to distinct hashes', () => {
    const a = { ...base, reportId: 'same-id', httpRequest: '{"clientRequestId":"r-1"}', resourceId: '/subscriptions/s/resourceGroups/g/providers/Microsoft.ApiManagement/service/svc-one' };
    const b = { ...base, reportId: 'same-id', httpRequest: '{"clientRequestId":"r-2"}', resourceId: '/subscriptions/s/resourceGroups/g/providers/Microsoft.ApiManagement/service/svc-two' };
    const out = toExtractions([a, b]);
    expect(out.map((e) => e.service).sort()).toEqual(['svc-one', 'svc-two']);
    expect(new Set(out.map((e) => e.id)).size).toBe(2);
    expect(out.every((e) => e.id.startsWith('h-'))).toBe(true);
  });

  test.each([['constructor'], ['__proto__'], ['toString']])('upstream names like %s are plain text, not Object built-ins', (name) => {
    const [e] = toExtractions([{ ...base, applicationId: name, resourceId: `/subscriptions/s/resourceGroups/g/providers/Microsoft.ApiManagement/service/svc/tenant/${name}` }]);
    expect(e?.application.label).toBe(`application ${name}`);
    expect(e?.accessName).toBe(name);
  });

  test('rows without clientRequestId are never merged', () => {
    expect(toExtractions([base, { ...base, timestamp: new Date('2024-07-20T10:00:01Z') }])).toHaveLength(2);
  });

  test('ResourceId wins over Properties.entity; other status codes are "failed"', () => {
    const [e] = toExtractions([
      {
        ...base,
        resourceId: '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-a/providers/Microsoft.ApiManagement/service/apim-a/tenant/access',
        properties: JSON.stringify({ statusCode: 'Conflict', entity: '/subscriptions/x/resourceGroups/rg-b/providers/Microsoft.ApiManagement/service/apim-b' }),
      },
    ]);
    expect(e).toMatchObject({ service: 'apim-a', resourceGroup: 'rg-a', accessName: 'access', outcome: 'failed', statusCode: 'Conflict' });
    expect(e?.subscriptionId).toBe('11111111-1111-1111-1111-111111111111');
  });

  test.each([
    [403, 'forbidden'],
    [200, 'succeeded'],
    [500, 'failed'],
  ])('a numeric Properties.statusCode (%s) reads like its text form: %s', (code, outcome) => {
    const [e] = toExtractions([{ ...base, properties: JSON.stringify({ statusCode: code }) }]);
    expect(e).toMatchObject({ outcome, statusCode: String(code) });
  });

  test('a row with only a timestamp is an extraction with unknowns', () => {
    const [e] = toExtractions([{ timestamp: base.timestamp as Date }]);
    expect(e).toMatchObject({ outcome: 'unknown', operation: 'unknown operation', application: { label: 'unknown application' } });
  });
});
