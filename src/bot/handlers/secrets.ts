import { TurnContext } from 'botbuilder';
import { errorCardData } from '../../cards/error-card';
import { renderCard } from '../../cards/render';
import { windowPhrase, type Window } from '../../commands/window';
import { toAppError } from '../../errors';
import { listSecrets } from '../../usecases/list-secrets';
import type { OutgoingCard } from '../../usecases/reply';
import type { BotDeps } from '../deps';
import { sendCards } from '../replies';

/**
 * `secrets …`: acknowledge at once, run the hunting query after the turn (it may take minutes),
 * then post the cards into the same conversation.
 */
export async function handleSecrets(context: TurnContext, deps: BotDeps, window: Window): Promise<void> {
  const sample = deps.source.kind === 'local' ? ' (sample data: SecretWatch is running in local mode)' : '';
  await context.sendActivity({ type: 'typing' });
  await context.sendActivity(`Running the hunting query for secret extractions ${windowPhrase(window)}${sample}…`);
  const reference = TurnContext.getConversationReference(context.activity);
  const log = deps.log.child({ conversation: reference.conversation?.id, command: 'secrets' });

  deps.jobs.run('secrets', async () => {
    const started = Date.now();
    let cards: OutgoingCard[];
    try {
      const result = await listSecrets(deps, window, reference.conversation?.id ?? '');
      cards = result.cards;
      log.info('hunting query answered', { source: deps.source.kind, extractions: result.extractionCount, skippedRows: result.skippedRows, ms: Date.now() - started });
    } catch (e) {
      const error = toAppError(e);
      log.warn('hunting query failed', { source: deps.source.kind, code: error.code, error, ms: Date.now() - started });
      cards = [{ card: renderCard('error', errorCardData(error, deps.now(), 'The hunting query failed')) }];
    }
    await deps.continueConversation(reference, (ctx) => sendCards(ctx, cards, deps.sendIntervalMs));
  });
}
