import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cardBytes, type AdaptiveCardJson } from '../../src/cards/render';
import { DEFAULT_WINDOW } from '../../src/commands/window';
import type { Actor } from '../../src/decisions/decision';
import { toExtractions } from '../../src/hunting/extraction';
import type { HuntingRequest } from '../../src/hunting/query';
import type { HuntingResponse } from '../../src/hunting/response';
import { parseHuntingResponse } from '../../src/hunting/rows';
import type { HuntingSource } from '../../src/hunting/source';
import { decide } from '../../src/usecases/decide';
import { listSecrets, type SecretsDeps } from '../../src/usecases/list-secrets';
import { QuotaGuard } from '../../src/hunting/quota-guard';
import { DEFAULT_RISK_SETTINGS } from '../../src/risk/settings';
import { SIGNALS } from '../../src/risk/signal';
import { nextPage } from '../../src/usecases/next-page';
import type { OutgoingCard } from '../../src/usecases/reply';
import { MemoryDecisionStore } from '../fakes/memory-decision-store';
import { fixedAnalysts } from '../fakes/fixed-analysts';
import { fixedDirectory } from '../fakes/fixed-directory';
import type { AnalystDirectory } from '../../src/decisions/roles';
import { cardActions, cardTexts, checkCard } from '../support/adaptive-card';

const NOW = new Date('2024-07-24T12:00:00.000Z');
const CONVERSATION = 'a:conversation-1';
const CONTEXT = 'https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.security.huntingQueryResults';
const sampleBody = JSON.parse(readFileSync(join(__dirname, '../../data/sample/hunting.json'), 'utf8')) as HuntingResponse;

/** A HuntingSource answering every request with one fixed body in the Graph wire format. */
class FakeSource implements HuntingSource {
  readonly requests: HuntingRequest[] = [];
  constructor(
    private readonly body: HuntingResponse,
    readonly kind: 'defender' | 'local' = 'local',
  ) {}
  run(request: HuntingRequest): Promise<HuntingResponse> {
    this.requests.push(request);
    return Promise.resolve(this.body);
  }
}

function setup(body: HuntingResponse, pageSize = 10, kind: 'defender' | 'local' = 'local'): SecretsDeps & { store: MemoryDecisionStore; source: FakeSource } {
  const source = new FakeSource(body, kind);
  const hunter = new QuotaGuard(source, { cacheTtlMs: 0, now: () => NOW });
  return { source, hunter, store: new MemoryDecisionStore(), pageSize, now: () => NOW, watch: { kind: 'seed' }, defenderPortalUrl: 'https://security.microsoft.com', risk: DEFAULT_RISK_SETTINGS };
}

const ASK = { window: DEFAULT_WINDOW, filters: {}, fresh: false, conversationId: CONVERSATION } as const;

const texts = (o: OutgoingCard): string[] => {
  const t = cardTexts(o.card);
  return [...t.textBlocks, ...t.textRuns];
};
const isSummary = (o: OutgoingCard): boolean => texts(o).includes('API Management secret extractions');
const isPager = (o: OutgoingCard): boolean => o.extractionId === undefined && !isSummary(o) && texts(o).some((t) => t.startsWith('Showing '));

/** The four big numbers of the summary card: extractions, principals, services, failed. */
function summaryNumbers(card: AdaptiveCardJson): number[] {
  const found: number[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (typeof n === 'object' && n !== null) {
      const o = n as Record<string, unknown>;
      // adaptivecards-templating's string() groups thousands: "5,000".
      if (o['type'] === 'TextBlock' && o['size'] === 'ExtraLarge') found.push(Number(String(o['text']).replace(/,/g, '')));
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

function pagerAction(o: OutgoingCard): { resultId: string; page: number } {
  const action = cardActions(o.card).find((a) => a['verb'] === 'nextPage');
  const data = action?.['data'] as { resultId?: unknown; page?: unknown } | undefined;
  if (typeof data?.resultId !== 'string' || typeof data.page !== 'number') throw new Error(`no nextPage action in ${JSON.stringify(o.card)}`);
  return { resultId: data.resultId, page: data.page };
}

/**
 * The order cards must come in: highest risk score first (signals as stored with each extraction),
 * equal scores in the given (newest-first) order. Checked independently of the code's own sort.
 */
function riskyThenNewest(newestFirst: ReadonlyArray<{ id: string }>, store: MemoryDecisionStore): string[] {
  const score = (id: string): number => {
    const signals = store.extractions.get(id)?.signals;
    if (signals === undefined) throw new Error(`extraction ${id} was stored without an assessment`);
    return signals.reduce((sum, s) => sum + (SIGNALS.get(s.kind)?.weight ?? NaN), 0);
  };
  const buckets = new Map<number, string[]>();
  for (const { id } of newestFirst) buckets.set(score(id), [...(buckets.get(score(id)) ?? []), id]);
  return [...buckets.keys()].sort((a, b) => b - a).flatMap((k) => buckets.get(k) ?? []);
}

describe('listSecrets with the bundled sample', () => {
  const expected = toExtractions(parseHuntingResponse(sampleBody).rows);

  test('summary first, then one card per extraction of the first page, then the pager', async () => {
    const deps = setup(sampleBody, 10);
    const result = await listSecrets(deps, ASK);
    expect(expected.length).toBeGreaterThan(10);
    expect(result.extractionCount).toBe(expected.length);
    expect(result.skippedRows).toBe(0);
    // The reply's query and, at most, one more: the 30-day history of the same operations, unfiltered.
    expect(deps.source.requests.map((r) => [r.timespan, r.filters])).toEqual([['P7D', {}], ['P30D', {}]]);

    const [summary, ...rest] = result.cards;
    if (summary === undefined) throw new Error('no cards');
    expect(isSummary(summary)).toBe(true);
    expect(summary.extractionId).toBeUndefined();
    expect(summaryNumbers(summary.card)).toEqual([
      expected.length,
      new Set(expected.map((e) => e.principalId ?? 'unknown')).size,
      new Set(expected.map((e) => (e.service ?? 'unknown').toLowerCase())).size,
      expected.filter((e) => e.outcome === 'forbidden' || e.outcome === 'failed').length,
    ]);
    expect(texts(summary)).toContain('Sample data');

    const page = rest.slice(0, 10);
    expect(page.map((c) => c.extractionId)).toEqual(riskyThenNewest(expected, deps.store).slice(0, 10));
    for (const c of page) expect(cardActions(c.card).map((a) => a['data'])).toEqual(Array.from({ length: 4 }, () => ({ extractionId: c.extractionId, seen: 0 })));
    expect(rest).toHaveLength(11);
    const pager = rest[10];
    if (pager === undefined) throw new Error('no pager');
    expect(isPager(pager)).toBe(true);
    expect(texts(pager)).toEqual([`Showing 1–10 of ${expected.length}.`]);
    expect(pagerAction(pager).page).toBe(2);

    for (const c of result.cards) expect(checkCard(c.card).events).toEqual([]);
    expect(deps.store.extractions.size).toBe(expected.length);
  });

  test.each([0, 1])('no pager when the extractions fit in pageSize (count + %i)', async (extra) => {
    const deps = setup(sampleBody, expected.length + extra, 'defender');
    const result = await listSecrets(deps, ASK);
    expect(result.cards).toHaveLength(1 + expected.length);
    expect(result.cards.slice(1).map((c) => c.extractionId)).toEqual(riskyThenNewest(expected, deps.store));
    expect(result.cards.some(isPager)).toBe(false);
    expect(deps.store.sets.size).toBe(0);
    expect(texts(result.cards[0] ?? { card: {} })).not.toContain('Sample data');
  });

  test('pageSize one less than the count gives a pager for the last one', async () => {
    const result = await listSecrets(setup(sampleBody, expected.length - 1), ASK);
    const last = result.cards[result.cards.length - 1];
    if (last === undefined) throw new Error('no cards');
    expect(texts(last)).toEqual([`Showing 1–${expected.length - 1} of ${expected.length}.`]);
    expect(cardActions(last.card).map((a) => a['title'])).toEqual(['Show next 1']);
  });
});

describe('listSecrets with zero rows', () => {
  test.each([
    ['empty results', { '@odata.context': CONTEXT, schema: sampleBody.schema ?? [], results: [] }],
    ['no results at all', { '@odata.context': CONTEXT }],
  ])('%s: a single empty card', async (_name, body: HuntingResponse) => {
    const deps = setup(body);
    const result = await listSecrets(deps, ASK);
    expect(result.extractionCount).toBe(0);
    expect(result.cards).toHaveLength(1);
    const only = result.cards[0];
    if (only === undefined) throw new Error('no card');
    expect(only.extractionId).toBeUndefined();
    expect(texts(only)).toContain('No secret extractions');
    expect(checkCard(only.card).events).toEqual([]);
    expect(deps.store.extractions.size).toBe(0);
  });
});

describe('listSecrets: an empty answer under a principal filter', () => {
  const ADELE = 'a1b2c3d4-0000-4000-8000-00000000ad31';
  const empty: HuntingResponse = { '@odata.context': CONTEXT, schema: sampleBody.schema ?? [], results: [] };
  // A job title too: the filter line names the principal as a by-name filter would, without it.
  const adele = { kind: 'user' as const, id: ADELE, displayName: 'Adele Vance', userPrincipalName: 'adele.vance@contoso.com', jobTitle: 'Platform Engineer' };

  test('names the principal from one directory lookup and does not say "nobody"', async () => {
    const directory = fixedDirectory([adele]);
    const result = await listSecrets({ ...setup(empty), directory }, { ...ASK, filters: { principalId: ADELE } });
    const words = texts(result.cards[0] as OutgoingCard).join(' | ');
    expect(words).toContain('Filtered: by Adele Vance (adele.vance@contoso.com).');
    expect(words).toMatch(/No secret extraction in the last 7 days matches the filter/);
    expect(words).not.toMatch(/Nobody/);
    expect(words).toContain('Try a longer window with the same filters: type the command again with "last 30d" as its window.');
    expect(cardActions((result.cards[0] as OutgoingCard).card)).toEqual([expect.objectContaining({ type: 'Action.OpenUrl', title: 'Open in Defender', url: expect.stringMatching(/^https:\/\/security\.microsoft\.com\//) })]);
    expect(directory.calls).toEqual(['resolve 1']);
  });

  test('at 30 days there is no longer window to suggest', async () => {
    const result = await listSecrets(setup(empty), { ...ASK, window: { kind: 'relative', amount: 30, unit: 'd' } });
    const words = texts(result.cards[0] as OutgoingCard).join(' | ');
    expect(words).toContain('That is as far back as SecretWatch looks (30 days).');
    expect(words).not.toMatch(/Try a longer window/);
  });

  test('a failed or empty lookup keeps the id; without a filter "nobody" is right', async () => {
    const failing = await listSecrets({ ...setup(empty), directory: fixedDirectory([adele], {}, true) }, { ...ASK, filters: { principalId: ADELE } });
    expect(texts(failing.cards[0] as OutgoingCard)).toContain(`Filtered: by ${ADELE}.`);
    const unfiltered = await listSecrets({ ...setup(empty), directory: fixedDirectory([adele]) }, ASK);
    expect(texts(unfiltered.cards[0] as OutgoingCard).join(' ')).toMatch(/Nobody listed API Management secrets in the last 7 days/);
  });
});

describe('listSecrets and nextPage with 5,000 extractions', () => {
  const TOTAL = 5000;
  const PAGE = 10;
  const MAX_CARD_BYTES = 40 * 1024;
  const T0 = Date.parse('2024-07-24T11:00:00.000Z');
  const reportId = (i: number): string => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
  const longAgent = (i: number): string => `Mozilla/5.0 (${i}) ${'漢字 x'.repeat(1280)}`; // ~10 KB of UTF-8

  function row(i: number): Record<string, unknown> {
    const service = `apim-load-${i % 37}`;
    const resourceId = `/subscriptions/9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b/resourceGroups/rg-load/providers/Microsoft.ApiManagement/service/${service}/tenant/access`;
    const long = i % 97 === 0;
    return {
      Timestamp: new Date(T0 - i * 1000).toISOString().replace('Z', '1234Z'),
      OperationName: 'Microsoft.ApiManagement/service/tenant/listSecrets/action',
      PrincipalOID: `0d2f4a6c-8e1b-43d5-a7f9-${(i % 113).toString(16).padStart(12, '0')}`,
      SubscriptionID: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
      ApplicationID: '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
      HttpRequest: JSON.stringify({ clientRequestId: `c1d2e3f4-0000-4000-9000-${i.toString(16).padStart(12, '0')}`, clientIpAddress: '192.0.2.45', method: 'POST' }),
      Properties: JSON.stringify({ statusCode: i % 5 === 0 ? 'Forbidden' : 'OK', entity: resourceId }),
      ReportId: reportId(i),
      ResourceId: resourceId,
      IPAddress: '192.0.2.45',
      CountryCode: 'NL',
      City: long ? longAgent(i) : 'Amsterdam',
      Isp: long ? longAgent(i) : 'Contoso Hosting',
      'IsAnonymousProxy@odata.type': '#SByte',
      IsAnonymousProxy: i % 2,
      UserAgent: long || i % 7 === 0 ? longAgent(i) : 'AZURECLI/2.62.0',
    };
  }
  const body: HuntingResponse = { '@odata.context': CONTEXT, schema: sampleBody.schema ?? [], results: Array.from({ length: TOTAL }, (_, i) => row(i)) };

  function expectSmallSingleCards(cards: readonly OutgoingCard[]): void {
    for (const c of cards) {
      // One OutgoingCard is one message with one attachment: a single AdaptiveCard object.
      expect(c.card['type']).toBe('AdaptiveCard');
      expect(cardBytes(c.card)).toBe(Buffer.byteLength(JSON.stringify(c.card)));
      expect(Buffer.byteLength(JSON.stringify(c.card))).toBeLessThanOrEqual(MAX_CARD_BYTES);
    }
  }

  test('first reply, then every page in order, each id exactly once', async () => {
    const deps = setup(body, PAGE, 'defender');
    const first = await listSecrets(deps, ASK);
    expect(first.extractionCount).toBe(TOTAL);
    expect(first.skippedRows).toBe(0);
    expect(first.cards).toHaveLength(1 + PAGE + 1);
    expect(isSummary(first.cards[0] ?? { card: {} })).toBe(true);
    expect(summaryNumbers((first.cards[0] ?? { card: {} }).card)[0]).toBe(TOTAL);
    expectSmallSingleCards(first.cards);
    for (const c of first.cards.filter((_, i) => i <= 1 || i === PAGE + 1)) expect(checkCard(c.card).events).toEqual([]);

    const visited: string[] = first.cards.flatMap((c) => (c.extractionId === undefined ? [] : [c.extractionId]));
    let pager = first.cards[first.cards.length - 1];
    let step = 1;
    while (pager !== undefined) {
      expect(isPager(pager)).toBe(true);
      expect(texts(pager)).toEqual([`Showing ${(step - 1) * PAGE + 1}–${step * PAGE} of ${TOTAL}.`]);
      const { resultId, page } = pagerAction(pager);
      expect(page).toBe(step + 1);
      const outcome = await nextPage(deps, resultId, page, CONVERSATION);
      if (outcome.kind !== 'page') throw new Error(`page ${page}: ${outcome.kind}`);
      expectSmallSingleCards([...outcome.cards, outcome.pagerNow]);
      expect(cardActions(outcome.pagerNow.card)).toEqual([]);
      expect(texts(outcome.pagerNow)[0]).toMatch(new RegExp(`^Showing ${(step - 1) * PAGE + 1}–${step * PAGE} of ${TOTAL}\\.`));
      const ids = outcome.cards.flatMap((c) => (c.extractionId === undefined ? [] : [c.extractionId]));
      expect(ids).toHaveLength(Math.min(PAGE, TOTAL - step * PAGE));
      visited.push(...ids);
      step++;
      const tail = outcome.cards[outcome.cards.length - 1];
      pager = tail !== undefined && tail.extractionId === undefined ? tail : undefined;
      if (pager === undefined) expect(outcome.cards.some(isPager)).toBe(false);
    }
    expect(step).toBe(TOTAL / PAGE);
    expect(visited).toEqual(riskyThenNewest(Array.from({ length: TOTAL }, (_, i) => ({ id: reportId(i) })), deps.store));
    expect(new Set(visited).size).toBe(TOTAL);
    expect(await nextPage(deps, pagerAction(first.cards[PAGE + 1] ?? { card: {} }).resultId, TOTAL / PAGE + 1, CONVERSATION)).toEqual({ kind: 'out-of-range' });
  });

  test('cards with ~10 KB fields stay valid and small', async () => {
    const deps = setup({ ...body, results: (body.results ?? []).filter((_, i) => i % 97 === 0) }, 25);
    const result = await listSecrets(deps, ASK);
    expect(result.cards.length).toBeGreaterThan(25);
    expect(Buffer.byteLength(longAgent(0))).toBeGreaterThan(10_000);
    expectSmallSingleCards(result.cards);
    for (const c of result.cards) expect(checkCard(c.card).events).toEqual([]);
    // The long fields did reach the cards, bounded.
    for (const c of result.cards.filter((x) => x.extractionId !== undefined)) {
      expect(cardTexts(c.card).textRuns.filter((t) => t.includes('漢字') && t.endsWith('…')).length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('decide', () => {
  const ALICE: Actor = { id: '3f1e2d4c-5b6a-4798-8a0b-1c2d3e4f5a6b', name: 'Alice Example' };
  const BOB: Actor = { id: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d', name: 'Bob Example' };

  async function seeded(): Promise<{ store: MemoryDecisionStore; id: string; deps: { store: MemoryDecisionStore; now: () => Date; sample: boolean; analysts: AnalystDirectory } }> {
    const deps = setup(sampleBody);
    await listSecrets(deps, ASK);
    const id = [...deps.store.extractions.keys()][0];
    if (id === undefined) throw new Error('nothing seen');
    return { store: deps.store, id, deps: { store: deps.store, now: () => NOW, sample: true, analysts: fixedAnalysts(ALICE.id, BOB.id) } };
  }

  test('a decision shows Approved by the actor; the second click changes nothing', async () => {
    const { store, id, deps } = await seeded();
    const decided = await decide(deps, id, 'approve', ALICE);
    if (decided.kind === 'unknown-extraction') throw new Error('unknown');
    expect(decided.kind).toBe('decided');
    expect(cardTexts(decided.card).textRuns).toEqual(expect.arrayContaining(['Approved by ', `${ALICE.name} (analyst)`]));
    // Only a change remains possible once decided.
    expect(cardActions(decided.card).map((a) => a['verb'])).toEqual(['change-to-escalated']);
    expect(checkCard(decided.card).events).toEqual([]);

    const again = await decide(deps, id, 'escalate', BOB);
    if (again.kind === 'unknown-extraction') throw new Error('unknown');
    expect(again.kind).toBe('already-decided');
    const runs = cardTexts(again.card).textRuns;
    expect(runs).toEqual(expect.arrayContaining(['Approved by ', `${ALICE.name} (analyst)`]));
    expect(runs.some((t) => t.startsWith('This extraction is approved now; the card you clicked was out of date.'))).toBe(true);
    expect(runs).not.toContain(BOB.name);
    expect(checkCard(again.card).events).toEqual([]);

    expect(store.records).toHaveLength(1);
    expect(store.records[0]).toEqual({ extractionId: id, verb: 'approve', status: 'approved', actor: ALICE, decidedAt: NOW, role: 'analyst' });
  });

  test('an unknown extraction id is reported, and nothing is recorded', async () => {
    const { store, deps } = await seeded();
    expect(await decide(deps, '00000000-0000-4000-8000-000000000000', 'approve', ALICE)).toEqual({ kind: 'unknown-extraction' });
    expect(store.records).toHaveLength(0);
  });
});
