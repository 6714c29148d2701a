import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHuntingResponse, parseKustoDateTime } from '../../src/hunting/rows';

const fixture = JSON.parse(readFileSync(join(__dirname, '../fixtures/graph/runHuntingQuery.seed-projection.json'), 'utf8')) as {
  schema: Array<{ name: string; type: string }>;
  results: Array<Record<string, unknown>>;
};

describe('parseHuntingResponse', () => {
  test('reads the seed projection (7 columns): enriched fields are simply absent', () => {
    const { rows, skipped } = parseHuntingResponse(fixture);
    expect(rows).toHaveLength(fixture.results.length);
    expect(skipped).toBe(0);
    const first = rows[0];
    const raw = fixture.results[0];
    expect(first?.timestamp?.toISOString()).toBe(String(raw?.['Timestamp']).replace(/(\.\d{3})\d*Z$/, '$1Z'));
    expect(first?.principalOid).toBe(raw?.['PrincipalOID']);
    expect(first?.httpRequest).toBe(raw?.['HttpRequest']);
    expect(first?.reportId).toBeUndefined();
    expect(first?.ipAddress).toBeUndefined();
  });

  test('reads schema Name/Type and row keys in any casing', () => {
    const body = {
      schema: fixture.schema.map((c) => ({ Name: c.name, Type: c.type })),
      results: fixture.results.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k.toLowerCase(), v]))),
    };
    const { rows } = parseHuntingResponse(body);
    expect(rows.map((r) => r.principalOid)).toEqual(fixture.results.map((r) => r['PrincipalOID']));
  });

  test('ignores annotation keys and parses SByte booleans', () => {
    const body = {
      schema: [{ name: 'Timestamp', type: 'DateTime' }, { name: 'IsAnonymousProxy', type: 'SByte' }, { name: 'City', type: 'String' }],
      results: [
        { Timestamp: '2024-07-01T00:00:00Z', 'IsAnonymousProxy@odata.type': '#SByte', IsAnonymousProxy: 1, City: 'Oslo', 'City@odata.type': '#String' },
        { Timestamp: '2024-07-01T00:00:00Z', IsAnonymousProxy: 0 },
        { Timestamp: '2024-07-01T00:00:00Z', IsAnonymousProxy: 'garbage' },
      ],
    };
    const { rows } = parseHuntingResponse(body);
    expect(rows.map((r) => r.isAnonymousProxy)).toEqual([true, false, undefined]);
    expect(rows[0]?.city).toBe('Oslo');
  });

  test('missing results is an empty answer', () => {
    expect(parseHuntingResponse({ schema: fixture.schema })).toEqual({ rows: [], skipped: 0 });
    expect(parseHuntingResponse({})).toEqual({ rows: [], skipped: 0 });
  });

  test('rows that are not objects or lack a timestamp are counted, not fatal', () => {
    const body = { schema: fixture.schema, results: [fixture.results[0], 'nope', null, [1], { PrincipalOID: 'x' }, { Timestamp: 'yesterday' }] };
    const { rows, skipped } = parseHuntingResponse(body);
    expect(rows).toHaveLength(1);
    expect(skipped).toBe(5);
  });

  test.each([[null], ['text'], [[1, 2]], [{ results: 'x' }], [{ results: [{}] }]])('a malformed body %j is a coded error', (body) => {
    expect(() => parseHuntingResponse(body)).toThrow(expect.objectContaining({ code: 'HUNTING_BAD_RESPONSE' }));
  });

  test('a dynamic value not wrapped in tostring() becomes JSON text', () => {
    const body = { schema: [{ name: 'Timestamp' }, { name: 'Properties' }], results: [{ Timestamp: '2024-07-01T00:00:00Z', Properties: { statusCode: 'OK' } }] };
    expect(parseHuntingResponse(body).rows[0]?.properties).toBe('{"statusCode":"OK"}');
  });
});

describe('parseKustoDateTime', () => {
  test.each([
    ['2024-07-19T02:10:13.2036062Z', '2024-07-19T02:10:13.203Z'],
    ['2024-07-19T02:10:13.203Z', '2024-07-19T02:10:13.203Z'],
    ['2024-07-19T02:10:13.2Z', '2024-07-19T02:10:13.200Z'],
    ['2024-07-19T02:10:13Z', '2024-07-19T02:10:13.000Z'],
  ])('%s', (input, iso) => {
    expect(parseKustoDateTime(input)?.toISOString()).toBe(iso);
  });
  test.each([['2024-07-19 02:10:13'], ['2024-07-19T02:10:13+02:00'], [''], [42], ['2024-13-45T02:10:13Z']])('rejects %j', (input) => {
    expect(parseKustoDateTime(input)).toBeUndefined();
  });
});
