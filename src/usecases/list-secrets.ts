import { randomUUID } from 'node:crypto';
import { errorCardData } from '../cards/error-card';
import { extractionCardData } from '../cards/extraction-card';
import { AppError, ErrorCode } from '../errors';
import { pagerCardData } from '../cards/pager-card';
import { renderCard } from '../cards/render';
import { emptyCardData, summaryCardData } from '../cards/summary-card';
import type { Window } from '../commands/window';
import type { DecisionStore } from '../decisions/store';
import { defenderHuntingLink } from '../hunting/deep-link';
import { toExtractions, type Extraction } from '../hunting/extraction';
import { buildHuntingRequest } from '../hunting/query';
import { parseHuntingResponse } from '../hunting/rows';
import type { HuntingSource } from '../hunting/source';
import type { OutgoingCard } from './reply';

export interface SecretsDeps {
  readonly source: HuntingSource;
  readonly store: DecisionStore;
  readonly pageSize: number;
  readonly now: () => Date;
}

export interface SecretsResult {
  readonly cards: OutgoingCard[];
  readonly extractionCount: number;
  readonly skippedRows: number;
}

/**
 * `secrets …`: runs the hunting query and answers with a summary card, the first page of
 * extraction cards (current decision state from the store) and a pager when there is more.
 * Hunting failures throw AppError; the caller turns them into an error card.
 */
export async function listSecrets(deps: SecretsDeps, window: Window, conversationId: string): Promise<SecretsResult> {
  const now = deps.now();
  const request = buildHuntingRequest(window, now);
  const response = await deps.source.run(request);
  const { rows, skipped } = parseHuntingResponse(response);
  const extractions = toExtractions(rows);
  const sample = deps.source.kind === 'local';
  const header = { windowLabel: request.label, windowPhrase: request.phrase, start: request.start, end: request.end, sample };

  if (extractions.length === 0) {
    return { cards: [{ card: renderCard('empty', emptyCardData(header)) }], extractionCount: 0, skippedRows: skipped };
  }
  await deps.store.recordSeen(extractions, now);
  const summary = renderCard(
    'summary',
    summaryCardData({
      ...header,
      extractions,
      defenderUrl: defenderHuntingLink(request.query, request.end.getTime() - request.start.getTime()),
      pageSize: deps.pageSize,
      skippedRows: skipped,
    }),
  );
  const resultId = randomUUID();
  if (extractions.length > deps.pageSize) {
    await deps.store.saveResultSet({ id: resultId, createdAt: now, label: request.label, sample, conversationId, extractionIds: extractions.map((e) => e.id) });
  }
  const page = await pageCards(deps, extractions.slice(0, deps.pageSize).map((e) => e.id), sample);
  const pager = extractions.length > deps.pageSize ? [{ card: renderCard('pager', pagerCardData(resultId, 1, deps.pageSize, extractions.length)) }] : [];
  return { cards: [{ card: summary }, ...page, ...pager], extractionCount: extractions.length, skippedRows: skipped };
}

/** Extraction cards for the given ids, in that order, with their current decision state. */
export async function pageCards(deps: Pick<SecretsDeps, 'store'>, ids: readonly string[], sample: boolean): Promise<OutgoingCard[]> {
  const states = await deps.store.states(ids);
  return ids.flatMap((id) => {
    const state = states.get(id);
    if (state === undefined) return [];
    try {
      return [{ card: renderCard('extraction', extractionCardData(state, { sample })), extractionId: id }];
    } catch (e) {
      // One unrenderable row must never hide the others (an attacker could plant one to blind the watch).
      const error = new AppError(ErrorCode.Internal, `Extraction ${id} could not be shown on a card.`, {
        hint: 'Open the summary\'s "Open in Defender" link to see every row. Tell your SecretWatch administrator.',
        cause: e,
      });
      return [{ card: renderCard('error', errorCardData(error, state.extraction.time, 'One extraction could not be shown')) }];
    }
  });
}

export type { Extraction };
