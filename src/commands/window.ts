/** A hunting time window as the user asked for it, before it is resolved against a clock. */
export type Window =
  | { readonly kind: 'relative'; readonly amount: number; readonly unit: DurationUnit }
  | { readonly kind: 'since'; readonly start: Date };

export type DurationUnit = 'm' | 'h' | 'd';

/** Defender advanced hunting keeps 30 days of data. */
export const RETENTION_DAYS = 30;
export const RETENTION_MS = RETENTION_DAYS * 24 * 60 * 60 * 1000;

const UNIT_MS: Record<DurationUnit, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

export const DEFAULT_WINDOW: Window = { kind: 'relative', amount: 7, unit: 'd' };

export function durationMs(w: Extract<Window, { kind: 'relative' }>): number {
  return w.amount * UNIT_MS[w.unit];
}

/** The concrete interval a window covers at `now` (end exclusive of nothing: events up to now). */
export function resolveWindow(w: Window, now: Date): { start: Date; end: Date } {
  const start = w.kind === 'relative' ? new Date(now.getTime() - durationMs(w)) : w.start;
  return { start, end: now };
}

/** "7 days", "24 hours", "since 30 Jul 2024 08:00 UTC" — how replies name the window. */
export function describeWindow(w: Window): string {
  if (w.kind === 'since') return `since ${formatUtc(w.start)}`;
  const names: Record<DurationUnit, string> = { m: 'minute', h: 'hour', d: 'day' };
  return `last ${w.amount} ${names[w.unit]}${w.amount === 1 ? '' : 's'}`;
}

/** The window inside a sentence: "in the last 7 days", "since 2024-07-30 08:00 UTC". */
export function windowPhrase(w: Window): string {
  return w.kind === 'since' ? describeWindow(w) : `in the ${describeWindow(w)}`;
}

/** ISO 8601 duration for Graph's Timespan field: P7D, PT24H, PT90M. */
export function isoDuration(w: Extract<Window, { kind: 'relative' }>): string {
  return w.unit === 'd' ? `P${w.amount}D` : `PT${w.amount}${w.unit === 'h' ? 'H' : 'M'}`;
}

export function formatUtc(d: Date): string {
  const iso = d.toISOString(); // 2024-07-30T08:00:00.000Z
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
