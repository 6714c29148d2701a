import type { HuntingRequest } from '../hunting/query';
import { dataText } from './text';
import type { KqlCardData } from './view-models';

/** KQL lines can be long (the seed's comment): bounded generously, one TextRun line each so nothing reads it as markdown. */
const MAX_KQL_LINE = 2000;

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
