import type { PagerCardData } from './view-models';

/** The card after a page of extraction cards: where we are, and a button for the next page. */
export function pagerCardData(resultId: string, page: number, pageSize: number, total: number): PagerCardData {
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(page * pageSize, total);
  const remaining = total - last;
  return {
    resultId,
    nextPage: page + 1,
    shownText: `Showing ${first}–${last} of ${total}.`,
    hasMore: remaining > 0,
    nextLabel: `Show next ${Math.min(pageSize, remaining)}`,
  };
}
