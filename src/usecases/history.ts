import { historyCardData } from '../cards/history-card';
import { renderCard, type AdaptiveCardJson } from '../cards/render';
import type { DecisionStore } from '../decisions/store';

export type HistoryResult = { readonly kind: 'found'; readonly card: AdaptiveCardJson } | { readonly kind: 'unknown-extraction' };

/** `secrets history <id>`: the extraction as last seen and its full decision trail, oldest first. */
export async function extractionHistory(store: DecisionStore, extractionId: string): Promise<HistoryResult> {
  const state = (await store.states([extractionId])).get(extractionId);
  if (state === undefined) return { kind: 'unknown-extraction' };
  const records = await store.history(extractionId);
  return { kind: 'found', card: renderCard('history', historyCardData(state, records)) };
}
