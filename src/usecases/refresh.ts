import { extractionCardData, type Viewer } from '../cards/extraction-card';
import { renderCard, type AdaptiveCardJson } from '../cards/render';
import type { Actor } from '../decisions/decision';
import type { AnalystDirectory } from '../decisions/roles';
import type { DecisionStore } from '../decisions/store';
import type { Extraction } from '../hunting/extraction';

/** Teams allows at most 60 user ids in a card's refresh. */
const MAX_REFRESH_USERS = 60;

/**
 * Who gets a per-viewer card through Universal Actions refresh: the principal and the analysts
 * listed by object id, where we have seen their Teams ids (Teams refresh takes 29:… ids, not Entra ids).
 */
export async function refreshUserIds(store: DecisionStore, listedAnalysts: ReadonlySet<string>, extractions: readonly Extraction[]): Promise<Map<string, string[]>> {
  const principals = extractions.flatMap((e) => (e.principalId === undefined ? [] : [e.principalId.toLowerCase()]));
  const teams = await store.teamsIds([...principals, ...listedAnalysts]);
  const analystIds = [...listedAnalysts].flatMap((a) => teams.get(a) ?? []);
  return new Map(
    extractions.map((e) => {
      const own = e.principalId === undefined ? undefined : teams.get(e.principalId.toLowerCase());
      return [e.id, [...new Set([...(own === undefined ? [] : [own]), ...analystIds])].slice(0, MAX_REFRESH_USERS)];
    }),
  );
}

export type RefreshResult = { readonly kind: 'card'; readonly card: AdaptiveCardJson } | { readonly kind: 'unknown-extraction' };

/** A refresh from Teams: the card with the buttons meant for this viewer (the server still checks every click). */
export async function refreshCard(
  deps: { store: DecisionStore; analysts: AnalystDirectory; listedAnalysts: ReadonlySet<string>; sample: boolean },
  extractionId: string,
  viewer: Actor | undefined,
): Promise<RefreshResult> {
  const state = (await deps.store.states([extractionId])).get(extractionId);
  if (state === undefined) return { kind: 'unknown-extraction' };
  let role: Viewer = 'other';
  if (viewer !== undefined && state.extraction.principalId?.toLowerCase() === viewer.id.toLowerCase()) role = 'actor';
  else if (viewer !== undefined && (await deps.analysts.isAnalyst(viewer.id))) role = 'analyst';
  const ids = (await refreshUserIds(deps.store, deps.listedAnalysts, [state.extraction])).get(extractionId) ?? [];
  return { kind: 'card', card: renderCard('extraction', extractionCardData(state, { sample: deps.sample, viewer: role, refreshUserIds: ids })) };
}
