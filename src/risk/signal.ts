/** Why an extraction deserves attention. Each is a chip on its card and a count on the summary. */
export type SignalKind =
  | 'repeated-failures'
  | 'anonymous-proxy'
  | 'sp-new-ip'
  | 'new-ip'
  | 'unusual-country'
  | 'burst'
  | 'first-service'
  | 'off-hours'
  | 'failed';

export interface RiskSignal {
  readonly kind: SignalKind;
  /** The facts behind it, in words: "198.51.100.203 not used in this principal's 12 earlier extractions (22 days of history)". */
  readonly detail: string;
}

export interface SignalInfo {
  /** The chip text. */
  readonly label: string;
  /** Ordering weight: a card's score is the sum of its signals' weights; risky first. */
  readonly weight: number;
}

/**
 * The signals as data, strongest first (the order chips and summary counts use). Weights rank a
 * card, nothing more: an anonymous proxy or a run of refusals outranks a first visit.
 */
export const SIGNALS: ReadonlyMap<SignalKind, SignalInfo> = new Map<SignalKind, SignalInfo>([
  ['repeated-failures', { label: 'Repeated failures', weight: 3 }],
  ['anonymous-proxy', { label: 'Anonymous proxy', weight: 3 }],
  // Cloud-hosted automation often gets a new address each run: as strong as a person's new IP, not more.
  ['sp-new-ip', { label: 'App from new IP', weight: 2 }],
  ['new-ip', { label: 'New IP', weight: 2 }],
  ['unusual-country', { label: 'Unusual country', weight: 2 }],
  ['burst', { label: 'Burst', weight: 2 }],
  ['first-service', { label: 'First time on this service', weight: 1 }],
  ['off-hours', { label: 'Off hours', weight: 1 }],
  ['failed', { label: 'Failed attempt', weight: 1 }],
]);

export const SIGNAL_ORDER: readonly SignalKind[] = [...SIGNALS.keys()];

export function signalInfo(kind: SignalKind): SignalInfo {
  const info = SIGNALS.get(kind);
  if (info === undefined) throw new Error(`unknown signal ${kind}`);
  return info;
}

/** Sum of weights: 0 means nothing unusual was found. */
export function riskScore(signals: readonly RiskSignal[] | undefined): number {
  return (signals ?? []).reduce((sum, s) => sum + signalInfo(s.kind).weight, 0);
}
