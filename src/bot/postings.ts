import type { ConversationReference } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards/render';
import type { Posting } from '../decisions/store';
import { errorCode, errorStatus } from '../util/error-fields';
import type { BotDeps } from './deps';
import { proactively } from './proactive';
import { cardActivity } from './replies';

/**
 * Records where an extraction card was posted (see sendCards), so a decision can update every copy;
 * `teamId` (of the turn that asked) lets removing the app from the team forget all its channels' copies.
 */
export function postingRecorder(deps: BotDeps, teamId?: string): (extractionId: string, activityId: string, reference: Partial<ConversationReference>) => Promise<void> {
  return (extractionId, activityId, reference) =>
    deps.store.recordPosting({
      extractionId,
      conversationId: reference.conversation?.id ?? '',
      activityId,
      reference: JSON.stringify(reference),
      postedAt: deps.now(),
      ...(teamId !== undefined && { teamId }),
    });
}

/**
 * After a decision, every other posted copy of the card (other chats, channels, earlier replies)
 * is updated in the background: the invoke has already been answered.
 */
export function updateOtherCopies(
  deps: BotDeps,
  extractionId: string,
  copies: readonly Posting[],
  card: AdaptiveCardJson,
  clicked: { readonly conversationId?: string | undefined; readonly activityId?: string | undefined },
): void {
  deps.jobs.run('update-copies', async () => {
    for (const p of copies) {
      if (p.conversationId === clicked.conversationId && p.activityId === clicked.activityId) continue;
      try {
        const reference = JSON.parse(p.reference) as Partial<ConversationReference>;
        await proactively(deps, reference, (ctx) => ctx.updateActivity({ ...cardActivity(card), id: p.activityId }).then(() => undefined));
      } catch (e) {
        // A chat the bot was removed from, or a deleted message: the others still get updated, and
        // a copy Teams says is gone for good is forgotten rather than retried on every decision. Other
        // refusals may pass (an admin blocks the app for a while, a user unblocks it): the copy stays.
        const status = errorStatus(e);
        const gone = GONE_FOR_GOOD.has(errorCode(e) ?? '');
        deps.log.warn('could not update a posted copy', { extractionId, conversation: p.conversationId, status, forgotten: gone, error: e });
        if (gone) await deps.store.forgetPosting(p.conversationId, p.activityId);
      }
    }
  });
}

/** Bot Connector error codes (RestError.code, from the answer's body) that mean the copy can never be updated again. */
const GONE_FOR_GOOD: ReadonlySet<string> = new Set(['BotNotInConversationRoster', 'ConversationNotFound', 'ActivityNotFoundInConversation', 'MessageNotFound']);
