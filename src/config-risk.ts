import { ConfigError } from './config-error';
import { integer, shown, type Get } from './config-values';
import { isTimeZone, WEEKDAY_NAMES } from './risk/business-hours';
import { DEFAULT_RISK_SETTINGS, type RiskSettings } from './risk/settings';

/** The risk rules' settings (BUSINESS_*, RISK_*), each validated and named when refused. */
export function riskSettings(get: Get): RiskSettings {
  const d = DEFAULT_RISK_SETTINGS;
  const hours = businessHours(get('BUSINESS_HOURS'));
  return {
    businessHours: {
      ...(hours ?? { startMinute: d.businessHours.startMinute, endMinute: d.businessHours.endMinute }),
      days: businessDays(get('BUSINESS_DAYS')) ?? d.businessHours.days,
      timeZone: timeZone(get('BUSINESS_TIME_ZONE')) ?? d.businessHours.timeZone,
    },
    repeatedFailures: {
      count: integer(get, 'RISK_FAILURES', d.repeatedFailures.count, 2, 1000),
      windowMs: integer(get, 'RISK_FAILURES_MINUTES', d.repeatedFailures.windowMs / 60_000, 1, 1440) * 60_000,
    },
    burst: {
      extractions: integer(get, 'RISK_BURST_EXTRACTIONS', d.burst.extractions, 2, 10_000),
      services: integer(get, 'RISK_BURST_SERVICES', d.burst.services, 2, 1000),
      windowMs: integer(get, 'RISK_BURST_MINUTES', d.burst.windowMs / 60_000, 1, 1440) * 60_000,
    },
  };
}

/** "08:00-18:00" (24-hour clock, end after start). */
function businessHours(raw: string | undefined): { startMinute: number; endMinute: number } | undefined {
  if (raw === undefined) return undefined;
  const m = /^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$/.exec(raw.trim());
  const [, h1, m1, h2, m2] = m ?? [];
  const start = Number(h1) * 60 + Number(m1);
  const end = Number(h2) * 60 + Number(m2);
  if (m === null || Number(m1) > 59 || Number(m2) > 59 || end > 24 * 60 || start >= end) {
    throw new ConfigError('BUSINESS_HOURS', `must be a start and end time like 08:00-18:00, end after start (got ${shown(raw)}).`);
  }
  return { startMinute: start, endMinute: end };
}

/** "mon-fri", "mon,tue,thu", "sun-thu". */
function businessDays(raw: string | undefined): Set<number> | undefined {
  if (raw === undefined) return undefined;
  const names = WEEKDAY_NAMES.map((n) => n.toLowerCase());
  const refuse = (): never => {
    throw new ConfigError('BUSINESS_DAYS', `must list weekdays like mon-fri or mon,tue,wed (got ${shown(raw)}).`);
  };
  const days = new Set<number>();
  for (const part of raw.toLowerCase().split(',').map((p) => p.trim())) {
    const [from, to, extra] = part.split('-').map((p) => names.indexOf(p.slice(0, 3)));
    if (from === undefined || from < 0 || extra !== undefined || (to !== undefined && to < 0)) refuse();
    const a = from ?? 0;
    const b = to ?? a;
    // A range may wrap the weekend: sun-thu, fri-mon.
    for (let i = a; ; i = (i + 1) % 7) {
      days.add(i);
      if (i === b) break;
    }
  }
  return days;
}

function timeZone(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!isTimeZone(raw)) throw new ConfigError('BUSINESS_TIME_ZONE', `must be an IANA time zone like Europe/London or America/New_York (got ${shown(raw)}).`);
  return raw;
}
