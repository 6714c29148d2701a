import * as rules from '../../src/risk/rules';
import type { Prior, Rule, RuleInput } from '../../src/risk/rules';
import { DEFAULT_RISK_SETTINGS, type RiskSettings } from '../../src/risk/settings';
import { SIGNAL_ORDER } from '../../src/risk/signal';

/** Each rule on its own table: the smallest inputs that make it fire or stay quiet, edges included. */

const DAY = 86_400_000;
// Wednesday 2026-12-02 10:00 UTC: inside default business hours.
const WEDNESDAY_10 = new Date('2026-12-02T10:00:00Z');

type Loose<T> = { [K in keyof T]?: T[K] | undefined };
/** Drops keys set to undefined: "not logged" means absent, as in a real extraction. */
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

function prior(over: Loose<Prior> = {}): Prior {
  return defined({ lookbackMs: 20 * DAY, extractions: 4, services: new Set(['apim-prod']), ips: new Set(['203.0.113.24']), countries: new Map([['US', 4]]), ...over }) as Prior;
}

function input(over: { extraction?: Loose<RuleInput['extraction']>; principalKind?: RuleInput['principalKind']; prior?: Prior | null; around?: Partial<RuleInput['around']> } = {}): RuleInput {
  const p = over.prior === null ? undefined : (over.prior ?? prior());
  return {
    extraction: defined({ time: WEDNESDAY_10, service: 'apim-prod', clientIp: '203.0.113.24', countryCode: 'US', anonymousProxy: false, outcome: 'succeeded', ...over.extraction }) as RuleInput['extraction'],
    principalKind: over.principalKind ?? 'user',
    ...(p !== undefined && { prior: p }),
    around: { failures: 0, extractions: 1, services: 1, ...over.around },
  };
}

type Row = [string, RuleInput, RegExp | undefined, RiskSettings?];

function table(rule: Rule, rows: Row[]): void {
  // A rest parameter: with four named ones, jest would pass its `done` callback as `settings` on 3-item rows.
  test.each(rows)('%s', (...row) => {
    const [, given, expected, settings] = row as Row;
    const detail = rule(given, settings ?? DEFAULT_RISK_SETTINGS);
    if (expected === undefined) expect(detail).toBeUndefined();
    else expect(detail).toMatch(expected);
  });
}

describe('first time on this service', () => {
  table(rules.firstService, [
    ['a service this principal used before', input(), undefined],
    ['a service not in the earlier 20 days', input({ extraction: { service: 'apim-partners' } }), /^First extraction by this principal from apim-partners in the 20 days of history before it$/],
    ['service names compare case-insensitively', input({ extraction: { service: 'APIM-PROD' } }), undefined],
    ['no service name logged', input({ extraction: { service: undefined } }), undefined],
    ['less than 7 days of history before it: not judged', input({ extraction: { service: 'apim-new' }, prior: prior({ lookbackMs: 7 * DAY - 1 }) }), undefined],
    ['exactly 7 days of history: judged', input({ extraction: { service: 'apim-new' }, prior: prior({ lookbackMs: 7 * DAY }) }), /in the 7 days of history before it/],
    ['no history at all (it could not be read): not judged', input({ extraction: { service: 'apim-new' }, prior: null }), undefined],
  ]);
});

describe('new IP (people)', () => {
  table(rules.newIp, [
    ['a known IP', input(), undefined],
    ['an IP not seen before', input({ extraction: { clientIp: '198.51.100.203' } }), /^198\.51\.100\.203 not used in this principal's 4 earlier extractions \(20 days of history\)$/],
    ['IPv6 compares case-insensitively', input({ extraction: { clientIp: '2001:DB8::1' }, prior: prior({ ips: new Set(['2001:db8::/64']) }) }), undefined],
    // Privacy addresses rotate the lower 64 bits at least daily; one address has many spellings.
    ['another address in a known IPv6 /64', input({ extraction: { clientIp: '2001:0db8:0000:0000:a1b2:c3d4:e5f6:7788' }, prior: prior({ ips: new Set(['2001:db8::/64']) }) }), undefined],
    ['an IPv6 /64 not seen before: the card names the network', input({ extraction: { clientIp: '2001:db8:0:1::5' }, prior: prior({ ips: new Set(['2001:db8::/64']) }) }), /^2001:db8:0:1::5 \(network 2001:db8:0:1::\/64\) not used in this principal's/],
    ['an IPv4-mapped IPv6 address is its IPv4 address', input({ extraction: { clientIp: '::ffff:203.0.113.24' } }), undefined],
    ['a principal never seen before', input({ extraction: { clientIp: '198.51.100.203' }, prior: prior({ extractions: 0, ips: new Set(), services: new Set() }) }), /^198\.51\.100\.203: this principal's first extraction in the 20 days of history before it$/],
    ['one earlier extraction: singular', input({ extraction: { clientIp: '198.51.100.9' }, prior: prior({ extractions: 1 }) }), /in this principal's 1 earlier extraction \(20 days of history\)$/],
    ['no IP logged', input({ extraction: { clientIp: undefined } }), undefined],
    ['too little history', input({ extraction: { clientIp: '198.51.100.9' }, prior: prior({ lookbackMs: DAY }) }), undefined],
    ['a service principal gets the application signal instead', input({ extraction: { clientIp: '198.51.100.9' }, principalKind: 'servicePrincipal' }), undefined],
    ['an unknown kind of principal is treated as a person', input({ extraction: { clientIp: '198.51.100.9' }, principalKind: 'unknown' }), /not used/],
  ]);
});

describe('service principal from a new IP', () => {
  table(rules.servicePrincipalNewIp, [
    ['an application from a new IP', input({ principalKind: 'servicePrincipal', extraction: { clientIp: '192.0.2.50' } }), /^192\.0\.2\.50 not used in this principal's 4 earlier extractions/],
    ['an application from its usual IP', input({ principalKind: 'servicePrincipal' }), undefined],
    // Rotating cloud outbound addresses: still flagged (the rule is exact), with the neighbourhood said.
    ['a new address next to two it used before', input({ principalKind: 'servicePrincipal', extraction: { clientIp: '192.0.2.50' }, prior: prior({ ips: new Set(['192.0.2.48', '192.0.2.49', '198.51.100.1']) }) }), /not used in this principal's 4 earlier extractions \(20 days of history\); 2 other addresses in its \/24 used before$/],
    ['one neighbour: singular; 192.0.20.x is not 192.0.2.x', input({ principalKind: 'servicePrincipal', extraction: { clientIp: '192.0.2.50' }, prior: prior({ ips: new Set(['192.0.2.7', '192.0.20.1']) }) }), /; 1 other address in its \/24 used before$/],
    ['no neighbours: nothing added', input({ principalKind: 'servicePrincipal', extraction: { clientIp: '192.0.2.50' } }), /\(20 days of history\)$/],
    ['a person from a new IP: not this signal', input({ extraction: { clientIp: '192.0.2.50' } }), undefined],
    ['too little history', input({ principalKind: 'servicePrincipal', extraction: { clientIp: '192.0.2.50' }, prior: prior({ lookbackMs: 0 }) }), undefined],
  ]);
});

describe('anonymous proxy', () => {
  table(rules.anonymousProxy, [
    ['flagged by Defender', input({ extraction: { anonymousProxy: true, clientIp: '198.51.100.203' } }), /^198\.51\.100\.203 is a known anonymous proxy$/],
    ['not flagged', input(), undefined],
    ['not logged', input({ extraction: { anonymousProxy: undefined } }), undefined],
    ['needs no history', input({ extraction: { anonymousProxy: true }, prior: null }), /anonymous proxy/],
  ]);
});

describe('unusual country', () => {
  table(rules.unusualCountry, [
    ['the usual country', input(), undefined],
    ['another country', input({ extraction: { countryCode: 'nl' } }), /^From NL; this principal usually works from US$/],
    ['no usual country yet', input({ extraction: { countryCode: 'NL' }, prior: prior({ countries: new Map(), extractions: 0 }) }), undefined],
    // One from US and one from RU: neither is "usual", so neither is unusual (and the order they came in does not matter).
    ['a country tied for most frequent is not unusual', input({ extraction: { countryCode: 'RU' }, prior: prior({ countries: new Map([['US', 1], ['RU', 1]]), extractions: 2 }) }), undefined],
    ['a country used less often than the usual one', input({ extraction: { countryCode: 'RU' }, prior: prior({ countries: new Map([['US', 3], ['RU', 1]]) }) }), /^From RU; this principal usually works from US$/],
    ['several usual countries are all named', input({ extraction: { countryCode: 'NL' }, prior: prior({ countries: new Map([['US', 2], ['GB', 2]]) }) }), /^From NL; this principal usually works from GB or US$/],
    ['no country logged', input({ extraction: { countryCode: undefined } }), undefined],
    ['too little history', input({ extraction: { countryCode: 'NL' }, prior: prior({ lookbackMs: 6 * DAY }) }), undefined],
  ]);
});

describe('failed attempt', () => {
  table(rules.failed, [
    ['forbidden', input({ extraction: { outcome: 'forbidden' } }), /^Azure refused it \(Forbidden\)$/],
    ['failed with a status', input({ extraction: { outcome: 'failed', statusCode: 'Conflict' } }), /^It failed \(Conflict\)$/],
    ['succeeded', input(), undefined],
    ['outcome unknown (Started only)', input({ extraction: { outcome: 'unknown' } }), undefined],
  ]);
});

describe('repeated failures', () => {
  const five = { ...DEFAULT_RISK_SETTINGS, repeatedFailures: { count: 5, windowMs: 30 * 60_000 } };
  table(rules.repeatedFailures, [
    ['three in the window (default threshold)', input({ extraction: { outcome: 'forbidden' }, around: { failures: 3 } }), /^3 failed attempts by this principal within 10 minutes$/],
    ['two: below the threshold', input({ extraction: { outcome: 'forbidden' }, around: { failures: 2 } }), undefined],
    ['a success next to failures is not itself flagged', input({ around: { failures: 3 } }), undefined],
    ['configurable: 4 of 5 is quiet', input({ extraction: { outcome: 'failed' }, around: { failures: 4 } }), undefined, five],
    ['configurable: 5 of 5 fires, in its own window', input({ extraction: { outcome: 'failed' }, around: { failures: 5 } }), /within 30 minutes$/, five],
  ]);
});

describe('off hours', () => {
  const london = { ...DEFAULT_RISK_SETTINGS, businessHours: { ...DEFAULT_RISK_SETTINGS.businessHours, timeZone: 'Europe/London' } };
  const ny = { ...DEFAULT_RISK_SETTINGS, businessHours: { ...DEFAULT_RISK_SETTINGS.businessHours, timeZone: 'America/New_York' } };
  const sunThu = { ...DEFAULT_RISK_SETTINGS, businessHours: { ...DEFAULT_RISK_SETTINGS.businessHours, days: new Set([0, 1, 2, 3, 4]) } };
  const at = (iso: string): { extraction: { time: Date } } => ({ extraction: { time: new Date(iso) } });
  table(rules.offHours, [
    ['Wednesday 10:00 UTC', input(at('2026-12-02T10:00:00Z')), undefined],
    ['Wednesday 03:12 UTC', input(at('2026-12-02T03:12:00Z')), /^Wed 03:12 UTC, outside Mon–Fri 08:00–18:00$/],
    ['08:00 is the first minute in', input(at('2026-12-02T08:00:00Z')), undefined],
    ['07:59 is out', input(at('2026-12-02T07:59:59Z')), /Wed 07:59/],
    ['18:00 is out (end exclusive)', input(at('2026-12-02T18:00:00Z')), /Wed 18:00/],
    ['Saturday noon', input(at('2026-12-05T12:00:00Z')), /^Sat 12:00 UTC/],
    ['23:48 UTC is 18:48 in New York: out', input(at('2026-12-02T23:48:00Z')), /^Wed 18:48 America\/New_York/, ny],
    ['13:30 UTC is 08:30 in New York: in', input(at('2026-12-02T13:30:00Z')), undefined, ny],
    ['London summer time: 07:30 UTC is 08:30 BST, in', input(at('2026-07-15T07:30:00Z')), undefined, london],
    ['London winter: 07:30 UTC is 07:30 GMT, out', input(at('2026-12-02T07:30:00Z')), /Wed 07:30 Europe\/London/, london],
    ['Sunday–Thursday week: Sunday in', input(at('2026-12-06T10:00:00Z')), undefined, sunThu],
    ['Sunday–Thursday week: Friday out', input(at('2026-12-04T10:00:00Z')), /^Fri 10:00 UTC, outside Sun–Thu 08:00–18:00$/, sunThu],
    ['applications run at night by design: not flagged', input({ ...at('2026-12-02T03:12:00Z'), principalKind: 'servicePrincipal' }), undefined],
  ]);
});

describe('burst', () => {
  table(rules.burst, [
    ['one extraction', input(), undefined],
    ['4 extractions from 2 services: below both thresholds', input({ around: { extractions: 4, services: 2 } }), undefined],
    ['5 extractions', input({ around: { extractions: 5, services: 1 } }), /^5 extractions from 1 service within 10 minutes$/],
    ['3 services', input({ around: { extractions: 3, services: 3 } }), /^3 extractions from 3 services within 10 minutes$/],
    ['configurable', input({ around: { extractions: 2, services: 2 } }), /within 1 minute$/, { ...DEFAULT_RISK_SETTINGS, burst: { extractions: 10, services: 2, windowMs: 60_000 } }],
  ]);
});

test('every rule is listed once, under the signal it raises', () => {
  expect(rules.RULES.map(([kind]) => kind).sort()).toEqual(
    ['anonymous-proxy', 'burst', 'failed', 'first-service', 'new-ip', 'off-hours', 'repeated-failures', 'sp-new-ip', 'unusual-country'].sort(),
  );
  expect(new Set(rules.RULES.map(([, rule]) => rule)).size).toBe(rules.RULES.length);
  // Chips come out in the rules' order, which must be the signals' strongest-first order.
  expect(rules.RULES.map(([kind]) => kind)).toEqual(SIGNAL_ORDER);
});
