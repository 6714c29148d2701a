import type { TurnContext } from 'botbuilder';
import { kqlCardData } from '../../cards/kql-card';
import { renderCard } from '../../cards/render';
import type { Filters } from '../../commands/filters';
import type { Window } from '../../commands/window';
import { AppError } from '../../errors';
import { defenderHuntingLink } from '../../hunting/deep-link';
import { buildHuntingRequest } from '../../hunting/query';
import { describePostFilters } from '../../usecases/describe-filters';
import type { BotDeps } from '../deps';
import { cardActivity } from '../replies';
import { principalQuery } from '../../usecases/resolve-principal';
import { filterErrorCard, resolveFilters, takeCommandQuota } from './secrets';

/** `secrets kql …`: the exact KQL and Timespan `secrets …` would send, with the Defender link. Sends nothing to Defender. */
export async function handleKql(context: TurnContext, deps: BotDeps, command: { window: Window; filters: Filters }): Promise<void> {
  // `secrets kql` runs no query, but a name or UPN costs directory calls: those count like a hunting command.
  if (principalQuery(command.filters.principal) !== undefined && !(await takeCommandQuota(context, deps))) return;
  const filters = await resolveFilters(context, deps, command.filters);
  if (filters instanceof AppError) {
    await context.sendActivity(cardActivity(filterErrorCard(filters, deps.now(), 'No query to show')));
    return;
  }
  const { outcome, status, top: _top, principalLabel: _label, ...kqlFilters } = filters;
  const request = buildHuntingRequest(command.window, deps.now(), { filters: kqlFilters, watch: deps.watch });
  const link = defenderHuntingLink(request.query, request.end.getTime() - request.start.getTime(), deps.defenderPortalUrl);
  await context.sendActivity(cardActivity(renderCard('kql', kqlCardData(request, link, describePostFilters(outcome, status)))));
}
