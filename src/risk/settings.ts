/** Thresholds of the risk rules (RISK_* and BUSINESS_* settings). */
export interface RiskSettings {
  readonly businessHours: BusinessHours;
  /** At least `count` failed or forbidden attempts by one principal within `windowMs`. */
  readonly repeatedFailures: { readonly count: number; readonly windowMs: number };
  /** Within `windowMs`, one principal reaching `extractions` extractions or `services` different services. */
  readonly burst: { readonly extractions: number; readonly services: number; readonly windowMs: number };
}

export interface BusinessHours {
  /** Minutes after local midnight: 08:00 → 480. `end` is exclusive. */
  readonly startMinute: number;
  readonly endMinute: number;
  /** 0 = Sunday … 6 = Saturday. */
  readonly days: ReadonlySet<number>;
  /** IANA time zone, e.g. "Europe/London". */
  readonly timeZone: string;
}

/** Novelty is judged on what was seen in the 30 days before (Defender's retention). */
export const LOOKBACK_DAYS = 30;
/**
 * "New" needs enough history to mean anything: an extraction with less than a week of history
 * before it (the first days of the 30-day window) gets no first-time / new-IP / country signal.
 */
export const MIN_LOOKBACK_DAYS = 7;

export const DEFAULT_RISK_SETTINGS: RiskSettings = {
  businessHours: { startMinute: 8 * 60, endMinute: 18 * 60, days: new Set([1, 2, 3, 4, 5]), timeZone: 'UTC' },
  repeatedFailures: { count: 3, windowMs: 10 * 60_000 },
  burst: { extractions: 5, services: 3, windowMs: 10 * 60_000 },
};
