import type { BusinessHours } from './settings';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const formatters = new Map<string, Intl.DateTimeFormat>();
/** Zone offsets by 15-minute slot: offsets only change at slot boundaries, and Intl is slow per call. */
const offsets = new Map<string, number>();
const SLOT_MS = 15 * 60_000;
const MAX_CACHED_OFFSETS = 50_000;

/** Wall-clock time in a time zone: weekday (0 = Sunday), minutes after midnight, and "Sat 03:12". */
export function localClock(time: Date, timeZone: string): { weekday: number; minute: number; text: string } {
  const local = new Date(time.getTime() + offsetMs(time.getTime(), timeZone));
  const weekday = local.getUTCDay();
  const hour = local.getUTCHours();
  const minute = local.getUTCMinutes();
  const text = `${WEEKDAYS[weekday] ?? '?'} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  return { weekday, minute: hour * 60 + minute, text };
}

function offsetMs(at: number, timeZone: string): number {
  const slot = Math.floor(at / SLOT_MS) * SLOT_MS;
  const key = `${timeZone}|${slot}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' });
    formatters.set(timeZone, format);
  }
  const part: Record<string, number> = {};
  for (const p of format.formatToParts(new Date(slot))) if (p.type !== 'literal') part[p.type] = Number(p.value);
  const wall = Date.UTC(part['year'] ?? 1970, (part['month'] ?? 1) - 1, part['day'] ?? 1, (part['hour'] ?? 0) % 24, part['minute'] ?? 0, part['second'] ?? 0);
  const offset = wall - slot;
  if (offsets.size >= MAX_CACHED_OFFSETS) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/** "Mon–Fri 08:00–18:00" */
export function describeBusinessHours(h: BusinessHours): string {
  const days = [...h.days].sort((a, b) => a - b);
  const contiguous = days.every((d, i) => i === 0 || d === (days[i - 1] ?? -2) + 1);
  const first = days[0];
  const last = days[days.length - 1];
  const dayText =
    days.length === 7 ? 'every day' : contiguous && first !== undefined && last !== undefined && days.length > 2
      ? `${WEEKDAYS[first]}–${WEEKDAYS[last]}`
      : days.map((d) => WEEKDAYS[d]).join(', ');
  return `${dayText} ${clock(h.startMinute)}–${clock(h.endMinute)}`;
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const WEEKDAY_NAMES = WEEKDAYS;

function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
