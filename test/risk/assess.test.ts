import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDirectoryObjects } from '../../src/directory/principal';
import { toExtractions, type Extraction } from '../../src/hunting/extraction';
import type { HuntingResponse } from '../../src/hunting/response';
import { parseHuntingResponse } from '../../src/hunting/rows';
import { assessRisk } from '../../src/risk/assess';
import { riskyFirst } from '../../src/risk/order';
import { DEFAULT_RISK_SETTINGS } from '../../src/risk/settings';
import type { RiskSignal, SignalKind } from '../../src/risk/signal';

/**
 * The whole assessment on the shared fixture (as of its own day, 2024-08-02T12:00Z, history = the
 * 30 days before) and on constructed cases. Expectations come from reading the fixture's rows.
 */
// The shared getByIds answer, as copied into the repo (a clone elsewhere has no ../shared).
const SHARED = join(__dirname, '../fixtures/graph');
const FIXTURE_NOW = new Date('2024-08-02T12:00:00Z');
const HISTORY_START = new Date(FIXTURE_NOW.getTime() - 30 * 86_400_000);

const sample = JSON.parse(readFileSync(join(__dirname, '../../data/sample/hunting.json'), 'utf8')) as HuntingResponse;
const principals = new Map(parseDirectoryObjects((JSON.parse(readFileSync(join(SHARED, 'directoryObjects.getByIds.json'), 'utf8')) as { value: unknown[] }).value).map((p) => [p.id, p]));
const named = toExtractions(parseHuntingResponse(sample).rows).map((e) => {
  const p = e.principalId === undefined ? undefined : principals.get(e.principalId);
  return p === undefined ? e : { ...e, principalInfo: p };
});

const DIEGO = 'e9a1c3b5-7d2f-4f6a-8b0c-2d4e6f8a0b1c';
const LYNNE = '5f8b2d4c-6e1a-4c3b-9d7e-0a2c4e6f8b1d';
const ALEX = '7c3e5a9b-1d2f-4a6c-8e0b-3f5d7a9c1e2b';
const MEGAN = 'b4d2f6a8-3c5e-47a9-b1d3-e5f7a9c1b3d5';
const BACKUP_SP = '0d2f4a6c-8e1b-43d5-a7f9-1c3e5a7b9d2f';

const kinds = (signals: readonly RiskSignal[] | undefined): SignalKind[] => (signals ?? []).map((s) => s.kind);
const at = (principal: string, iso: string): Extraction => {
  const found = named.find((e) => e.principalId === principal && e.time.toISOString().startsWith(iso));
  if (found === undefined) throw new Error(`no extraction by ${principal} at ${iso}`);
  return found;
};

describe('assessRisk on the shared fixture', () => {
  const signals = assessRisk({ extractions: named, history: { extractions: named, start: HISTORY_START }, settings: DEFAULT_RISK_SETTINGS });

  test('every extraction is assessed', () => {
    expect(signals.size).toBe(named.length);
  });

  test("Diego's first, off-hours extraction from an anonymous proxy carries every signal that fits it", () => {
    const e = at(DIEGO, '2024-07-26T03:12');
    expect(kinds(signals.get(e.id))).toEqual(['anonymous-proxy', 'new-ip', 'first-service', 'off-hours']);
    expect(signals.get(e.id)?.find((s) => s.kind === 'new-ip')?.detail).toBe("198.51.100.203: this principal's first extraction in the 22 days of history before it");
  });

  test("Diego's next attempt two minutes later: the IP is no longer new, the service is, and it was refused", () => {
    const e = at(DIEGO, '2024-07-26T03:14');
    expect(kinds(signals.get(e.id))).toEqual(['anonymous-proxy', 'first-service', 'off-hours', 'failed']);
  });

  test("Lynne's three Forbidden attempts within 3 minutes are each a repeated failure", () => {
    const lynne = named.filter((e) => e.principalId === LYNNE);
    expect(lynne).toHaveLength(3);
    for (const e of lynne) expect(kinds(signals.get(e.id))).toEqual(expect.arrayContaining(['repeated-failures', 'failed']));
    expect(signals.get(lynne[0]?.id ?? '')?.find((s) => s.kind === 'repeated-failures')?.detail).toBe('3 failed attempts by this principal within 10 minutes');
    // Only the first of them is from a new IP and a new service; the others follow it.
    const firstOfThree = lynne[lynne.length - 1];
    expect(kinds(signals.get(firstOfThree?.id ?? ''))).toEqual(['repeated-failures', 'new-ip', 'first-service', 'failed']);
  });

  test('the backup service principal: "App from new IP" on each new address, never "Off hours" or the people-only "New IP"', () => {
    const sp = named.filter((e) => e.principalId === BACKUP_SP);
    expect(sp.length).toBeGreaterThan(5);
    for (const e of sp) {
      expect(kinds(signals.get(e.id))).not.toContain('off-hours');
      expect(kinds(signals.get(e.id))).not.toContain('new-ip');
    }
    const judged = sp.filter((e) => e.time.getTime() - HISTORY_START.getTime() >= 7 * 86_400_000);
    // Its IPs rotate (192.0.2.4x): every judged run whose address was not used before is flagged.
    const seen = new Set<string>();
    for (const e of [...sp].reverse()) {
      const fresh = e.clientIp !== undefined && !seen.has(e.clientIp);
      if (judged.includes(e)) expect(kinds(signals.get(e.id)).includes('sp-new-ip')).toBe(fresh);
      if (e.clientIp !== undefined) seen.add(e.clientIp);
    }
    expect(judged.some((e) => kinds(signals.get(e.id)).includes('sp-new-ip'))).toBe(true);
  });

  test("Alex's evening extraction from GB, where he usually works from the US", () => {
    const e = at(ALEX, '2024-07-21T21:25:41.85');
    expect(kinds(signals.get(e.id))).toEqual(['unusual-country', 'off-hours']);
    expect(signals.get(e.id)?.[0]?.detail).toBe('From GB; this principal usually works from US');
  });

  test('the first week of the history is not judged for novelty (too little to compare with)', () => {
    const early = named.filter((e) => e.time.getTime() - HISTORY_START.getTime() < 7 * 86_400_000);
    expect(early.length).toBeGreaterThan(0);
    for (const e of early) expect(kinds(signals.get(e.id)).filter((k) => ['new-ip', 'sp-new-ip', 'first-service', 'unusual-country'].includes(k))).toEqual([]);
  });

  test("an ordinary daytime extraction from a known place carries nothing: Megan's prod visit on 2024-07-29", () => {
    expect(signals.get(at(MEGAN, '2024-07-29T14:39').id)).toEqual([]);
  });

  test('risky first puts Diego and Lynne at the top', () => {
    const ordered = riskyFirst(named, signals);
    expect(ordered.slice(0, 2).map((e) => e.principalId)).toEqual([DIEGO, LYNNE]);
    expect(ordered.slice(0, 3).map((e) => e.principalId)).toEqual([DIEGO, LYNNE, DIEGO]);
    // All of Diego's three and Lynne's three are among the first eight (the backup app's runs from new IPs are the others).
    const top = ordered.slice(0, 8);
    expect(top.filter((e) => e.principalId === DIEGO || e.principalId === LYNNE)).toHaveLength(named.filter((e) => e.principalId === DIEGO || e.principalId === LYNNE).length);
  });
});

describe('assessRisk on constructed cases', () => {
  const T = Date.parse('2026-12-02T10:00:00Z'); // a Wednesday, business hours
  const START = new Date(T - 20 * 86_400_000);
  let n = 0;
  const ex = (minutes: number, over: Partial<Extraction> = {}): Extraction => ({
    id: `x${++n}`,
    time: new Date(T + minutes * 60_000),
    operation: 'op',
    principalId: 'p1',
    application: { label: 'Azure CLI', firstParty: true },
    outcome: 'succeeded',
    service: 'apim-a',
    clientIp: '203.0.113.1',
    countryCode: 'US',
    ...over,
  });

  test('three services within ten minutes is a burst for each of them, a fourth an hour later is not', () => {
    const base = ex(-10 * 24 * 60);
    const a = ex(0, { service: 'apim-a' });
    const b = ex(4, { service: 'apim-b' });
    const c = ex(9, { service: 'apim-c' });
    const late = ex(70, { service: 'apim-a' });
    const s = assessRisk({ extractions: [a, b, c, late], history: { extractions: [base], start: START }, settings: DEFAULT_RISK_SETTINGS });
    for (const e of [a, b, c]) expect(kinds(s.get(e.id))).toContain('burst');
    expect(s.get(b.id)?.find((x) => x.kind === 'burst')?.detail).toBe('3 extractions from 3 services within 10 minutes');
    expect(kinds(s.get(late.id))).not.toContain('burst');
  });

  test('a service that was not logged is not a third service: no burst, and the detail counts only known ones', () => {
    const { service: _none, ...unnamed } = ex(2);
    const events = [ex(0, { service: 'apim-a' }), ex(1, { service: 'apim-b' }), { ...unnamed, id: 'unnamed' }];
    const s = assessRisk({ extractions: events, settings: DEFAULT_RISK_SETTINGS });
    for (const e of events) expect(kinds(s.get(e.id))).not.toContain('burst');
    const third = ex(3, { service: 'apim-c' });
    expect(assessRisk({ extractions: [...events, third], settings: DEFAULT_RISK_SETTINGS }).get(third.id)?.find((x) => x.kind === 'burst')?.detail).toBe('4 extractions from 3 services within 10 minutes');
  });

  test('failures more than ten minutes apart are not a run', () => {
    const f = [ex(0, { outcome: 'forbidden' }), ex(6, { outcome: 'forbidden' }), ex(12, { outcome: 'forbidden' })];
    const s = assessRisk({ extractions: f, settings: DEFAULT_RISK_SETTINGS });
    for (const e of f) expect(kinds(s.get(e.id))).toEqual(['failed']);
  });

  test('failures of other principals do not add up', () => {
    const f = [ex(0, { outcome: 'forbidden' }), ex(1, { outcome: 'forbidden', principalId: 'p2' }), ex(2, { outcome: 'forbidden', principalId: 'p3' })];
    const s = assessRisk({ extractions: f, settings: DEFAULT_RISK_SETTINGS });
    for (const e of f) expect(kinds(s.get(e.id))).not.toContain('repeated-failures');
  });

  test('failures in the history count towards a run that reaches into the reply', () => {
    const before = [ex(-3, { outcome: 'forbidden' }), ex(-2, { outcome: 'forbidden' })];
    const now = ex(0, { outcome: 'forbidden' });
    const s = assessRisk({ extractions: [now], history: { extractions: before, start: START }, settings: DEFAULT_RISK_SETTINGS });
    expect(kinds(s.get(now.id))).toContain('repeated-failures');
    expect(s.has(before[0]?.id ?? '')).toBe(false); // only the reply's extractions are answered
  });

  test('without history, novelty is not judged but proxy, failures, hours and bursts still are', () => {
    const e = ex(-9 * 60, { anonymousProxy: true, outcome: 'forbidden', clientIp: '198.51.100.1', service: 'apim-new', countryCode: 'NL' }); // 01:00 UTC
    const s = assessRisk({ extractions: [e], settings: DEFAULT_RISK_SETTINGS });
    expect(kinds(s.get(e.id))).toEqual(['anonymous-proxy', 'off-hours', 'failed']);
  });

  test('an extraction without a principal stands alone: nobody to compare with, so nothing is called new', () => {
    const { principalId: _omit, ...rest } = ex(0);
    const orphan: Extraction = { ...rest, id: 'orphan', anonymousProxy: true };
    const s = assessRisk({ extractions: [orphan, ex(1), ex(2)], history: { extractions: [], start: START }, settings: DEFAULT_RISK_SETTINGS });
    // "No earlier extraction by this principal" would be a claim about a principal nobody knows.
    expect(kinds(s.get('orphan'))).toEqual(['anonymous-proxy']);
  });

  test('extractions at the same instant share one baseline: each from a new IP and service, whatever their ids', () => {
    const base = ex(-10 * 24 * 60);
    const a = ex(0, { id: 'zzz', clientIp: '198.51.100.9', service: 'apim-b' });
    const b = ex(0, { id: 'aaa', clientIp: '198.51.100.9', service: 'apim-b' });
    const s = assessRisk({ extractions: [a, b], history: { extractions: [base], start: START }, settings: DEFAULT_RISK_SETTINGS });
    for (const id of ['zzz', 'aaa']) expect(kinds(s.get(id))).toEqual(['new-ip', 'first-service']);
    expect(s.get('zzz')?.[0]?.detail).toBe("198.51.100.9 not used in this principal's 1 earlier extraction (20 days of history)");
    // A minute later the IP and service are known.
    const next = ex(1, { clientIp: '198.51.100.9', service: 'apim-b' });
    expect(kinds(assessRisk({ extractions: [a, b, next], history: { extractions: [base], start: START }, settings: DEFAULT_RISK_SETTINGS }).get(next.id))).toEqual([]);
  });

  test('IPv6: the same /64 is the same network (privacy addresses rotate), whatever the spelling', () => {
    const base = ex(-10 * 24 * 60, { clientIp: '2001:0db8:0001:0002:0000:0000:0000:0010' });
    const rotated = ex(0, { clientIp: '2001:db8:1:2:a1b2:c3d4:e5f6:7788' });
    const elsewhere = ex(5, { clientIp: '2001:db8:9::1' });
    const s = assessRisk({ extractions: [rotated, elsewhere], history: { extractions: [base], start: START }, settings: DEFAULT_RISK_SETTINGS });
    expect(kinds(s.get(rotated.id))).toEqual([]);
    expect(s.get(elsewhere.id)?.[0]?.detail).toBe("2001:db8:9::1 (network 2001:db8:9::/64) not used in this principal's 2 earlier extractions (20 days of history)");
  });

  test('unusual country does not depend on which of two equally used countries came first', () => {
    const us = ex(-5 * 24 * 60, { countryCode: 'US' });
    const ru = ex(-4 * 24 * 60, { countryCode: 'RU' });
    for (const country of ['US', 'RU']) {
      const e = ex(0, { countryCode: country });
      expect(kinds(assessRisk({ extractions: [e], history: { extractions: [us, ru], start: START }, settings: DEFAULT_RISK_SETTINGS }).get(e.id))).toEqual([]);
    }
  });

  test("the reply's copy wins over the history's (newer reading of the same extraction)", () => {
    const old = ex(0, { outcome: 'unknown' });
    const completed = { ...old, outcome: 'forbidden' as const };
    const s = assessRisk({ extractions: [completed], history: { extractions: [old], start: START }, settings: DEFAULT_RISK_SETTINGS });
    expect(kinds(s.get(old.id))).toContain('failed');
  });

  test('equal scores keep the list order; higher scores move up', () => {
    const items = [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }];
    const sig = (kind: SignalKind): RiskSignal => ({ kind, detail: '' });
    const map = new Map<string, RiskSignal[]>([['a', []], ['b', [sig('off-hours')]], ['c', [sig('anonymous-proxy')]], ['d', [sig('failed')]]]);
    expect(riskyFirst(items, map).map((i) => i.id)).toEqual(['c', 'b', 'd', 'a']);
  });
});
