/**
 * `npm run bench`: speed and memory of the hot paths, measured (not asserted in tests).
 *   1. parse + extract + risk assessment (reply = history) + render for a Graph answer of N rows
 *      (default 100,000: Graph's row limit)
 *   2. a `secrets` turn and an Approve click over loopback HTTP against the real app (local mode)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startSecretWatch } from '../src/app';
import { extractionCardData } from '../src/cards/extraction-card';
import { renderCard } from '../src/cards/render';
import { loadConfig } from '../src/config';
import { toExtractions } from '../src/hunting/extraction';
import { parseHuntingResponse } from '../src/hunting/rows';
import { silentLogger } from '../src/log';
import { assessRisk } from '../src/risk/assess';
import { riskyFirst } from '../src/risk/order';
import { DEFAULT_RISK_SETTINGS } from '../src/risk/settings';

const rows = Number(process.argv[2] ?? 100_000);

function syntheticAnswer(n: number): unknown {
  const results = Array.from({ length: n }, (_, i) => ({
    Timestamp: new Date(Date.UTC(2024, 6, 1) + i * 1000).toISOString().replace('Z', '1234Z'),
    OperationName: 'Microsoft.ApiManagement/service/tenant/listSecrets/action',
    PrincipalOID: `00000000-0000-4000-8000-${String(i % 500).padStart(12, '0')}`,
    SubscriptionID: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
    ApplicationID: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c',
    HttpRequest: JSON.stringify({ clientRequestId: `req-${i}`, clientIpAddress: `203.0.113.${i % 200}`, method: 'POST' }),
    IPAddress: `203.0.113.${i % 200}`,
    CountryCode: i % 11 === 0 ? 'NL' : 'US',
    Properties: JSON.stringify({ statusCode: i % 13 === 0 ? 'Forbidden' : 'OK', entity: `/subscriptions/9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b/resourceGroups/rg/providers/Microsoft.ApiManagement/service/apim-${i % 40}/tenant/access` }),
    ReportId: `b0a1c2d3-0000-4000-8000-${String(i).padStart(12, '0')}`,
  }));
  const schema = Object.keys(results[0] ?? {}).map((name) => ({ name, type: name === 'Timestamp' ? 'DateTime' : 'String' }));
  return { schema, results };
}

async function main(): Promise<void> {
  const answer = syntheticAnswer(rows);
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let t = performance.now();
  const parsed = parseHuntingResponse(answer);
  const tParse = performance.now() - t;
  t = performance.now();
  const extractions = toExtractions(parsed.rows);
  const tExtract = performance.now() - t;
  t = performance.now();
  // The worst case: the reply is the 30-day history itself (`secrets last 30d`), every row assessed.
  const signals = assessRisk({ extractions, history: { extractions, start: new Date(Date.UTC(2024, 5, 20)) }, settings: DEFAULT_RISK_SETTINGS });
  const ordered = riskyFirst(extractions, signals);
  const tRisk = performance.now() - t;
  const heapAfter = process.memoryUsage().heapUsed;
  t = performance.now();
  for (const e of ordered.slice(0, 10)) renderCard('extraction', extractionCardData({ extraction: e, status: 'pending' }, { sample: false }));
  const tRender = performance.now() - t;
  console.log(`rows=${rows} parse=${tParse.toFixed(0)}ms extract=${tExtract.toFixed(0)}ms risk+order=${tRisk.toFixed(0)}ms (${[...signals.values()].filter((x) => x.length > 0).length} flagged, first ${ordered[0]?.id.slice(-6) ?? '-'}) render10=${tRender.toFixed(1)}ms heapDelta=${((heapAfter - heapBefore) / 1e6).toFixed(0)}MB rss=${(process.memoryUsage().rss / 1e6).toFixed(0)}MB`);

  // HTTP turn latency against the real app; replies go nowhere (connection refused is fine for timing the turn).
  const db = join(mkdtempSync(join(tmpdir(), 'sw-bench-')), 'bench.db');
  const app = await startSecretWatch(loadConfig({ PORT: '0', DATABASE_PATH: db, SEND_INTERVAL_MS: '0', LOG_LEVEL: 'error' }), silentLogger);
  const activity = (text: string): string =>
    JSON.stringify({
      type: 'message', text, channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9', id: 'x',
      from: { id: '29:a', name: 'A', aadObjectId: '7c3e5a9b-1d2f-4a6c-8e0b-3f5d7a9c1e2b' }, recipient: { id: '28:b' },
      conversation: { id: 'c' }, deliveryMode: 'expectReplies',
    });
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const s = performance.now();
    await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: activity('help') });
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  console.log(`help turn over loopback: p50=${times[15]?.toFixed(1)}ms p95=${times[28]?.toFixed(1)}ms (n=30)`);
  await app.stop();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
