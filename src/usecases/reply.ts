import type { AdaptiveCardJson } from '../cards/render';

/** One card to post as its own message; extraction cards name their extraction so the post can be tracked. */
export interface OutgoingCard {
  readonly card: AdaptiveCardJson;
  readonly extractionId?: string;
}
