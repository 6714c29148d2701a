import type { InvokeResponse, TurnContext } from 'botbuilder';
import { errorCardData } from '../../cards/error-card';
import { renderCard } from '../../cards/render';
import type { DecisionVerb } from '../../decisions/decision';
import { AppError, ErrorCode } from '../../errors';
import { decide } from '../../usecases/decide';
import { actorOf, personalChatWith } from '../actor';
import type { BotDeps } from '../deps';
import { announceEscalation } from '../escalation';
import { updateOtherCopies } from '../postings';
import { tenantOf } from '../tenant';
import { cardActivity, invokeCardResponse } from '../replies';

/** Shared by the Approve and Escalate handlers: authorise the clicker, record, answer, update the posted card. */
export async function handleDecisionClick(context: TurnContext, deps: BotDeps, verb: DecisionVerb, extractionId: string, comment: string, seenVersion?: number): Promise<InvokeResponse> {
  const actor = actorOf(context.activity);
  const log = deps.log.child({ verb, extractionId });
  const tenant = tenantOf(context.activity);
  if (deps.tenantId !== undefined && tenant !== deps.tenantId) {
    log.warn('decision refused: another tenant', { tenant });
    return invokeCardResponse(
      renderCard('error', errorCardData(refusal(ErrorCode.ActionInvalid, 'This click came from another Microsoft 365 tenant than the one SecretWatch serves, so nothing was recorded.',
        'Use SecretWatch from your own organisation\'s Teams.'), deps.now(), 'Decision not recorded')),
    );
  }
  if (actor === undefined) {
    log.warn('decision refused: no Entra identity on the click');
    return invokeCardResponse(
      renderCard('error', errorCardData(refusal(ErrorCode.ActorUnknown, 'Teams did not say which Entra account clicked, so SecretWatch cannot record a decision.',
        'Sign in to Teams with your work account (guests and anonymous users cannot decide).'), deps.now(), 'Decision not recorded')),
    );
  }
  const escalationsDelivered = async (): Promise<boolean> => deps.escalationWebhook !== undefined || (await deps.store.escalationTarget()) !== undefined;
  const inPersonalChat = personalChatWith(context.activity);
  const result = await decide(
    { store: deps.store, now: deps.now, sample: deps.hunter.kind === 'local', analysts: deps.analysts, escalationsDelivered, ...(inPersonalChat !== undefined && { personalChatWith: inPersonalChat }) },
    extractionId,
    verb,
    actor,
    comment,
    seenVersion,
  );
  if (result.kind === 'unknown-extraction') {
    log.warn('decision refused: unknown extraction', { actor: actor.id });
    return invokeCardResponse(
      renderCard('error', errorCardData(refusal(ErrorCode.ExtractionUnknown, 'SecretWatch has no record of this extraction, so nothing was recorded.',
        'Run "secrets" again to get fresh cards.'), deps.now(), 'Unknown extraction')),
    );
  }
  if (result.kind === 'refused') log.warn('decision refused', { actor: actor.id, reason: result.reason });
  else log.info(result.kind === 'decided' ? 'decision recorded' : 'decision unchanged: already decided', { actor: actor.id });
  if (result.kind !== 'decided') return invokeCardResponse(result.card);

  if (result.state.status === 'escalated') announceEscalation(deps, result.state);
  const clicked = { conversationId: context.activity.conversation?.id, activityId: context.activity.replyToId };
  const copies = await deps.store.postings(extractionId);
  updateOtherCopies(deps, extractionId, copies, result.card, clicked);
  // Only our own postings are updated for everyone: the SOC's escalation post is a record of who
  // escalated and why, and a later click on it changes only the clicker's view.
  const posted = clicked.activityId === undefined ? undefined : copies.find((p) => p.conversationId === clicked.conversationId && p.activityId === clicked.activityId);
  if (posted !== undefined) {
    // The invoke answer changes only the clicker's view; updating the message shows everyone.
    try {
      await context.updateActivity({ ...cardActivity(result.card), id: posted.activityId });
    } catch (e) {
      log.warn('could not update the posted card for everyone', { error: e });
    }
  }
  return invokeCardResponse(result.clickerCard);
}

function refusal(code: ErrorCode, message: string, hint: string): AppError {
  return new AppError(code, message, { hint });
}
