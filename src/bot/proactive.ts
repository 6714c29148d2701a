import type { ConversationReference, TurnContext } from 'botbuilder';
import type { BotDeps } from './deps';

/**
 * A proactive call whose failure comes back to the caller. The adapter hands errors thrown in
 * proactive logic to onTurnError, which would post an error card into that conversation (a SOC
 * channel, a chat whose copy of a card was deleted) and never let the caller log or clean up.
 */
export async function proactively(deps: Pick<BotDeps, 'continueConversation'>, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
  let failure: { readonly error: unknown } | undefined;
  await deps.continueConversation(reference, async (ctx) => {
    try {
      await logic(ctx);
    } catch (error) {
      failure = { error };
    }
  });
  if (failure !== undefined) throw failure.error;
}
