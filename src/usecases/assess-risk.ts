import { AppError, toAppError } from '../errors';
import { toExtractions, type Extraction } from '../hunting/extraction';
import type { Hunter } from '../hunting/hunter';
import { buildHuntingRequest, type WatchList } from '../hunting/query';
import { parseHuntingResponse } from '../hunting/rows';
import { assessRisk } from '../risk/assess';
import { LOOKBACK_DAYS, type RiskSettings } from '../risk/settings';
import type { Logger } from '../log';

export interface RiskDeps {
  readonly hunter: Hunter;
  readonly watch: WatchList;
  readonly risk: RiskSettings;
  readonly log?: Logger;
}

/** The 30-day history behind the risk signals: started alongside the reply's own query. */
export interface PendingHistory {
  readonly start: Date;
  readonly answer: Promise<{ ok: true; extractions: Extraction[] } | { ok: false; error: AppError }>;
}

/**
 * One extra hunting query per reply at most: the last 30 days of the same operations, no filters.
 * It goes through the same quota guard, so it is shared with an identical ask (`secrets last 30d`
 * costs one query, not two), served from the result cache when fresh enough, and joins a call in
 * flight. It never fails the reply: without it, only the signals that need no history are raised.
 */
export function startHistory(deps: RiskDeps, now: Date): PendingHistory {
  const request = buildHuntingRequest({ kind: 'relative', amount: LOOKBACK_DAYS, unit: 'd' }, now, { watch: deps.watch });
  const answer = deps.hunter.hunt(request, { fresh: false }).then(
    (a) => ({ ok: true as const, extractions: toExtractions(parseHuntingResponse(a.body).rows) }),
    (e: unknown) => ({ ok: false as const, error: toAppError(e) }),
  );
  return { start: request.start, answer };
}

export interface Assessed {
  readonly extractions: Extraction[];
  /** Set when the history could not be read: the summary says which signals are missing. */
  readonly historyProblem?: AppError;
}

/** Attaches signals to the reply's extractions (history ∪ reply, per principal, in time order). */
export async function withSignals(deps: RiskDeps, extractions: readonly Extraction[], pending: PendingHistory): Promise<Assessed> {
  // Nothing to judge: the empty answer need not wait for the history (it still lands in the cache for the next ask).
  if (extractions.length === 0) return { extractions: [] };
  const history = await pending.answer;
  if (!history.ok) deps.log?.warn('risk history unavailable: signals without a baseline', { code: history.error.code });
  const signals = assessRisk({
    extractions,
    ...(history.ok && { history: { extractions: history.extractions, start: pending.start } }),
    settings: deps.risk,
  });
  return {
    extractions: extractions.map((e) => {
      // The history the verdict saw is remembered, so a later listing that saw less cannot overrule it (earlier-judgements).
      const { riskHistoryStart: _previous, ...rest } = e;
      return { ...rest, signals: signals.get(e.id) ?? [], ...(history.ok && { riskHistoryStart: pending.start.toISOString() }) };
    }),
    ...(!history.ok && { historyProblem: history.error }),
  };
}
