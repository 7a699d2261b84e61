// A session's summary, the aggregate of the session window: how many views, which pages in the order they were
// first viewed, and the first and last view's time. A view is a summary of one; adding a view and merging two
// sessions are the same operation (`mergeSummaries`), which is commutative and associative: the summary depends
// only on the session's views, not on the order they arrived in or on which sessions merged on the way.
import type { TimedPageView } from './model.js';

/** A page of a session and the time of its first view there (epoch ms). */
export interface PageFirstView {
  readonly page: string;
  readonly firstViewAt: number;
}

export interface SessionSummary {
  readonly userId: string;
  readonly views: number;
  /** The first and last view's time (epoch ms): the session window's start and end. */
  readonly firstViewAt: number;
  readonly lastViewAt: number;
  /** The distinct pages in the order of their first view (by view time; the same time: by page). */
  readonly pages: readonly PageFirstView[];
}

/** The summary of no view: the aggregation's initializer. Merging with it changes nothing. */
export function emptySummary(): SessionSummary {
  return { userId: '', views: 0, firstViewAt: 0, lastViewAt: 0, pages: [] };
}

/** The summary of one view. */
export function viewSummary(view: TimedPageView): SessionSummary {
  return { userId: view.userId, views: 1, firstViewAt: view.at, lastViewAt: view.at, pages: [{ page: view.page, firstViewAt: view.at }] };
}

/** The aggregator: `summary` with one more view. */
export function addView(userId: string, view: TimedPageView, summary: SessionSummary): SessionSummary {
  return mergeSummaries(userId, summary, viewSummary(view));
}

/**
 * The merger: the summary of two sessions' views together. Counts add up; the first and last view are the earlier
 * and the later one; a page seen in both keeps its earlier first view, and the pages are ordered by it. So
 * `mergeSummaries(u, a, b)` equals `mergeSummaries(u, b, a)`: the arguments' order (the store's order of the
 * sessions) does not decide the pages' order, their view times do.
 */
export function mergeSummaries(userId: string, a: SessionSummary, b: SessionSummary): SessionSummary {
  if (b.views === 0) return a.views === 0 ? a : { ...a, userId };
  if (a.views === 0) return { ...b, userId };
  const firstViews = new Map<string, number>();
  for (const { page, firstViewAt } of [...a.pages, ...b.pages]) {
    const known = firstViews.get(page);
    if (known === undefined || firstViewAt < known) firstViews.set(page, firstViewAt);
  }
  const pages = [...firstViews].map(([page, firstViewAt]) => ({ page, firstViewAt }));
  pages.sort((x, y) => x.firstViewAt - y.firstViewAt || (x.page < y.page ? -1 : x.page > y.page ? 1 : 0));
  return {
    userId,
    views: a.views + b.views,
    firstViewAt: Math.min(a.firstViewAt, b.firstViewAt),
    lastViewAt: Math.max(a.lastViewAt, b.lastViewAt),
    pages,
  };
}
