import { pagerCardData } from '../cards/pager-card';
import { renderCard } from '../cards/render';
import type { DecisionStore } from '../decisions/store';
import { pageCards } from './list-secrets';
import type { OutgoingCard } from './reply';

export type NextPageOutcome =
  | { readonly kind: 'page'; readonly cards: OutgoingCard[]; readonly pagerNow: OutgoingCard }
  | { readonly kind: 'expired' }
  | { readonly kind: 'out-of-range' }
  | { readonly kind: 'already-shown'; readonly pagerNow: OutgoingCard };

/**
 * "Show next N": the requested page of a stored result, plus the clicked pager without its button.
 * A page is posted once, in the conversation the result belongs to: replays and second clicks by
 * other members get the pager back, not the page again.
 */
export async function nextPage(
  deps: { store: DecisionStore; now: () => Date; listedAnalysts?: ReadonlySet<string> },
  resultId: string,
  page: number,
  conversationId: string,
  personalChatWith?: string,
): Promise<NextPageOutcome> {
  const set = await deps.store.resultSet(resultId, conversationId, deps.now());
  if (set === undefined) return { kind: 'expired' };
  const total = set.extractionIds.length;
  const pages = Math.ceil(total / set.pageSize);
  if (page < 2 || page > pages) return { kind: 'out-of-range' };
  const previous = pagerCardData(resultId, page - 1, set.pageSize, total);
  const pagerNow = { card: renderCard('pager', { ...previous, hasMore: false, shownText: `${previous.shownText} The next ones are below.` }) };
  if (!(await deps.store.claimPage(resultId, page))) return { kind: 'already-shown', pagerNow };
  const ids = set.extractionIds.slice((page - 1) * set.pageSize, page * set.pageSize);
  const cards = await pageCards(deps, ids, set.sample, personalChatWith);
  const pager = page < pages ? [{ card: renderCard('pager', pagerCardData(resultId, page, set.pageSize, total)) }] : [];
  return { kind: 'page', cards: [...cards, ...pager], pagerNow };
}
