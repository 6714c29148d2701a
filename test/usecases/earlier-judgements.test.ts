import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDirectoryObjects } from '../../src/directory/principal';
import { AppError, ErrorCode } from '../../src/errors';
import type { Extraction } from '../../src/hunting/extraction';
import { QuotaGuard } from '../../src/hunting/quota-guard';
import type { HuntingRequest } from '../../src/hunting/query';
import type { HuntingResponse } from '../../src/hunting/response';
import type { HuntingSource } from '../../src/hunting/source';
import { DEFAULT_RISK_SETTINGS } from '../../src/risk/settings';
import type { RiskSignal, SignalKind } from '../../src/risk/signal';
import { keepBetterSignals, keepKnownNames } from '../../src/usecases/earlier-judgements';
import { listSecrets, pageCards, type SecretsDeps } from '../../src/usecases/list-secrets';
import { fixedDirectory } from '../fakes/fixed-directory';
import { MemoryDecisionStore } from '../fakes/memory-decision-store';
import { cardTexts } from '../support/adaptive-card';

/**
 * Every listing rewrites the stored extractions, and later cards (next pages, decisions, refreshes,
 * escalation posts) show the stored copy: a listing that knew less must not erase what one that
 * knew more found.
 */
const DAY = 86_400_000;
const NOW = new Date('2024-08-02T12:00:00.000Z');
const sample = JSON.parse(readFileSync(join(__dirname, '../../data/sample/hunting.json'), 'utf8')) as HuntingResponse;
const principals = parseDirectoryObjects((JSON.parse(readFileSync(join(__dirname, '../fixtures/graph/directoryObjects.getByIds.json'), 'utf8')) as { value: unknown[] }).value);
const DIEGO = 'e9a1c3b5-7d2f-4f6a-8b0c-2d4e6f8a0b1c';
const BACKUP_SP = '0d2f4a6c-8e1b-43d5-a7f9-1c3e5a7b9d2f';
const NOVELTY: readonly SignalKind[] = ['new-ip', 'sp-new-ip', 'first-service', 'unusual-country'];

/** Answers with the sample rows inside the asked window (as Defender would); the 30-day history can be made to fail. */
class WindowedSource implements HuntingSource {
  readonly kind = 'defender' as const;
  failHistory = false;
  run(request: HuntingRequest): Promise<HuntingResponse> {
    if (this.failHistory && request.timespan === 'P30D') return Promise.reject(new AppError(ErrorCode.HuntingThrottled, 'quota'));
    const results = (sample.results ?? []).filter((r) => Date.parse(String((r as Record<string, unknown>)['Timestamp'])) >= request.start.getTime());
    return Promise.resolve({ ...sample, results });
  }
}

function setup(): { deps: SecretsDeps & { store: MemoryDecisionStore }; source: WindowedSource; clock: { now: Date }; directory: { failing: boolean } } {
  const source = new WindowedSource();
  const clock = { now: NOW };
  const directory = { failing: false };
  const working = fixedDirectory(principals);
  const broken = fixedDirectory(principals, {}, true);
  const deps = {
    hunter: new QuotaGuard(source, { cacheTtlMs: 0, now: () => clock.now }),
    store: new MemoryDecisionStore(),
    pageSize: 3,
    now: () => clock.now,
    watch: { kind: 'seed' as const },
    defenderPortalUrl: 'https://security.microsoft.com',
    risk: DEFAULT_RISK_SETTINGS,
    directory: {
      resolve: (ids: readonly string[]) => (directory.failing ? broken : working).resolve(ids),
      find: (q: Parameters<typeof working.find>[0]) => (directory.failing ? broken : working).find(q),
      applicationNames: (ids: readonly string[]) => (directory.failing ? broken : working).applicationNames(ids),
    },
  };
  return { deps, source, clock, directory };
}

const ask = (amount: number) => ({ window: { kind: 'relative' as const, amount, unit: 'd' as const }, filters: {}, fresh: false, conversationId: 'c1' });
const kinds = (e: Extraction | undefined): SignalKind[] => (e?.signals ?? []).map((s) => s.kind);

describe('a listing that knew less keeps what an earlier one found', () => {
  test('the history hits the quota: stored novelty signals stay, and so do the chips on the cards shown later', async () => {
    const { deps, source } = setup();
    const first = await listSecrets(deps, ask(29)); // not 30: that ask would be the history itself
    const ids = first.cards.flatMap((c) => (c.extractionId === undefined ? [] : [c.extractionId]));
    const before = new Map(ids.map((id) => [id, kinds(deps.store.extractions.get(id))]));
    expect([...before.values()].flat()).toEqual(expect.arrayContaining(['new-ip', 'first-service']));

    source.failHistory = true;
    const second = await listSecrets(deps, ask(29));
    expect(cardTexts(second.cards[0]?.card).textBlocks.join(' ')).toMatch(/not judged in this answer; extractions judged in an earlier answer keep those signals/);
    for (const id of ids) expect(kinds(deps.store.extractions.get(id))).toEqual(before.get(id));
    // What a later card (a next page of the first answer, a decision) shows comes from the store.
    const [diego] = await pageCards(deps, [ids[0] ?? ''], false);
    expect(cardTexts(diego?.card).textRuns).toEqual(expect.arrayContaining(['New IP', 'First time on this service']));
  });

  test('the directory is down: names, the @mention and the application exemption stay', async () => {
    const { deps, directory } = setup();
    await listSecrets(deps, ask(30));
    directory.failing = true;
    const second = await listSecrets(deps, ask(30));
    expect(cardTexts(second.cards[0]?.card).textBlocks.join(' ')).toMatch(/Names could not be looked up/);

    const diego = [...deps.store.extractions.values()].find((e) => e.principalId === DIEGO);
    expect(diego?.principalInfo?.displayName).toBe('Diego Siciliani');
    const [card] = await pageCards(deps, [diego?.id ?? ''], false);
    expect(cardTexts(card?.card).textBlocks.join(' ')).toContain('<at>Diego Siciliani</at>, was this you?');
    // The backup application runs at night by design: still an application, so never "Off hours" or the people's "New IP".
    const backup = [...deps.store.extractions.values()].filter((e) => e.principalId === BACKUP_SP);
    expect(backup.length).toBeGreaterThan(0);
    for (const e of backup) {
      expect(e.principalInfo?.kind).toBe('servicePrincipal');
      expect(kinds(e)).not.toContain('off-hours');
      expect(kinds(e)).not.toContain('new-ip');
    }
  });

  test('two weeks later the history no longer reaches as far back: the verdict that saw more stands', async () => {
    const { deps, clock } = setup();
    await listSecrets(deps, ask(30));
    const first = new Map([...deps.store.extractions].map(([id, e]) => [id, kinds(e).filter((k) => NOVELTY.includes(k))]));

    clock.now = new Date(NOW.getTime() + 14 * DAY);
    await listSecrets(deps, ask(30));
    const again = [...deps.store.extractions.values()].filter((e) => e.time.getTime() >= clock.now.getTime() - 30 * DAY);
    expect(again.length).toBeGreaterThan(10);
    // Judged afresh, some ordinary extractions would turn "new" (their earlier use aged out) and some new ones ordinary.
    for (const e of again) expect(kinds(e).filter((k) => NOVELTY.includes(k))).toEqual(first.get(e.id));
    for (const e of again) expect(e.riskHistoryStart).toBe(new Date(NOW.getTime() - 30 * DAY).toISOString());
  });
});

describe('keepBetterSignals and keepKnownNames', () => {
  const sig = (kind: SignalKind): RiskSignal => ({ kind, detail: kind });
  const base: Extraction = { id: 'x', time: NOW, operation: 'op', principalId: 'P1', application: { id: 'app', label: 'application app', firstParty: false }, outcome: 'succeeded' };
  const at = (days: number): string => new Date(NOW.getTime() - days * DAY).toISOString();

  test.each<[string, Extraction, Extraction | undefined, SignalKind[], string | undefined]>([
    ['never stored', { ...base, signals: [sig('off-hours')], riskHistoryStart: at(30) }, undefined, ['off-hours'], at(30)],
    ['stored without a history: this judgement stands', { ...base, signals: [sig('off-hours')], riskHistoryStart: at(30) }, { ...base, signals: [sig('new-ip')] }, ['off-hours'], at(30)],
    ['stored from a later history: this one saw more', { ...base, signals: [], riskHistoryStart: at(30) }, { ...base, signals: [sig('new-ip')], riskHistoryStart: at(20) }, [], at(30)],
    [
      'stored from an earlier history: its novelty, this listing\'s failures, proxies and hours',
      { ...base, signals: [sig('anonymous-proxy'), sig('new-ip'), sig('burst')], riskHistoryStart: at(20) },
      { ...base, signals: [sig('first-service'), sig('off-hours')], riskHistoryStart: at(30) },
      ['anonymous-proxy', 'burst', 'first-service'],
      at(30),
    ],
    [
      'no history this time: the earlier history-based signals stand, in chip order',
      { ...base, signals: [sig('anonymous-proxy'), sig('off-hours')] },
      { ...base, signals: [sig('repeated-failures'), sig('unusual-country'), sig('off-hours')], riskHistoryStart: at(30) },
      ['repeated-failures', 'anonymous-proxy', 'unusual-country', 'off-hours'],
      at(30),
    ],
  ])('%s', (_name, fresh, stored, expected, start) => {
    const kept = keepBetterSignals(fresh, stored);
    expect(kinds(kept)).toEqual(expected);
    expect(kept.riskHistoryStart).toBe(start);
  });

  test('names: kept only when this listing has none, and only for the same principal and application', () => {
    const adele = { kind: 'user' as const, id: 'p1', displayName: 'Adele Vance' };
    const stored = { ...base, principalInfo: adele, application: { id: 'APP', name: 'Deploy', label: 'Deploy (app APP)', firstParty: false } };
    expect(keepKnownNames(base, stored)).toMatchObject({ principalInfo: adele, application: { name: 'Deploy' } });
    expect(keepKnownNames({ ...base, principalId: 'p2' }, stored).principalInfo).toBeUndefined();
    expect(keepKnownNames({ ...base, application: { id: 'other', label: 'application other', firstParty: false } }, stored).application.name).toBeUndefined();
    const named = { ...base, principalInfo: { ...adele, displayName: 'Adele V.' } };
    expect(keepKnownNames(named, stored).principalInfo?.displayName).toBe('Adele V.');
  });
});
