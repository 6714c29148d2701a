import type { InvokeResponse, TurnContext } from 'botbuilder';
import { refreshCard } from '../../usecases/refresh';
import { actorOf } from '../actor';
import type { BotDeps } from '../deps';
import { invokeCardResponse } from '../replies';

/** Card verb `refresh` (Universal Actions, sent by Teams for the listed users): the viewer's own buttons. */
export async function handleRefresh(context: TurnContext, deps: BotDeps, extractionId: string): Promise<InvokeResponse> {
  const result = await refreshCard(
    { store: deps.store, analysts: deps.analysts, listedAnalysts: deps.listedAnalysts, sample: deps.hunter.kind === 'local' },
    extractionId,
    actorOf(context.activity),
  );
  // An unknown extraction: no card to give; Teams keeps showing the posted one.
  if (result.kind === 'unknown-extraction') return { status: 200, body: { statusCode: 404, type: 'application/vnd.microsoft.error', value: { code: 'EXTRACTION_UNKNOWN', message: 'SecretWatch has no record of this extraction.' } } };
  return invokeCardResponse(result.card);
}
