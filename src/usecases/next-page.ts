import { pagerCardData } from '../cards/pager-card';
import { renderCard } from '../cards/render';
import type { DecisionStore } from '../decisions/store';
import { pageCards } from './list-secrets';
import type { OutgoingCard } from './reply';

export type NextPageOutcome =
  | { readonly kind: 'page'; readonly cards: OutgoingCard[]; readonly pagerNow: OutgoingCard }
  | { readonly kind: 'expired' }
  | { readonly kind: 'out-of-range' };

/** "Show next N": the requested page of a stored result, plus the clicked pager without its button. */
export async function nextPage(deps: { store: DecisionStore; pageSize: number }, resultId: string, page: number): Promise<NextPageOutcome> {
  const set = await deps.store.resultSet(resultId);
  if (set === undefined) return { kind: 'expired' };
  const total = set.extractionIds.length;
  const pages = Math.ceil(total / deps.pageSize);
  if (page < 2 || page > pages) return { kind: 'out-of-range' };
  const ids = set.extractionIds.slice((page - 1) * deps.pageSize, page * deps.pageSize);
  const cards = await pageCards(deps, ids, set.sample);
  const pager = page < pages ? [{ card: renderCard('pager', pagerCardData(resultId, page, deps.pageSize, total)) }] : [];
  // The clicked pager loses its button so the same page is not posted twice by one person's double click.
  const previous = pagerCardData(resultId, page - 1, deps.pageSize, total);
  const pagerNow = { card: renderCard('pager', { ...previous, hasMore: false, shownText: `${previous.shownText} The next ones are below.` }) };
  return { kind: 'page', cards: [...cards, ...pager], pagerNow };
}
