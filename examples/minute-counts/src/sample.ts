// A small sample of page views over three minutes, in the order they arrive, with their event times. Some arrive
// out of order but within the grace; one arrives too late. Written in two phases: the second (a view 1.5 minutes
// later, then the late one) only once the first phase's counts are out, so that stream time moves past the first
// minute's grace only when every on-time view of it has been counted, however the input partitions interleave.
import { WINDOW_SIZE_MS } from './topology.js';
import { minuteKey, type PageView } from './model.js';

export interface SampleView {
  /** Event time (epoch ms): the record's timestamp. */
  readonly at: number;
  readonly view: PageView;
  /** Arrives after its window closed (its window's end + grace): dropped. */
  readonly late?: true;
}

/** The start of the sample's first minute: a whole minute, 5 to 6 minutes before `now`. */
export function sampleStart(now: number = Date.now()): number {
  return Math.floor((now - 5 * WINDOW_SIZE_MS) / WINDOW_SIZE_MS) * WINDOW_SIZE_MS;
}

/**
 * The two phases of the sample, from `t0` (a whole minute, default `sampleStart()`). Timestamps are recent on
 * purpose: a broker deletes records older than the topics' retention (7 days by default), and rejects timestamps
 * more than an hour ahead.
 */
export function samplePhases(t0: number = sampleStart()): SampleView[][] {
  const at = (m: number, s: number): number => t0 + m * WINDOW_SIZE_MS + s * 1000;
  const v = (m: number, s: number, userId: string, page: string, late?: true): SampleView => ({
    at: at(m, s),
    view: { userId, page },
    ...(late ? { late } : {}),
  });
  return [
    [
      v(0, 5, 'u1', '/home'),
      v(0, 12, 'u2', '/pricing'),
      v(0, 20, 'u3', '/home'),
      v(0, 41, 'u1', '/docs'),
      v(0, 55, 'u2', '/home'),
      v(1, 2, 'u3', '/home'), // the second minute starts
      v(0, 58, 'u3', '/home'), // out of order: the first minute is open until 1:10 (its end + 10 s grace)
      v(1, 5, 'u1', '/pricing'),
      v(0, 59, 'u2', '/docs'), // out of order, within the grace too
    ],
    [
      v(2, 30, 'u1', '/home'), // stream time 2:30: the first two minutes are closed
      v(0, 45, 'u1', '/home', true), // late: dropped (and counted in droppedRecords.late)
      v(2, 35, 'u1', '/home'), // after the late one (same user and page, so after it on every topic)
    ],
  ];
}

/** The count per `page@windowStart` once `views` are processed (late ones do not count). */
export function expectedCounts(views: readonly SampleView[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { at, view, late } of views) {
    if (late) continue;
    const key = minuteKey(view.page, at - (at % WINDOW_SIZE_MS));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
