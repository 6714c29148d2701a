import type { TurnContext } from 'botbuilder';
import { errorCardData } from '../../cards/error-card';
import { renderCard } from '../../cards/render';
import { AppError, ErrorCode } from '../../errors';
import { extractionHistory } from '../../usecases/history';
import type { BotDeps } from '../deps';
import { cardActivity } from '../replies';

/** `secrets history <extraction id>`. */
export async function handleHistory(context: TurnContext, deps: BotDeps, extractionId: string): Promise<void> {
  const result = await extractionHistory(deps.store, extractionId);
  const card =
    result.kind === 'found'
      ? result.card
      : renderCard(
          'error',
          errorCardData(
            new AppError(ErrorCode.ExtractionUnknown, 'SecretWatch has no record of that extraction id.', {
              hint: 'Copy the id from the bottom of a "secrets history" card or from an extraction card, or run "secrets" to see recent extractions.',
            }),
            deps.now(),
            'Unknown extraction',
          ),
        );
  await context.sendActivity(cardActivity(card));
}
