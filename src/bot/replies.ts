import { CardFactory, TurnContext, type Activity, type ConversationReference, type InvokeResponse } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards/render';
import type { OutgoingCard } from '../usecases/reply';

export function cardActivity(card: AdaptiveCardJson): Partial<Activity> {
  return { type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
}

/**
 * Posts each card as its own message (one card per message keeps updates 1:1), paced for Teams'
 * rate limit, and reports where each extraction card landed so every copy can be updated later.
 */
export async function sendCards(
  context: TurnContext,
  cards: readonly OutgoingCard[],
  intervalMs: number,
  onPosted?: (extractionId: string, activityId: string, reference: Partial<ConversationReference>) => Promise<void>,
): Promise<void> {
  for (const [i, { card, extractionId }] of cards.entries()) {
    if (i > 0 && intervalMs > 0) await new Promise((r) => setTimeout(r, intervalMs));
    const sent = await context.sendActivity(cardActivity(card));
    if (extractionId !== undefined && sent?.id !== undefined && onPosted !== undefined) {
      await onPosted(extractionId, sent.id, TurnContext.getConversationReference(context.activity));
    }
  }
}

/** The Universal Actions answer: the card that replaces the clicked one for the clicker. */
export function invokeCardResponse(card: AdaptiveCardJson): InvokeResponse {
  return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } };
}
