// A sample of page views by three users over an hour and a half, in the order they arrive, with their event
// times. It shows what session windows do:
// - u1 has two sessions: its views 38 minutes apart are more than the 30-minute gap;
// - u2 has two sessions, 31 minutes apart, until a view from between them arrives late (after the second one) but
//   while the first one is still open (its end + gap + grace): it is within the gap of both and merges them;
// - a view of u1 that arrives after its session closed is dropped (late).
// Each user's last view starts a session that stays open: nothing in the sample comes 32 minutes after it, so it
// has no final result yet. Each user's records go to one partition (the key is the user id) in the order written,
// so the sample shows the same whatever partitions the users land on: every record is written after the records
// with earlier times, except the two out-of-order ones, and the views that close a user's sessions are its own.
import { sessionKey, type PageView } from './model.js';
import { addView, emptySummary, type SessionSummary } from './session-summary.js';
import { GRACE_MS, INACTIVITY_GAP_MS } from './topology.js';

const MINUTE = 60_000;

export interface SampleView {
  /** Event time (epoch ms): the record's timestamp. */
  readonly at: number;
  readonly view: PageView;
  /** Arrives after the session it belongs to closed: dropped. */
  readonly late?: true;
  /** Arrives out of order, within the gap of two sessions of its user: merges them. */
  readonly merges?: true;
}

/** The start of the sample: a whole minute, 95 to 96 minutes before `now`, so that its last view is 5 minutes old. */
export function sampleStart(now: number = Date.now()): number {
  return Math.floor((now - 95 * MINUTE) / MINUTE) * MINUTE;
}

/**
 * The sample's views from `t0` (default `sampleStart()`), in the order they are written. Timestamps are recent on
 * purpose: a broker deletes records older than the topics' retention (the session store's changelog keeps them by
 * record time for a day), and rejects timestamps more than an hour ahead.
 */
export function sampleViews(t0: number = sampleStart()): SampleView[] {
  const v = (minute: number, userId: string, page: string, flag?: { late?: true; merges?: true }): SampleView => ({
    at: t0 + minute * MINUTE,
    view: { userId, page },
    ...flag,
  });
  return [
    v(0, 'u1', '/home'),
    v(2, 'u2', '/home'),
    v(4, 'u1', '/docs'),
    v(6, 'u2', '/pricing'), // u2's first session: 0:02–0:06
    v(9, 'u1', '/pricing'),
    v(10, 'u3', '/home'),
    v(12, 'u1', '/docs'), // u1's first session: 0:00–0:12, 4 views, 3 pages
    v(14, 'u3', '/pricing'), // u3's session: 0:10–0:14
    v(37, 'u2', '/signup'), // 31 minutes after 0:06: a new session. The first one is past its gap, not its grace (0:38)
    v(20, 'u2', '/docs', { merges: true }), // within 30 minutes of both: one session 0:02–0:37, 4 views
    v(50, 'u1', '/home'), // 38 minutes after 0:12: u1's second session. Stream time 0:50: the first one is closed (0:44)
    v(11, 'u1', '/pricing', { late: true }), // its session closed at 0:44: dropped
    v(53, 'u1', '/blog'), // u1's second session: 0:50–0:53
    v(65, 'u3', '/home'), // u3's session is closed (0:46): its final result; a new one starts (open)
    v(75, 'u2', '/home'), // closes u2's merged session (0:37 + 32 min = 1:09); a new one starts (open)
    v(90, 'u1', '/home'), // closes u1's second session (0:53 + 32 min = 1:25); a new one starts (open)
  ];
}

/**
 * The final sessions the sample gives, by key (`userId@sessionStart`), worked out without the topology: per user,
 * the views that are not late, in time order, cut where two are more than the gap apart; every session but the
 * user's last, which stays open (no view comes a gap plus grace after it).
 */
export function expectedFinalSessions(views: readonly SampleView[]): Map<string, SessionSummary> {
  const byUser = new Map<string, SampleView[]>();
  for (const v of views) if (!v.late) byUser.set(v.view.userId, [...(byUser.get(v.view.userId) ?? []), v]);
  const sessions = new Map<string, SessionSummary>();
  for (const [userId, own] of byUser) {
    own.sort((a, b) => a.at - b.at);
    let current = emptySummary();
    const closed: SessionSummary[] = [];
    for (const { at, view } of own) {
      if (current.views > 0 && at - current.lastViewAt > INACTIVITY_GAP_MS) {
        closed.push(current);
        current = emptySummary();
      }
      current = addView(userId, { ...view, at }, current);
    }
    const last = own[own.length - 1]!.at;
    for (const s of closed) if (s.lastViewAt + INACTIVITY_GAP_MS + GRACE_MS <= last) sessions.set(sessionKey(userId, s.firstViewAt), s);
  }
  return sessions;
}
