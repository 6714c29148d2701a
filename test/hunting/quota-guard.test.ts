import { createGraphPoster } from '../../src/graph/client';
import { GraphHuntingSource } from '../../src/hunting/graph-source';
import { buildHuntingRequest } from '../../src/hunting/query';
import { QuotaGuard } from '../../src/hunting/quota-guard';
import { AppError } from '../../src/errors';
import { graphBehaviour, startFakeGraph, type FakeGraph } from '../support/fake-graph';

const credential = { getToken: () => Promise.resolve({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) };
const week = { kind: 'relative', amount: 7, unit: 'd' } as const;
const day = { kind: 'relative', amount: 1, unit: 'd' } as const;
const P = '7c3e5a9b-1d2f-4a6c-8e0b-3f5d7a9c1e2b';

describe('QuotaGuard over a Graph stand-in that counts requests', () => {
  let graph: FakeGraph;
  let clock: number;
  const now = (): Date => new Date(clock);
  const guard = (ttlMs = 120_000): QuotaGuard => new QuotaGuard(new GraphHuntingSource(createGraphPoster({ credential, baseUrl: graph.url }), 5000), { cacheTtlMs: ttlMs, now });

  beforeEach(async () => {
    clock = Date.parse('2026-12-03T10:07:00Z');
    graph = await startFakeGraph();
  });
  afterEach(async () => {
    await graph.close();
  });

  test('50 concurrent identical asks → exactly 1 upstream call; a different window or filter → its own call', async () => {
    const g = guard(0); // no cache: sharing comes from single-flight alone
    graph.setDefault({ kind: 'ok' });
    const asks = Array.from({ length: 50 }, () => g.hunt(buildHuntingRequest(week, now()), { fresh: false }));
    const other = g.hunt(buildHuntingRequest(day, now()), { fresh: false });
    const filtered = g.hunt(buildHuntingRequest(week, now(), { filters: { principalId: P } }), { fresh: false });
    const answers = await Promise.all([...asks, other, filtered]);
    expect(graph.requests).toHaveLength(3);
    expect(new Set(answers.slice(0, 50).map((a) => a.body)).size).toBe(1);
    expect(graph.requests.map((r) => (r.body as { Timespan: string }).Timespan).sort()).toEqual(['P1D', 'P7D', 'P7D']);
  });

  test('identical asks within the cache time reuse the answer (with its age); "fresh" calls again; expiry calls again', async () => {
    const g = guard(120_000);
    const first = await g.hunt(buildHuntingRequest(week, now()), { fresh: false });
    clock += 60_000;
    const second = await g.hunt(buildHuntingRequest(week, now()), { fresh: false });
    expect(graph.requests).toHaveLength(1);
    expect(second).toMatchObject({ fromCache: true, fetchedAt: first.fetchedAt });
    const fresh = await g.hunt(buildHuntingRequest(week, now()), { fresh: true });
    expect(fresh.fromCache).toBe(false);
    expect(graph.requests).toHaveLength(2);
    clock += 121_000;
    await g.hunt(buildHuntingRequest(week, now()), { fresh: false });
    expect(graph.requests).toHaveLength(3);
  });

  test('since-windows asked at different moments share the cache (Timespan is the start alone)', async () => {
    const g = guard(120_000);
    const since = { kind: 'since', start: new Date('2026-12-01T00:00:00Z') } as const;
    await g.hunt(buildHuntingRequest(since, now()), { fresh: false });
    clock += 30_000;
    await g.hunt(buildHuntingRequest(since, now()), { fresh: false });
    expect(graph.requests).toHaveLength(1);
  });

  test.each([
    ['with Retry-After: 120', 120, 120],
    ['without Retry-After (blocked until the next 15-minute cycle)', undefined, 8 * 60], // 10:07 → 10:15
  ])('a quota 429 %s opens the circuit: no upstream call until it passes, asks answered at once with when', async (_name, retryAfter, blockedSeconds) => {
    const g = guard(0);
    graph.reply(graphBehaviour.throttled(retryAfter));
    await expect(g.hunt(buildHuntingRequest(week, now()), { fresh: false })).rejects.toMatchObject({ code: 'HUNTING_THROTTLED', retryAfterSeconds: blockedSeconds });
    // 20 more asks of any kind (fresh too) while blocked: none reaches Defender.
    for (let i = 0; i < 20; i++) {
      clock += ((blockedSeconds - 1) * 1000) / 20;
      const e = await g.hunt(buildHuntingRequest(i % 2 ? day : week, now()), { fresh: i % 3 === 0 }).then(() => undefined, (x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('HUNTING_THROTTLED');
      expect((e as AppError).hint).toMatch(/Try again after \d{2}:\d{2} UTC/);
    }
    expect(graph.requests).toHaveLength(1);
    clock += 2000; // past the block
    await g.hunt(buildHuntingRequest(week, now()), { fresh: false });
    expect(graph.requests).toHaveLength(2);
  });

  test('other failures do not open the circuit or poison the cache', async () => {
    const g = guard(120_000);
    graph.reply(graphBehaviour.unknownError());
    await expect(g.hunt(buildHuntingRequest(week, now()), { fresh: false })).rejects.toMatchObject({ code: 'HUNTING_UNAVAILABLE' });
    const ok = await g.hunt(buildHuntingRequest(week, now()), { fresh: false });
    expect(ok.fromCache).toBe(false);
    expect(graph.requests).toHaveLength(2);
  });
});
