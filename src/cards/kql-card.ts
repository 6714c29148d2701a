import type { HuntingRequest } from '../hunting/query';
import { dataText } from './text';
import type { KqlCardData } from './view-models';

/** KQL lines can be long (the seed's comment, a long watch list): never cut — a cut query pasted into Defender would break. */
const MAX_KQL_LINE = 1_000_000;

export function kqlCardData(request: HuntingRequest, defenderUrl: string, postFilters: readonly string[]): KqlCardData {
  return {
    windowLabel: dataText(request.label),
    timespan: dataText(request.timespan),
    lines: request.query.trimEnd().split('\n').map((line) => ({ line: dataText(line, MAX_KQL_LINE) || ' ' })),
    defenderUrl,
    hasPostFilters: postFilters.length > 0,
    postFilters: dataText(`Applied by SecretWatch after the query (Started/completed records are paired first): ${postFilters.join(', ')}.`),
  };
}
