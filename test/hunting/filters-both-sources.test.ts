import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGraphPoster } from '../../src/graph/client';
import { toExtractions } from '../../src/hunting/extraction';
import { GraphHuntingSource } from '../../src/hunting/graph-source';
import { BUNDLED_SAMPLE_FILE, LocalHuntingSource } from '../../src/hunting/local-source';
import { WIDE_WATCH_LIST } from '../../src/hunting/operations';
import { buildHuntingRequest, type HuntingFilters, type WatchList } from '../../src/hunting/query';
import { parseHuntingResponse } from '../../src/hunting/rows';
import type { HuntingSource } from '../../src/hunting/source';
import { applyGeneratedKql } from '../support/kql-subset';

/** The fixture's "as of" moment: the sample is served un-rebased, so both sources see the same rows. */
const NOW = new Date('2024-08-02T12:00:00Z');
const sample = JSON.parse(readFileSync(BUNDLED_SAMPLE_FILE, 'utf8')) as { schema: unknown[]; results: Array<Record<string, unknown>> };

const ADELE = '2a6f0c1e-8b3d-4e7a-9f21-5c4d3b2a1e0f';
const SP = '0d2f4a6c-8e1b-43d5-a7f9-1c3e5a7b9d2f';
const PROD_SUB = '6b7d1c2e-3f4a-4b5c-9d6e-7f8a9b0c1d2e';

describe('filters mean the same on the local source and on Defender (Graph stand-in applying the generated KQL)', () => {
  let server: Server;
  let graph: HuntingSource;
  const local = new LocalHuntingSource({ file: BUNDLED_SAMPLE_FILE, rebase: false, now: NOW });

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const { Query } = JSON.parse(body) as { Query: string };
        const results = applyGeneratedKql(Query, NOW, sample.results);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ schema: sample.schema, results }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const credential = { getToken: () => Promise.resolve({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) };
    graph = new GraphHuntingSource(createGraphPoster({ credential, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }), 5000);
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  const table: Array<[string, HuntingFilters, WatchList, number]> = [
    ['no filter, 30 days', {}, { kind: 'seed' }, 30],
    ['no filter, 7 days', {}, { kind: 'seed' }, 7],
    ['by a user', { principalId: ADELE }, { kind: 'seed' }, 30],
    ['by a user, id in upper case', { principalId: ADELE.toUpperCase() }, { kind: 'seed' }, 30],
    ['by the service principal', { principalId: SP }, { kind: 'seed' }, 30],
    ['service, any case', { service: 'APIM-Contoso-Prod' }, { kind: 'seed' }, 30],
    ['subscription', { subscriptionId: PROD_SUB }, { kind: 'seed' }, 30],
    ['user + service + subscription', { principalId: ADELE, service: 'apim-contoso-partners', subscriptionId: PROD_SUB }, { kind: 'seed' }, 30],
    ['a service that does not exist', { service: 'apim-nowhere' }, { kind: 'seed' }, 30],
    ['wide watch list', {}, { kind: 'list', operations: WIDE_WATCH_LIST }, 30],
    ['a watch list without the seed operation', {}, { kind: 'list', operations: ['Microsoft.Storage/storageAccounts/listkeys/action'] }, 30],
    ['service filter with the wide list (any provider’s resource name)', { service: 'apim-contoso-dev' }, { kind: 'list', operations: WIDE_WATCH_LIST }, 30],
  ];

  test.each(table)('%s', async (_name, filters, watch, days) => {
    const request = buildHuntingRequest({ kind: 'relative', amount: days, unit: 'd' }, NOW, { filters, watch });
    const [fromLocal, fromGraph] = await Promise.all([local.run(request), graph.run(request)]);
    const ids = (body: unknown): string[] => toExtractions(parseHuntingResponse(body).rows).map((e) => e.id);
    expect(ids(fromLocal)).toEqual(ids(fromGraph));
    // The filter really filtered: every extraction matches it.
    const extractions = toExtractions(parseHuntingResponse(fromLocal).rows);
    for (const e of extractions) {
      if (filters.principalId !== undefined) expect(e.principalId?.toLowerCase()).toBe(filters.principalId.toLowerCase());
      if (filters.service !== undefined) expect(e.service?.toLowerCase()).toBe(filters.service.toLowerCase());
      if (filters.subscriptionId !== undefined) expect(e.subscriptionId).toBe(filters.subscriptionId);
    }
  });

  test('the table is not vacuous: filtered answers are non-empty subsets', async () => {
    const all = toExtractions(parseHuntingResponse(await local.run(buildHuntingRequest({ kind: 'relative', amount: 30, unit: 'd' }, NOW))).rows);
    const adele = toExtractions(parseHuntingResponse(await local.run(buildHuntingRequest({ kind: 'relative', amount: 30, unit: 'd' }, NOW, { filters: { principalId: ADELE } }))).rows);
    expect(adele.length).toBeGreaterThan(0);
    expect(adele.length).toBeLessThan(all.length);
  });
});
