import { TurnContext } from 'botbuilder';
import { renderCard } from '../../cards/render';
import { welcomeCardData } from '../../cards/welcome-card';
import type { Installation } from '../../decisions/store';
import { actorOf, teamIdOf } from '../actor';
import type { BotDeps } from '../deps';
import { cardActivity } from '../replies';

/** Where a turn happens, as an installation scope, and the team it belongs to (channels only). */
function placeOf(context: TurnContext): { scope: Installation['scope']; teamId?: string } {
  const type = context.activity.conversation?.conversationType;
  const teamId = teamIdOf(context.activity);
  if (type === 'channel' || teamId !== undefined) return { scope: 'team', ...(teamId !== undefined && { teamId }) };
  return { scope: type === 'groupChat' ? 'groupChat' : 'personal' };
}

/**
 * Installed (installationUpdate "add", or the bot among membersAdded): keep the conversation
 * reference so proactive messages can reach this place later, and welcome it once. Teams sends
 * both events for one install, and again on upgrades: the store says whether this place is new.
 */
export async function handleInstalled(context: TurnContext, deps: BotDeps, options: { readonly welcome: boolean }): Promise<void> {
  const reference = TurnContext.getConversationReference(context.activity);
  const conversationId = reference.conversation?.id;
  if (conversationId === undefined || conversationId === '') return;
  const place = placeOf(context);
  const installedBy = actorOf(context.activity);
  const isNew = await deps.store.rememberInstallation({
    conversationId,
    ...place,
    reference: JSON.stringify(reference),
    ...(installedBy !== undefined && { installedBy }),
    installedAt: deps.now(),
  });
  deps.log.info('installed', { scope: place.scope, conversation: conversationId, isNew });
  if (!isNew || !options.welcome) return;
  const card = welcomeCardData({ scope: place.scope, sample: deps.hunter.kind === 'local', analystEntries: deps.listedAnalysts.size });
  await context.sendActivity(cardActivity(renderCard('welcome', card)));
}

/** Removed (installationUpdate "remove", or the bot among membersRemoved): forget every reference into that place. */
export async function handleUninstalled(context: TurnContext, deps: BotDeps): Promise<void> {
  const conversationId = context.activity.conversation?.id;
  if (conversationId === undefined || conversationId === '') return;
  const { teamId } = placeOf(context);
  const dropped = await deps.store.forgetInstallation({ conversationId, ...(teamId !== undefined && { teamId }) });
  // Nothing can be posted there any more; if escalations went there, they now wait for a new target.
  (dropped.escalationTarget ? deps.log.warn : deps.log.info)('uninstalled: references dropped', { conversation: conversationId, ...dropped });
}
