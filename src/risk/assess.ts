import type { Extraction } from '../hunting/extraction';
import { RULES, type Prior, type RuleInput } from './rules';
import type { RiskSettings } from './settings';
import type { RiskSignal } from './signal';
import { ipNetwork } from './ip';
import { busiestWindows } from './windows';

export interface RiskInput {
  /** The extractions of the reply: each gets its signals. */
  readonly extractions: readonly Extraction[];
  /**
   * The 30-day history of the same operations (all principals, no filters) and where it starts.
   * Absent when it could not be fetched: then only the signals that need no history are raised.
   */
  readonly history?: { readonly extractions: readonly Extraction[]; readonly start: Date };
  readonly settings: RiskSettings;
}

/**
 * Signals for each extraction of the reply, by id (strongest first; none: an empty list).
 * One pass per principal over history ∪ reply in time order: what was seen before an extraction
 * is its baseline; failures and bursts are counted in the busiest window around it.
 */
export function assessRisk(input: RiskInput): Map<string, RiskSignal[]> {
  const asked = new Set(input.extractions.map((e) => e.id));
  const all = new Map<string, Extraction>();
  for (const e of input.history?.extractions ?? []) all.set(e.id, e);
  for (const e of input.extractions) all.set(e.id, e); // the reply's copy is the newest reading

  const byPrincipal = new Map<string, Extraction[]>();
  for (const e of all.values()) {
    // Without a principal there is nobody to compare with: such an extraction stands alone.
    const key = e.principalId === undefined ? `#${e.id}` : e.principalId.toLowerCase();
    const list = byPrincipal.get(key);
    if (list === undefined) byPrincipal.set(key, [e]);
    else list.push(e);
  }

  const result = new Map<string, RiskSignal[]>();
  for (const events of byPrincipal.values()) {
    if (!events.some((e) => asked.has(e.id))) continue;
    events.sort((a, b) => a.time.getTime() - b.time.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    assessPrincipal(events, asked, input, result);
  }
  return result;
}

function assessPrincipal(events: readonly Extraction[], asked: ReadonlySet<string>, input: RiskInput, out: Map<string, RiskSignal[]>): void {
  const { settings, history } = input;
  const times = events.map((e) => e.time.getTime());
  const bursts = busiestWindows(times, events.map((e) => e.service?.toLowerCase()), settings.burst.windowMs);
  const failureIndex = events.flatMap((e, i) => (e.outcome === 'forbidden' || e.outcome === 'failed' ? [i] : []));
  const failureRuns = busiestWindows(failureIndex.map((i) => times[i] ?? 0), failureIndex.map(String), settings.repeatedFailures.windowMs);
  const failuresAt = new Map(failureIndex.map((i, k) => [i, failureRuns[k]?.count ?? 0]));
  // Without a principal id there is nobody to compare with: "new" would be a claim without a baseline.
  const comparable = history !== undefined && events[0]?.principalId !== undefined;

  // Running baseline: everything this principal did strictly before the current extraction.
  const services = new Set<string>();
  const ips = new Set<string>();
  const countries = new Map<string, number>();
  let before = 0; // events added to the baseline
  for (let i = 0; i < events.length; ) {
    // Extractions at the same instant are judged against the same baseline: none of them came
    // "before" another, so which one is called new must not depend on how their ids sort.
    let end = i + 1;
    while (end < events.length && times[end] === times[i]) end++;
    for (let k = i; k < end; k++) {
      const e = events[k];
      if (e === undefined || !asked.has(e.id)) continue;
      const prior: Prior | undefined =
        history === undefined || !comparable
          ? undefined
          : { lookbackMs: Math.max(0, e.time.getTime() - history.start.getTime()), extractions: before, services, ips, countries };
      const ruleInput: RuleInput = {
        extraction: e,
        principalKind: e.principalInfo?.kind ?? 'unknown',
        ...(prior !== undefined && { prior }),
        around: { failures: failuresAt.get(k) ?? 0, extractions: bursts[k]?.count ?? 1, services: bursts[k]?.distinct ?? 1 },
      };
      const signals: RiskSignal[] = [];
      // RULES is in SIGNAL_ORDER (strongest first; a test holds them together), so no sort is needed.
      for (const [kind, rule] of RULES) {
        const detail = rule(ruleInput, settings);
        if (detail !== undefined) signals.push({ kind, detail });
      }
      out.set(e.id, signals);
    }
    for (let k = i; k < end; k++) {
      const e = events[k];
      if (e === undefined) continue;
      if (e.service !== undefined) services.add(e.service.toLowerCase());
      if (e.clientIp !== undefined) ips.add(ipNetwork(e.clientIp));
      if (e.countryCode !== undefined) {
        const c = e.countryCode.toUpperCase();
        countries.set(c, (countries.get(c) ?? 0) + 1);
      }
      before++;
    }
    i = end;
  }
}
