import type { TurnContext } from 'botbuilder';
import { errorCardData } from '../../cards/error-card';
import { renderCard } from '../../cards/render';
import type { Window } from '../../commands/window';
import { AppError, ErrorCode } from '../../errors';
import { actorOf } from '../actor';
import type { BotDeps } from '../deps';
import { cardActivity } from '../replies';

/**
 * `secrets export [window]` (analysts): the decisions as CSV. Teams accepts a bot's file only
 * through a consent card in a personal chat; other channels (Web Chat, Emulator) get the file inline.
 */
export async function handleExport(context: TurnContext, deps: BotDeps, window: Window): Promise<void> {
  const actor = actorOf(context.activity);
  const refuse = (message: string, hint: string): Promise<unknown> =>
    context.sendActivity(cardActivity(renderCard('error', errorCardData(new AppError(ErrorCode.ActionInvalid, message, { hint }), deps.now(), 'No export'))));
  if (actor === undefined || !(await deps.analysts.isAnalyst(actor.id))) {
    await refuse('Only a SecretWatch analyst can export decisions.', 'Ask an analyst, or run "npm run export" on the SecretWatch server.');
    return;
  }
  const teams = context.activity.channelId === 'msteams';
  if (teams && context.activity.conversation?.conversationType !== 'personal') {
    await refuse('Teams accepts files from a bot only in a personal chat.', 'Open a personal chat with SecretWatch and send "secrets export" there.');
    return;
  }
  const file = await deps.exports.create(deps.store, window, actor.id);
  deps.log.info('decision export prepared', { rows: file.rows, by: actor.id });
  if (!teams) {
    await context.sendActivity({
      type: 'message',
      text: `${file.rows} decision(s) exported.`,
      attachments: [{ contentType: 'text/csv', name: file.name, contentUrl: `data:text/csv;base64,${Buffer.from(file.csv).toString('base64')}` }],
    });
    return;
  }
  await context.sendActivity({
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.teams.card.file.consent',
        name: file.name,
        content: {
          description: `SecretWatch decisions: ${file.rows} row(s)`,
          sizeInBytes: Buffer.byteLength(file.csv),
          acceptContext: { exportId: file.id },
          declineContext: { exportId: file.id },
        },
      },
    ],
  });
}
