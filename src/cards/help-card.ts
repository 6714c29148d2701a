import { RETENTION_DAYS } from '../commands/window';
import { dataText } from './text';
import type { HelpCardData } from './view-models';

/** Every form the grammar accepts, as the help card lists them. `since` examples use a recent date so they work when copied. */
export function helpForms(now: Date): HelpCardData['forms'] {
  const day = new Date(now.getTime() - 3 * 86_400_000).toISOString().slice(0, 10);
  return [
    { example: 'secrets', meaning: 'Extractions in the last 7 days' },
    { example: 'secrets last 24h', meaning: 'Last 24 hours (also 90m, 7d, 2w, "7 days")' },
    { example: 'secrets 7d', meaning: 'Same as "secrets last 7d"' },
    { example: `secrets since ${day}`, meaning: 'Since midnight UTC of that day' },
    { example: `secrets since ${day}T08:00Z`, meaning: 'Since that moment (UTC, or add an offset like +02:00)' },
    { example: 'help', meaning: 'This card' },
  ];
}

export function helpCardData(now: Date, message?: string): HelpCardData {
  return { hasMessage: message !== undefined, message: dataText(message ?? '', 400), forms: helpForms(now), retentionDays: RETENTION_DAYS };
}
