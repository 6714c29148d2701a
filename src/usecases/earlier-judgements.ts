import type { DecisionStore } from '../decisions/store';
import type { Extraction } from '../hunting/extraction';
import { SIGNAL_ORDER, type SignalKind } from '../risk/signal';

/**
 * What an earlier listing knew about an extraction that this one may not. Every listing rewrites
 * the stored extraction, and the stored copy is what later cards show (next pages, decisions,
 * refreshes, escalation posts). A listing that could not reach the directory or read the history,
 * or whose history no longer reaches as far back, must not wipe out what a better-informed one found.
 */
export type Earlier = Pick<Extraction, 'principalId' | 'principalInfo' | 'application' | 'signals' | 'riskHistoryStart'>;

/** Ids read from the store per call: bounds what a 100,000-row answer holds in memory at once. */
const CHUNK = 1000;

/** The stored facts of these extractions that later listings may need again (absent: never stored). */
export async function readEarlier(store: DecisionStore, ids: readonly string[]): Promise<Map<string, Earlier>> {
  const earlier = new Map<string, Earlier>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const states = await store.states(ids.slice(i, i + CHUNK));
    for (const [id, { extraction: e }] of states) {
      earlier.set(id, {
        ...(e.principalId !== undefined && { principalId: e.principalId }),
        ...(e.principalInfo !== undefined && { principalInfo: e.principalInfo }),
        application: e.application,
        ...(e.signals !== undefined && { signals: e.signals }),
        ...(e.riskHistoryStart !== undefined && { riskHistoryStart: e.riskHistoryStart }),
      });
    }
  }
  return earlier;
}

/**
 * Names this listing did not get (directory down, or the principal since deleted) come from the
 * earlier listing. Before the signals are judged: whether a principal is an application decides
 * "Off hours" and which new-IP signal it gets.
 */
export function keepKnownNames(e: Extraction, earlier: Earlier | undefined): Extraction {
  if (earlier === undefined) return e;
  const sameId = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
  const principalInfo = e.principalInfo === undefined && sameId(earlier.principalId, e.principalId) ? earlier.principalInfo : undefined;
  const application = e.application.name === undefined && earlier.application.name !== undefined && sameId(earlier.application.id, e.application.id) ? earlier.application : undefined;
  if (principalInfo === undefined && application === undefined) return e;
  return { ...e, ...(principalInfo !== undefined && { principalInfo }), ...(application !== undefined && { application }) };
}

/** Signals judged against what came before the extraction: the longer that past, the better the verdict. */
const NOVELTY: ReadonlySet<SignalKind> = new Set<SignalKind>(['new-ip', 'sp-new-ip', 'first-service', 'unusual-country']);
/** Signals that count neighbours in the history: without it, only the reply's own rows were counted. */
const NEIGHBOURS: ReadonlySet<SignalKind> = new Set<SignalKind>(['repeated-failures', 'burst']);

/**
 * After the signals are judged. Novelty from whichever judgement saw more of the principal's past
 * (the earlier history start): as an extraction ages, the 30-day history loses what came before
 * it, and an IP used 20 days before it would turn "new". Without a history this time, the earlier
 * judgement's history-based signals stand. Signals that need no history are always this listing's.
 */
export function keepBetterSignals(e: Extraction, earlier: Earlier | undefined): Extraction {
  const before = earlier?.riskHistoryStart;
  if (earlier?.signals === undefined || before === undefined) return e;
  const now = e.riskHistoryStart;
  const earlierSawMore = now === undefined || Date.parse(before) < Date.parse(now);
  if (!earlierSawMore) return e;
  const kept = now === undefined ? (k: SignalKind): boolean => NOVELTY.has(k) || NEIGHBOURS.has(k) : (k: SignalKind): boolean => NOVELTY.has(k);
  const signals = [...(e.signals ?? []).filter((s) => !kept(s.kind)), ...earlier.signals.filter((s) => kept(s.kind))];
  return { ...e, signals: inSignalOrder(signals), riskHistoryStart: before };
}

const RANK: ReadonlyMap<SignalKind, number> = new Map(SIGNAL_ORDER.map((k, i) => [k, i]));

/** Chips are shown strongest first (SIGNAL_ORDER), also when they come from two judgements. */
function inSignalOrder<T extends { readonly kind: SignalKind }>(signals: T[]): T[] {
  return signals.sort((a, b) => (RANK.get(a.kind) ?? 0) - (RANK.get(b.kind) ?? 0));
}
