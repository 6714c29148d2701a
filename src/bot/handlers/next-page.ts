import { TurnContext, type InvokeResponse } from 'botbuilder';
import { errorCardData } from '../../cards/error-card';
import { renderCard } from '../../cards/render';
import { AppError, ErrorCode } from '../../errors';
import { nextPage } from '../../usecases/next-page';
import { personalChatWith, teamIdOf } from '../actor';
import type { BotDeps } from '../deps';
import { postingRecorder } from '../postings';
import { invokeCardResponse, sendCards } from '../replies';

/** Card verb `nextPage`: answer the click at once, post the page after the turn. */
export async function handleNextPage(context: TurnContext, deps: BotDeps, resultId: string, page: number): Promise<InvokeResponse> {
  const outcome = await nextPage(deps, resultId, page, context.activity.conversation?.id ?? '', personalChatWith(context.activity));
  if (outcome.kind === 'already-shown') return invokeCardResponse(outcome.pagerNow.card);
  if (outcome.kind !== 'page') {
    const message = outcome.kind === 'expired' ? 'This list of results is no longer available.' : 'That page does not exist in this list of results.';
    return invokeCardResponse(
      renderCard('error', errorCardData(new AppError(ErrorCode.ResultsExpired, message, { hint: 'Run "secrets" again for a fresh list.' }), deps.now(), 'No more results here')),
    );
  }
  const reference = TurnContext.getConversationReference(context.activity);
  const team = teamIdOf(context.activity);
  deps.jobs.run('next-page', () => deps.continueConversation(reference, (ctx) => sendCards(ctx, outcome.cards, deps.sendIntervalMs, postingRecorder(deps, team))));
  return invokeCardResponse(outcome.pagerNow.card);
}
