import type { BusinessHours } from './settings';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock time in a time zone: weekday (0 = Sunday), minutes after midnight, and "Sat 03:12". */
export function localClock(time: Date, timeZone: string): { weekday: number; minute: number; text: string } {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, format);
  }
  let weekday = 0;
  let hour = 0;
  let minute = 0;
  for (const part of format.formatToParts(time)) {
    if (part.type === 'weekday') weekday = WEEKDAYS.indexOf(part.value as (typeof WEEKDAYS)[number]);
    else if (part.type === 'hour') hour = Number(part.value) % 24;
    else if (part.type === 'minute') minute = Number(part.value);
  }
  const hh = String(hour).padStart(2, '0');
  const mm = String(minute).padStart(2, '0');
  return { weekday, minute: hour * 60 + minute, text: `${WEEKDAYS[weekday] ?? '?'} ${hh}:${mm}` };
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
