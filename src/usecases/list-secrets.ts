import { randomUUID } from 'node:crypto';
import { errorCardData } from '../cards/error-card';
import { extractionCardData } from '../cards/extraction-card';
import { AppError, ErrorCode } from '../errors';
import { pagerCardData } from '../cards/pager-card';
import { renderCard } from '../cards/render';
import { emptyCardData, summaryCardData } from '../cards/summary-card';
import type { Filters } from '../commands/filters';
import type { Window } from '../commands/window';
import type { DecisionStore } from '../decisions/store';
import { defenderHuntingLink } from '../hunting/deep-link';
import { toExtractions, type Extraction } from '../hunting/extraction';
import type { Directory } from '../directory/principal';
import type { Hunter } from '../hunting/hunter';
import { buildHuntingRequest, type HuntingFilters, type WatchList } from '../hunting/query';
import { parseHuntingResponse } from '../hunting/rows';
import { riskyFirst } from '../risk/order';
import type { RiskSettings } from '../risk/settings';
import type { RiskSignal } from '../risk/signal';
import { startHistory, withSignals } from './assess-risk';
import { describeFilters } from './describe-filters';
import { principalLabel } from '../directory/principal';
import { keepBetterSignals, keepKnownNames, readEarlier } from './earlier-judgements';
import { withNames } from './name-principals';
import { refreshUserIds } from './refresh';
import type { OutgoingCard } from './reply';
import type { Logger } from '../log';

export interface SecretsDeps {
  readonly hunter: Hunter;
  readonly store: DecisionStore;
  readonly pageSize: number;
  readonly now: () => Date;
  readonly watch: WatchList;
  readonly defenderPortalUrl: string;
  /** Names for principal ids (Graph, or the local directory file); absent: ids only. */
  readonly directory?: Directory;
  /** Analysts listed by object id in ANALYSTS: their Teams ids (where seen) get per-viewer refreshes. */
  readonly listedAnalysts?: ReadonlySet<string>;
  /** Thresholds of the risk rules (business hours, failure runs, bursts). */
  readonly risk: RiskSettings;
  readonly log?: Logger;
}

/** A `secrets …` ask with `mine` already resolved to the asker's object id by the edge. */
export interface SecretsAsk {
  readonly window: Window;
  /** `principalLabel`: how the principal was named when the filter was given by name or UPN, for the summary ("Adele Vance (adele.vance@contoso.com)"). */
  readonly filters: HuntingFilters & Pick<Filters, 'outcome' | 'status' | 'top'> & { readonly principalLabel?: string };
  readonly fresh: boolean;
  readonly conversationId: string;
  /** In a personal chat, the object id of the person in it (see ExtractionCardOptions). */
  readonly personalChatWith?: string;
}

export interface SecretsResult {
  readonly cards: OutgoingCard[];
  readonly extractionCount: number;
  readonly skippedRows: number;
  readonly fromCache: boolean;
}

/**
 * `secrets …`: runs the hunting query and answers with a summary card, the first page of
 * extraction cards (current decision state from the store) and a pager when there is more.
 * Outcome and status filters apply after Started/completed pairing. Hunting failures throw
 * AppError; the caller turns them into an error card.
 */
export async function listSecrets(deps: SecretsDeps, ask: SecretsAsk): Promise<SecretsResult> {
  const now = deps.now();
  // principalLabel only names the filter on the summary; it must not reach the query (nor its cache key).
  const { outcome, status, top, principalLabel: _label, ...kqlFilters } = ask.filters;
  const request = buildHuntingRequest(ask.window, now, { filters: kqlFilters, watch: deps.watch });
  const asked = deps.hunter.hunt(request, { fresh: ask.fresh });
  // Started second so that an identical ask (`secrets last 30d`) joins the call above instead of making its own.
  const history = startHistory(deps, now);
  const answer = await asked;
  const { rows, skipped } = parseHuntingResponse(answer.body);
  const { extractions: named, namesFailed } = await withNames(deps.directory, toExtractions(rows));
  // Each listing rewrites the stored extractions: what an earlier, better-informed listing found is kept.
  const earlier = await readEarlier(deps.store, named.map((e) => e.id));
  const assessed = await withSignals(deps, named.map((e) => keepKnownNames(e, earlier.get(e.id))), history);
  const { historyProblem } = assessed;
  const all = assessed.extractions.map((e) => keepBetterSignals(e, earlier.get(e.id)));
  await deps.store.recordSeen(all, now);
  const filtered = await applyPostFilters(deps.store, all, outcome, status);
  // Risky first; then newest first, except a work queue (`secrets pending`), which reads oldest first.
  const extractions = riskyFirst(status === 'pending' ? [...filtered].reverse() : filtered, signalsById(filtered));
  const sample = deps.hunter.kind === 'local';
  const pageSize = top ?? deps.pageSize;
  const defenderUrl = defenderHuntingLink(request.query, request.end.getTime() - request.start.getTime(), deps.defenderPortalUrl);
  const header = { windowLabel: request.label, windowPhrase: request.phrase, start: request.start, end: request.end, sample, defenderUrl };
  const result = { extractionCount: extractions.length, skippedRows: skipped, fromCache: answer.fromCache };

  if (extractions.length === 0) {
    // Nothing to take a name from: ask the directory (one cached lookup), so "by <id>" and "mine" still read as a name.
    const filters = await withPrincipalName(ask.filters, all, namesFailed ? undefined : deps.directory);
    return { ...result, cards: [{ card: renderCard('empty', emptyCardData({ ...header, filterNote: describeFilters(filters) })) }] };
  }
  const summary = renderCard(
    'summary',
    summaryCardData({
      ...header,
      extractions,
      pageSize,
      skippedRows: skipped,
      namesFailed,
      ...(historyProblem !== undefined && { historyProblem }),
      filterNote: describeFilters(await withPrincipalName(ask.filters, all)),
      oldestFirst: status === 'pending',
      fetchedAt: answer.fetchedAt,
      now,
    }),
  );
  const resultId = randomUUID();
  if (extractions.length > pageSize) {
    await deps.store.saveResultSet({
      id: resultId,
      createdAt: now,
      label: request.label,
      sample,
      conversationId: ask.conversationId,
      pageSize,
      extractionIds: extractions.map((e) => e.id),
    });
  }
  const page = await pageCards(deps, extractions.slice(0, pageSize).map((e) => e.id), sample, ask.personalChatWith);
  const pager = extractions.length > pageSize ? [{ card: renderCard('pager', pagerCardData(resultId, 1, pageSize, extractions.length)) }] : [];
  return { ...result, cards: [{ card: summary }, ...page, ...pager] };
}

/**
 * `by <object id>` and `mine` name the principal on the summary too: from the answer's own
 * directory lookup, else (given a directory) from one more lookup; a failed one leaves the id.
 */
async function withPrincipalName(filters: SecretsAsk['filters'], extractions: readonly Extraction[], directory?: Directory): Promise<SecretsAsk['filters']> {
  if (filters.principalLabel !== undefined || filters.principalId === undefined) return filters;
  const id = filters.principalId.toLowerCase();
  let info = extractions.find((e) => e.principalId?.toLowerCase() === id && e.principalInfo !== undefined)?.principalInfo;
  if (info === undefined && directory !== undefined) info = (await directory.resolve([filters.principalId])).principals.get(id);
  return info === undefined ? filters : { ...filters, principalLabel: principalLabel(info) };
}

function signalsById(extractions: readonly Extraction[]): Map<string, readonly RiskSignal[]> {
  return new Map(extractions.map((e) => [e.id, e.signals ?? []]));
}

async function applyPostFilters(
  store: DecisionStore,
  extractions: readonly Extraction[],
  outcome: Filters['outcome'],
  status: Filters['status'],
): Promise<Extraction[]> {
  let out = outcome === undefined ? [...extractions] : extractions.filter((e) => (outcome === 'ok' ? e.outcome === 'succeeded' : e.outcome === 'forbidden' || e.outcome === 'failed'));
  if (status !== undefined) {
    const states = await store.states(out.map((e) => e.id));
    out = out.filter((e) => states.get(e.id)?.status === status);
  }
  return out;
}

/** Extraction cards for the given ids, in that order, with their current decision state. */
export async function pageCards(deps: Pick<SecretsDeps, 'store' | 'listedAnalysts'>, ids: readonly string[], sample: boolean, personalChatWith?: string): Promise<OutgoingCard[]> {
  const states = await deps.store.states(ids);
  const refresh = await refreshUserIds(deps.store, deps.listedAnalysts ?? new Set(), [...states.values()].map((s) => s.extraction));
  return ids.flatMap((id) => {
    const state = states.get(id);
    if (state === undefined) return [];
    try {
      return [{ card: renderCard('extraction', extractionCardData(state, { sample, refreshUserIds: refresh.get(id) ?? [], ...(personalChatWith !== undefined && { personalChatWith }) })), extractionId: id }];
    } catch (e) {
      // One unrenderable row must never hide the others (an attacker could plant one to blind the watch).
      const error = new AppError(ErrorCode.Internal, `Extraction ${id} could not be shown on a card.`, {
        hint: 'Open the summary\'s "Open in Defender" link to see every row. Tell your SecretWatch administrator.',
        cause: e,
      });
      return [{ card: renderCard('error', errorCardData(error, state.extraction.time, 'One extraction could not be shown')) }];
    }
  });
}

export type { Extraction };
