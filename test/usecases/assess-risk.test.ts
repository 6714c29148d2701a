import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_WINDOW } from '../../src/commands/window';
import { AppError, ErrorCode } from '../../src/errors';
import { QuotaGuard } from '../../src/hunting/quota-guard';
import type { HuntingRequest } from '../../src/hunting/query';
import type { HuntingResponse } from '../../src/hunting/response';
import type { HuntingSource } from '../../src/hunting/source';
import { DEFAULT_RISK_SETTINGS } from '../../src/risk/settings';
import { listSecrets, type SecretsDeps } from '../../src/usecases/list-secrets';
import { MemoryDecisionStore } from '../fakes/memory-decision-store';
import { cardTexts } from '../support/adaptive-card';

/** The history behind the signals costs at most one more hunting query, and never costs the reply. */
const NOW = new Date('2024-08-02T12:00:00.000Z');
const sample = JSON.parse(readFileSync(join(__dirname, '../../data/sample/hunting.json'), 'utf8')) as HuntingResponse;

class CountingSource implements HuntingSource {
  readonly kind = 'defender' as const;
  readonly requests: HuntingRequest[] = [];
  constructor(private readonly failHistory = false) {}
  run(request: HuntingRequest): Promise<HuntingResponse> {
    this.requests.push(request);
    if (this.failHistory && request.timespan === 'P30D' && Object.keys(request.filters).length === 0) return Promise.reject(new AppError(ErrorCode.HuntingForbidden, 'no'));
    return Promise.resolve(sample);
  }
}

function deps(source: HuntingSource, cacheTtlMs = 120_000): SecretsDeps & { store: MemoryDecisionStore } {
  return {
    hunter: new QuotaGuard(source, { cacheTtlMs, now: () => NOW }),
    store: new MemoryDecisionStore(),
    pageSize: 10,
    now: () => NOW,
    watch: { kind: 'seed' },
    defenderPortalUrl: 'https://security.microsoft.com',
    risk: DEFAULT_RISK_SETTINGS,
  };
}

const ask = (window = DEFAULT_WINDOW, filters = {}): Parameters<typeof listSecrets>[1] => ({ window, filters, fresh: false, conversationId: 'c1' });
const THIRTY_DAYS = { kind: 'relative', amount: 30, unit: 'd' } as const;

describe('the 30-day history behind the risk signals', () => {
  test('"secrets last 7d": the reply query plus one history query (30 days, same operations, no filters)', async () => {
    const source = new CountingSource();
    await listSecrets(deps(source), ask(DEFAULT_WINDOW, { service: 'apim-contoso-prod' }));
    expect(source.requests.map((r) => r.timespan)).toEqual(['P7D', 'P30D']);
    expect(source.requests[1]?.filters).toEqual({});
    expect(source.requests[1]?.query).not.toMatch(/apim-contoso-prod/);
  });

  test('a filter given by name reaches the query as its object id only: the label is for the summary', async () => {
    const source = new CountingSource();
    const result = await listSecrets(deps(source), ask(DEFAULT_WINDOW, { principalId: 'e9a1c3b5-7d2f-4f6a-8b0c-2d4e6f8a0b1c', principalLabel: 'Diego Siciliani (diego.siciliani@contoso.com)' }));
    expect(source.requests[0]?.filters).toEqual({ principalId: 'e9a1c3b5-7d2f-4f6a-8b0c-2d4e6f8a0b1c' });
    expect(source.requests[0]?.query).not.toMatch(/Diego/);
    expect(cardTexts(result.cards[0]?.card).textRuns.join(' ')).toContain('by Diego Siciliani (diego.siciliani@contoso.com)');
  });

  test('"secrets last 30d" (unfiltered) is the history itself: one query, not two, even with the cache off', async () => {
    const source = new CountingSource();
    await listSecrets(deps(source, 0), ask(THIRTY_DAYS));
    expect(source.requests).toHaveLength(1);
  });

  test('a second reply within the cache time makes no query at all; other windows reuse the cached history', async () => {
    const source = new CountingSource();
    const d = deps(source);
    await listSecrets(d, ask());
    await listSecrets(d, ask());
    await listSecrets(d, ask({ kind: 'relative', amount: 1, unit: 'd' }));
    expect(source.requests.map((r) => r.timespan)).toEqual(['P7D', 'P30D', 'P1D']);
  });

  test('an empty answer does not wait for the history (it may take Defender minutes)', async () => {
    const empty: HuntingResponse = { ...sample, results: [] };
    const source: HuntingSource & { requests: HuntingRequest[] } = {
      kind: 'defender',
      requests: [],
      run(request) {
        this.requests.push(request);
        // The history never answers; the reply's own query finds nothing.
        return request.timespan === 'P30D' ? new Promise<HuntingResponse>(() => undefined) : Promise.resolve(empty);
      },
    };
    const result = await listSecrets(deps(source), ask({ kind: 'relative', amount: 1, unit: 'h' }));
    expect(result.extractionCount).toBe(0);
    expect(source.requests.map((r) => r.timespan)).toEqual(['PT1H', 'P30D']);
  });

  test('a failed history query does not fail the reply: signals without a baseline, and the summary says so', async () => {
    const source = new CountingSource(true);
    const d = deps(source);
    const result = await listSecrets(d, ask(THIRTY_DAYS, { service: 'apim-contoso-prod' }));
    const summary = cardTexts(result.cards[0]?.card).textBlocks.join(' ');
    expect(summary).toMatch(/The last 30 days could not be read for comparison \(HUNTING_FORBIDDEN\), so new IP, first time on a service and unusual country are not judged/);
    const kinds = [...d.store.extractions.values()].flatMap((e) => (e.signals ?? []).map((s) => s.kind));
    expect(kinds).toContain('anonymous-proxy');
    expect(kinds).toContain('repeated-failures');
    for (const novelty of ['new-ip', 'sp-new-ip', 'first-service', 'unusual-country']) expect(kinds).not.toContain(novelty);
  });
});
