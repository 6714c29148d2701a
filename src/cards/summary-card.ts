import type { Extraction } from '../hunting/extraction';
import { SIGNAL_ORDER, signalInfo } from '../risk/signal';
import { cardTime, dataText } from './text';
import type { EmptyCardData, SummaryCardData } from './view-models';

export interface SummaryInput {
  readonly windowLabel: string;
  readonly windowPhrase: string;
  readonly start: Date;
  readonly end: Date;
  readonly extractions: readonly Extraction[];
  readonly sample: boolean;
  readonly defenderUrl: string;
  readonly pageSize: number;
  /** Rows the hunting answer had that could not be read. */
  readonly skippedRows: number;
  /** The directory lookup failed: cards show object ids instead of names. */
  readonly namesFailed?: boolean;
  /** The 30-day history could not be read: signals that compare with it are missing. */
  readonly historyProblem?: { readonly code: string };
  readonly filterNote: string;
  /** Pending work queues list the longest-waiting first. */
  readonly oldestFirst?: boolean;
  /** When Defender answered, and now: the card says how old the data is. */
  readonly fetchedAt: Date;
  readonly now: Date;
}

export function summaryCardData(input: SummaryInput): SummaryCardData {
  const { extractions } = input;
  // Unknown principals and unnamed services are not counted as one more of each.
  const principals = new Set(extractions.flatMap((e) => (e.principalId === undefined ? [] : [e.principalId.toLowerCase()])));
  const services = new Set(extractions.flatMap((e) => (e.service === undefined ? [] : [e.service.toLowerCase()])));
  const shown = Math.min(extractions.length, input.pageSize);
  return {
    sample: input.sample,
    windowLabel: capitalise(input.windowLabel),
    fromIso: cardTime(input.start),
    toIso: cardTime(input.end),
    extractionsText: String(extractions.length),
    principalsText: String(principals.size),
    extractionsWord: extractions.length === 1 ? 'extraction' : 'extractions',
    principalsWord: principals.size === 1 ? 'principal' : 'principals',
    servicesWord: services.size === 1 ? 'service' : 'services',
    servicesText: String(services.size),
    failedText: String(extractions.filter((e) => e.outcome === 'forbidden' || e.outcome === 'failed').length),
    failedWord: extractions.filter((e) => e.outcome === 'forbidden' || e.outcome === 'failed').length === 1 ? 'failed attempt' : 'failed attempts',
    defenderUrl: input.defenderUrl,
    listNote: listNote(extractions, shown, input.oldestFirst === true),
    hasFilterNote: input.filterNote !== '',
    filterNote: dataText(input.filterNote, 400),
    ageNote: ageNote(input.fetchedAt, input.now, input.sample),
    ...riskSummary(extractions, input.pageSize),
    hasWarning: input.skippedRows > 0 || input.namesFailed === true || input.historyProblem !== undefined,
    warning: dataText(
      [
        input.skippedRows > 0 ? `${input.skippedRows} row(s) of the hunting answer could not be read and are not shown.` : '',
        input.namesFailed === true ? 'Names could not be looked up in the directory right now: cards show object ids, or the names an earlier answer found.' : '',
        input.historyProblem === undefined
          ? ''
          : `The last 30 days could not be read for comparison (${input.historyProblem.code}), so new IP, first time on a service and unusual country are not judged in this answer; extractions judged in an earlier answer keep those signals.`,
      ].filter((w) => w !== '').join(' '),
    ),
  };
}

/** How many extractions carry each signal, strongest signal first; risky ones are listed first. */
function riskSummary(extractions: readonly Extraction[], pageSize: number): Pick<SummaryCardData, 'hasRisk' | 'riskHeadline' | 'riskCounts'> {
  const risky = extractions.filter((e) => (e.signals ?? []).length > 0).length;
  const counts = SIGNAL_ORDER.map((kind) => ({ kind, n: extractions.filter((e) => e.signals?.some((s) => s.kind === kind) === true).length })).filter((c) => c.n > 0);
  const shown = Math.min(pageSize, extractions.length);
  return {
    hasRisk: risky > 0,
    riskHeadline:
      risky === 0
        ? ''
        : `${risky} of ${extractions.length} extraction${extractions.length === 1 ? '' : 's'} ${risky === 1 ? 'carries' : 'carry'} risk signals${risky < extractions.length || shown < extractions.length ? '; they are listed first' : ''}:`,
    riskCounts: counts.map((c) => ({ count: String(c.n), label: signalInfo(c.kind).label })),
  };
}

export function emptyCardData(input: Pick<SummaryInput, 'windowPhrase' | 'start' | 'end' | 'sample' | 'filterNote' | 'defenderUrl'>): EmptyCardData {
  return {
    sample: input.sample,
    tryText: tryText(input),
    defenderUrl: input.defenderUrl,
    // Under a filter "nobody" would be wrong: others may well have listed secrets.
    emptyText: input.filterNote === '' ? `Nobody listed API Management secrets ${input.windowPhrase}` : `No secret extraction ${input.windowPhrase} matches the filter`,
    fromIso: cardTime(input.start),
    toIso: cardTime(input.end),
    hasFilterNote: input.filterNote !== '',
    filterNote: dataText(input.filterNote, 400),
  };
}

/** The order of the cards, in words: "riskiest first" only when some carry a signal. */
function listNote(extractions: readonly Extraction[], shown: number, oldestFirst: boolean): string {
  const anyRisky = extractions.some((e) => (e.signals ?? []).length > 0);
  const order = `${anyRisky ? 'riskiest first, then ' : ''}${oldestFirst ? 'oldest' : 'newest'} first`;
  return shown === extractions.length
    ? `One card per extraction follows, ${order}.`
    : `The first ${shown} follow, one card each, ${order}; "Show next" at the end brings more.`;
}

/** What to try after an empty answer: a longer window (as long as retention allows), keeping the filters. */
function tryText(input: Pick<SummaryInput, 'start' | 'end' | 'filterNote'>): string {
  const days = (input.end.getTime() - input.start.getTime()) / 86_400_000;
  if (days >= 29.5) return input.filterNote === '' ? 'That is as far back as SecretWatch looks (30 days).' : 'That is as far back as SecretWatch looks (30 days): try fewer filters.';
  return input.filterNote === ''
    ? 'Try a longer window, for example "secrets last 30d".'
    : 'Try a longer window with the same filters: type the command again with "last 30d" as its window.';
}

function ageNote(fetchedAt: Date, now: Date, sample: boolean): string {
  const seconds = Math.max(0, Math.round((now.getTime() - fetchedAt.getTime()) / 1000));
  // Sample data never came from Defender: say where it came from.
  if (seconds < 5) return sample ? 'Data just read from the sample file.' : 'Data just fetched from Defender.';
  const age = seconds < 90 ? `${seconds} seconds` : `${Math.round(seconds / 60)} minutes`;
  return sample
    ? `Data read from the sample file ${age} ago (answers are reused for a short while, as they are with Defender).`
    : `Data fetched ${age} ago (reused to save the tenant's hunting quota); add "fresh" to the command for new data.`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
