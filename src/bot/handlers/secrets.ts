import { TurnContext } from 'botbuilder';
import { errorCardData } from '../../cards/error-card';
import { renderCard, type AdaptiveCardJson } from '../../cards/render';
import type { Filters } from '../../commands/filters';
import { windowPhrase, type Window } from '../../commands/window';
import { AppError, ErrorCode, toAppError } from '../../errors';
import { principalLabel as labelOf } from '../../directory/principal';
import { listSecrets, type SecretsAsk } from '../../usecases/list-secrets';
import { noDirectoryError, principalQuery, resolutionCardData, resolutionError, resolvePrincipal } from '../../usecases/resolve-principal';
import type { OutgoingCard } from '../../usecases/reply';
import { actorOf, personalChatWith, teamIdOf } from '../actor';
import type { BotDeps } from '../deps';
import { postingRecorder } from '../postings';
import { cardActivity, sendCards } from '../replies';

/**
 * `secrets …`: check the asker's rate, acknowledge at once, run the hunting query after the turn
 * (it may take minutes), then post the cards into the same conversation.
 */
export async function handleSecrets(context: TurnContext, deps: BotDeps, command: { window: Window; filters: Filters; fresh: boolean }): Promise<void> {
  if (!(await takeCommandQuota(context, deps))) return;
  // After the rate limit: a name filter costs directory calls too.
  const filters = await resolveFilters(context, deps, command.filters);
  if (filters instanceof AppError) return sendError(context, deps, filters, 'Nothing was searched');

  const sample = deps.hunter.kind === 'local' ? ' (sample data: SecretWatch is running in local mode)' : '';
  await context.sendActivity({ type: 'typing' });
  await context.sendActivity(`Running the hunting query for secret extractions ${windowPhrase(command.window)}${sample}…`);
  const reference = TurnContext.getConversationReference(context.activity);
  const log = deps.log.child({ conversation: reference.conversation?.id, command: 'secrets' });
  const team = teamIdOf(context.activity);
  const inPersonalChat = personalChatWith(context.activity);
  const ask: SecretsAsk = {
    window: command.window,
    filters,
    fresh: command.fresh,
    conversationId: reference.conversation?.id ?? '',
    ...(inPersonalChat !== undefined && { personalChatWith: inPersonalChat }),
  };

  deps.jobs.run('secrets', async () => {
    const started = Date.now();
    let cards: OutgoingCard[];
    try {
      const result = await listSecrets(deps, ask);
      cards = result.cards;
      log.info('hunting query answered', { source: deps.hunter.kind, extractions: result.extractionCount, skippedRows: result.skippedRows, cached: result.fromCache, ms: Date.now() - started });
    } catch (e) {
      const error = toAppError(e);
      log.warn('hunting query failed', { source: deps.hunter.kind, code: error.code, error, ms: Date.now() - started });
      cards = [{ card: renderCard('error', errorCardData(error, deps.now(), 'The hunting query failed')) }];
    }
    await deps.continueConversation(reference, (ctx) => sendCards(ctx, cards, deps.sendIntervalMs, postingRecorder(deps, team)));
  });
}

/**
 * One hunting command (or one directory-costing name lookup) from the asker's per-minute quota;
 * false after an error card saying when to try again.
 */
export async function takeCommandQuota(context: TurnContext, deps: BotDeps): Promise<boolean> {
  const asker = context.activity.from?.aadObjectId ?? context.activity.from?.id ?? 'unknown';
  const allowed = deps.rateLimiter.take(asker);
  if (allowed.ok) return true;
  const error = new AppError(ErrorCode.RateLimited, 'You are sending hunting commands faster than SecretWatch allows, to protect the tenant\'s Defender quota.', {
    hint: `Try again in ${allowed.retryAfterSeconds} seconds.`,
    retryAfterSeconds: allowed.retryAfterSeconds,
  });
  deps.log.info('command rate-limited', { retryAfterSeconds: allowed.retryAfterSeconds });
  await sendError(context, deps, error, 'Please wait a moment');
  return false;
}

/**
 * `mine` becomes the asker's Entra object id (without one there is no "mine"); a UPN or display
 * name becomes the one principal the directory knows by it, or an error card and no search.
 */
export async function resolveFilters(context: TurnContext, deps: Pick<BotDeps, 'directory' | 'log'>, filters: Filters): Promise<SecretsAsk['filters'] | AppError> {
  let principalId: string | undefined;
  let principalLabel: string | undefined;
  if (filters.principal?.kind === 'id') principalId = filters.principal.id;
  const query = principalQuery(filters.principal);
  if (query !== undefined) {
    if (deps.directory === undefined) return noDirectoryError(query);
    const resolution = await resolvePrincipal(deps.directory, query);
    deps.log.info('principal filter looked up', { by: query.kind, outcome: resolution.kind });
    if (resolution.kind !== 'resolved') return resolutionError(query, resolution);
    principalId = resolution.id;
    principalLabel = labelOf(resolution.principal);
  }
  if (filters.principal?.kind === 'mine') {
    const me = actorOf(context.activity);
    if (me === undefined) {
      return new AppError(ErrorCode.ActorUnknown, 'Teams did not say which Entra account you are, so "mine" cannot be resolved.', {
        hint: 'Sign in to Teams with your work account, or use "by <your object id>".',
      });
    }
    principalId = me.id;
  }
  // Field by field, never by spreading: the chat grammar's names differ from the query's (subscription → subscriptionId).
  return {
    ...(principalId !== undefined && { principalId }),
    ...(principalLabel !== undefined && { principalLabel }),
    ...(filters.subscription !== undefined && { subscriptionId: filters.subscription }),
    ...(filters.service !== undefined && { service: filters.service }),
    ...(filters.outcome !== undefined && { outcome: filters.outcome }),
    ...(filters.status !== undefined && { status: filters.status }),
    ...(filters.top !== undefined && { top: filters.top }),
  };
}

async function sendError(context: TurnContext, deps: BotDeps, error: AppError, title: string): Promise<void> {
  await context.sendActivity(cardActivity(filterErrorCard(error, deps.now(), title)));
}

/** The error card for an ask refused before anything is searched (an ambiguous name lists its choices in full). */
export function filterErrorCard(error: AppError, at: Date, title: string): AdaptiveCardJson {
  return renderCard('error', resolutionCardData(error, at, title));
}
