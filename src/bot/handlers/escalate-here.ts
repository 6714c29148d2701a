import { TurnContext } from 'botbuilder';
import { errorCardData } from '../../cards/error-card';
import { renderCard } from '../../cards/render';
import { AppError, ErrorCode } from '../../errors';
import { actorOf, teamIdOf } from '../actor';
import { channelRoot } from '../channel-root';
import type { BotDeps } from '../deps';
import { cardActivity } from '../replies';

/** `secrets escalate here`: analysts make this channel (or group chat) the escalation target. */
export async function handleEscalateHere(context: TurnContext, deps: BotDeps): Promise<void> {
  const actor = actorOf(context.activity);
  const refuse = async (message: string, hint: string): Promise<void> => {
    deps.log.warn('escalation target refused', { reason: message });
    await context.sendActivity(cardActivity(renderCard('error', errorCardData(new AppError(ErrorCode.ActionInvalid, message, { hint }), deps.now(), 'Escalation target not changed'))));
  };
  if (actor === undefined || !(await deps.analysts.isAnalyst(actor.id))) {
    return refuse('Only a SecretWatch analyst can choose where escalations go.', 'Ask an analyst to run "secrets escalate here" in the SOC channel.');
  }
  const type = context.activity.conversation?.conversationType;
  if (type !== 'channel' && type !== 'groupChat') {
    return refuse('Escalations go to a team channel or group chat, not to a personal chat.', 'Run "secrets escalate here" in the channel where the SOC works escalations.');
  }
  const reference = channelRoot(TurnContext.getConversationReference(context.activity));
  const teamId = teamIdOf(context.activity);
  await deps.store.setEscalationTarget({
    conversationId: reference.conversation?.id ?? '',
    reference: JSON.stringify(reference),
    setBy: actor,
    setAt: deps.now(),
    // Kept so that removing the app from the team also forgets a target in any of its channels.
    ...(teamId !== undefined && { teamId }),
  });
  deps.log.info('escalation target set', { conversation: reference.conversation?.id, by: actor.id });
  await context.sendActivity(`Escalations will be posted here from now on (set by ${actor.name}).`);
}
