import type { Extraction } from '../hunting/extraction';
import { MIN_LOOKBACK_DAYS, type RiskSettings } from './settings';
import type { SignalKind } from './signal';
import { localClock, describeBusinessHours } from './business-hours';
import { ipNetwork, isNetworkKey } from './ip';

const DAY_MS = 86_400_000;

/** What this principal did in the history before the extraction (absent: no history could be read). */
export interface Prior {
  /** How much history there is before the extraction (the history query starts 30 days ago). */
  readonly lookbackMs: number;
  readonly extractions: number;
  /** Service names, lower case. */
  readonly services: ReadonlySet<string>;
  /** Networks the principal called from (see ipNetwork: an IPv4 address, or an IPv6 /64). */
  readonly ips: ReadonlySet<string>;
  /** Earlier extractions by country code (upper case). */
  readonly countries: ReadonlyMap<string, number>;
}

/** The busiest stretch of `windowMs` around the extraction, for the same principal. */
export interface Around {
  /** Most failed or forbidden attempts in one window containing this one (0 when this one did not fail). */
  readonly failures: number;
  /** Most extractions in one burst window containing this one, and most different services. */
  readonly extractions: number;
  readonly services: number;
}

export interface RuleInput {
  readonly extraction: Pick<Extraction, 'time' | 'service' | 'clientIp' | 'countryCode' | 'anonymousProxy' | 'outcome' | 'statusCode'>;
  readonly principalKind: 'user' | 'servicePrincipal' | 'unknown';
  readonly prior?: Prior;
  readonly around: Around;
}

/** A rule: the reason in words when it fires, undefined when it does not. Pure: same input, same answer. */
export type Rule = (input: RuleInput, settings: RiskSettings) => string | undefined;

const isFailure = (o: Extraction['outcome']): boolean => o === 'forbidden' || o === 'failed';

/** Enough history before the extraction for "never seen" to mean something. */
function judgeable(prior: Prior | undefined): prior is Prior {
  return prior !== undefined && prior.lookbackMs >= MIN_LOOKBACK_DAYS * DAY_MS;
}

const days = (prior: Prior): number => Math.floor(prior.lookbackMs / DAY_MS);

export const firstService: Rule = ({ extraction: e, prior }) => {
  if (e.service === undefined || !judgeable(prior) || prior.services.has(e.service.toLowerCase())) return undefined;
  return `First extraction by this principal from ${e.service} in the ${days(prior)} days of history before it`;
};

function unseenIp({ extraction: e, prior }: RuleInput): string | undefined {
  if (e.clientIp === undefined || !judgeable(prior)) return undefined;
  const network = ipNetwork(e.clientIp);
  if (prior.ips.has(network)) return undefined;
  // An IPv6 address is judged by its /64: the card names the network, so nobody hunts for the exact address in the history.
  const what = isNetworkKey(network) ? `${e.clientIp} (network ${network})` : e.clientIp;
  const detail =
    prior.extractions === 0
      ? `${what}: this principal's first extraction in the ${days(prior)} days of history before it`
      : `${what} not used in this principal's ${prior.extractions} earlier extraction${prior.extractions === 1 ? '' : 's'} (${days(prior)} days of history)`;
  // Still new, but a different story: cloud-hosted automation rotates through neighbouring outbound addresses.
  const near = neighbours(network, prior.ips);
  return near === 0 ? detail : `${detail}; ${near} other address${near === 1 ? '' : 'es'} in its /24 used before`;
}

/** How many of the known IPv4 addresses share this address's /24 (IPv6 is judged by /64 already). */
function neighbours(network: string, known: ReadonlySet<string>): number {
  const m = /^(\d+\.\d+\.\d+\.)\d+$/.exec(network);
  if (m === null) return 0;
  let n = 0;
  for (const ip of known) if (ip !== network && ip.startsWith(m[1] ?? '') && /^\d+\.\d+\.\d+\.\d+$/.test(ip)) n++;
  return n;
}

/** People get "New IP"; applications their own signal, so an analyst sees which kind of principal moved. */
export const newIp: Rule = (input) => (input.principalKind === 'servicePrincipal' ? undefined : unseenIp(input));
export const servicePrincipalNewIp: Rule = (input) => (input.principalKind === 'servicePrincipal' ? unseenIp(input) : undefined);

export const anonymousProxy: Rule = ({ extraction: e }) =>
  e.anonymousProxy === true ? `${e.clientIp ?? 'The client IP'} is a known anonymous proxy` : undefined;

/**
 * Unusual when the country is not (one of) the most frequent among the earlier extractions. A tie
 * has no single usual country: with one extraction from US and one from RU, neither is unusual.
 */
export const unusualCountry: Rule = ({ extraction: e, prior }) => {
  if (e.countryCode === undefined || !judgeable(prior) || prior.countries.size === 0) return undefined;
  const country = e.countryCode.toUpperCase();
  const most = Math.max(...prior.countries.values());
  if ((prior.countries.get(country) ?? 0) === most) return undefined;
  const usual = [...prior.countries].filter(([, n]) => n === most).map(([c]) => c).sort();
  return `From ${country}; this principal usually works from ${usual.join(' or ')}`;
};

export const failed: Rule = ({ extraction: e }) => {
  if (!isFailure(e.outcome)) return undefined;
  return e.outcome === 'forbidden' ? 'Azure refused it (Forbidden)' : `It failed (${e.statusCode ?? 'no status'})`;
};

export const repeatedFailures: Rule = ({ extraction: e, around }, s) => {
  if (!isFailure(e.outcome) || around.failures < s.repeatedFailures.count) return undefined;
  return `${around.failures} failed attempts by this principal within ${minutes(s.repeatedFailures.windowMs)}`;
};

/** Off hours is about people: scheduled automation runs at night by design. */
export const offHours: Rule = ({ extraction: e, principalKind }, s) => {
  if (principalKind === 'servicePrincipal') return undefined;
  const clock = localClock(e.time, s.businessHours.timeZone);
  const h = s.businessHours;
  const inHours = h.days.has(clock.weekday) && clock.minute >= h.startMinute && clock.minute < h.endMinute;
  return inHours ? undefined : `${clock.text} ${h.timeZone}, outside ${describeBusinessHours(h)}`;
};

export const burst: Rule = ({ around }, s) => {
  const b = s.burst;
  if (around.extractions < b.extractions && around.services < b.services) return undefined;
  return `${around.extractions} extraction${around.extractions === 1 ? '' : 's'} from ${around.services} service${around.services === 1 ? '' : 's'} within ${minutes(b.windowMs)}`;
};

/** Every rule, by the signal it raises. */
export const RULES: ReadonlyArray<readonly [SignalKind, Rule]> = [
  ['repeated-failures', repeatedFailures],
  ['anonymous-proxy', anonymousProxy],
  ['sp-new-ip', servicePrincipalNewIp],
  ['new-ip', newIp],
  ['unusual-country', unusualCountry],
  ['burst', burst],
  ['first-service', firstService],
  ['off-hours', offHours],
  ['failed', failed],
];

function minutes(ms: number): string {
  const m = Math.round(ms / 60_000);
  return `${m} minute${m === 1 ? '' : 's'}`;
}
