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
    { example: 'secrets mine', meaning: 'Only your own extractions (add to any window)' },
    { example: 'secrets 7d by <object id>', meaning: "Only one principal's extractions" },
    { example: 'secrets 7d by adele.vance@contoso.com', meaning: 'The same, by sign-in name (user principal name)' },
    { example: 'secrets 7d by "Adele Vance"', meaning: 'The same, by display name in quotes (a user or a service principal)' },
    { example: 'secrets 24h service <name>', meaning: 'Only one API Management service' },
    { example: 'secrets sub <subscription id>', meaning: 'Only one subscription' },
    { example: 'secrets failed · ok', meaning: 'Only failed (or only successful) attempts' },
    { example: 'secrets pending · approved · escalated', meaning: 'Only extractions with that decision status' },
    { example: 'secrets top 5 · fresh', meaning: 'Cards per page (1–25) · skip the 2-minute result cache' },
    { example: 'secrets kql last 7d …', meaning: 'Show the KQL and Timespan that would be sent, with a Defender link' },
    { example: 'secrets history <extraction id>', meaning: 'Every decision on one extraction, oldest first' },
    { example: 'secrets escalate here', meaning: 'Analysts, in a channel: post escalations here' },
    { example: 'secrets export last 30d', meaning: 'Analysts, in a personal chat: the decisions as a CSV file' },
    { example: 'help', meaning: 'This card' },
  ];
}

export function helpCardData(now: Date, message?: string): HelpCardData {
  return { hasMessage: message !== undefined, message: dataText(message ?? '', 400), forms: helpForms(now), retentionDays: RETENTION_DAYS };
}
