// The sessionization topology through TopologyTestDriver: sessions by inactivity gap, two sessions merged by a view
// that arrives out of order within the grace, a late view dropped (and counted as such), nothing before a session
// closes (suppress), invalid views, the session store, and the whole sample. And the merger on its own.
import { describe, expect, it } from 'vitest';
import { Serdes } from '@kstreams/core';
import { TopologyTestDriver } from '@kstreams/test-utils';
import { parseSessionKey, sessionKey, type PageView } from '../src/model.js';
import { expectedFinalSessions, sampleStart, sampleViews } from '../src/sample.js';
import { addView, emptySummary, mergeSummaries, viewSummary, type SessionSummary } from '../src/session-summary.js';
import { GRACE_MS, INACTIVITY_GAP_MS, SESSIONS_STORE, sessionizationTopology } from '../src/topology.js';

const topics = { pageViews: 'page-views', output: 'user-sessions' };
/** 2026-01-01T12:00:00Z. */
const T0 = Date.UTC(2026, 0, 1, 12, 0);
const MINUTE = 60_000;
const at = (minutes: number): number => T0 + minutes * MINUTE;
/** How long after its last view a session is final: the gap (it could still grow) plus the grace. */
const CLOSE = INACTIVITY_GAP_MS + GRACE_MS;

function setUp() {
  const driver = new TopologyTestDriver(sessionizationTopology(topics));
  const views = driver.createInputTopic(topics.pageViews, Serdes.nullable(Serdes.string()), Serdes.nullable(Serdes.json<PageView>()));
  const output = driver.createOutputTopic(topics.output, Serdes.string(), Serdes.json<SessionSummary>());
  const view = (timestamp: number, userId: string, page: string): void => views.pipeInput(userId, { userId, page }, { timestamp });
  return { driver, views, output, view };
}

/** The summary a session of these views (page, time) has. */
function summary(userId: string, ...views: Array<[string, number]>): SessionSummary {
  return views.reduce((s, [page, t]) => addView(userId, { userId, page, at: t }, s), emptySummary());
}

describe('sessionization topology', () => {
  it('writes one final session for views within the gap, once it has closed', () => {
    const { driver, output, view } = setUp();
    view(at(0), 'u1', '/home');
    view(at(10), 'u1', '/docs');
    view(at(25), 'u1', '/home');
    view(at(40), 'u1', '/pricing'); // 15 minutes after the last: the same session
    expect(output.isEmpty()).toBe(true);
    view(at(40) + CLOSE, 'u2', '/home'); // stream time 1:12: u1's session (ends 0:40) is closed
    const records = output.readRecordsToList();
    expect(records.map((r) => [r.key, r.value])).toEqual([
      [sessionKey('u1', at(0)), summary('u1', ['/home', at(0)], ['/docs', at(10)], ['/home', at(25)], ['/pricing', at(40)])],
    ]);
    expect(records[0]!.value).toEqual({
      userId: 'u1',
      views: 4,
      firstViewAt: at(0),
      lastViewAt: at(40),
      pages: [
        { page: '/home', firstViewAt: at(0) },
        { page: '/docs', firstViewAt: at(10) },
        { page: '/pricing', firstViewAt: at(40) },
      ],
    });
    expect(records[0]!.timestamp).toBe(at(40)); // a session's result is timestamped with its end
    expect(driver.metrics().droppedRecords.late).toBe(0);
    driver.close();
  });

  it('starts a new session after more than the inactivity gap', () => {
    const { driver, output, view } = setUp();
    view(at(0), 'u1', '/home');
    view(at(5), 'u1', '/docs');
    view(at(5) + INACTIVITY_GAP_MS, 'u1', '/home'); // exactly the gap: still the same session
    view(at(35) + INACTIVITY_GAP_MS + 1, 'u1', '/pricing'); // the gap and a millisecond: a new one
    view(at(65) + 1 + CLOSE, 'u1', '/home'); // closes both (and starts a third, open)
    expect(output.readKeyValuesToList()).toEqual([
      [sessionKey('u1', at(0)), summary('u1', ['/home', at(0)], ['/docs', at(5)], ['/home', at(35)])],
      [sessionKey('u1', at(65) + 1), summary('u1', ['/pricing', at(65) + 1])],
    ]);
    driver.close();
  });

  it('merges two sessions with a view that arrives out of order, within the grace', () => {
    const { driver, output, view } = setUp();
    view(at(2), 'u2', '/home');
    view(at(6), 'u2', '/pricing'); // session 0:02–0:06
    view(at(37), 'u2', '/signup'); // 31 minutes later: a second session. The first one's gap is over, its grace is not
    expect([...driver.getSessionStore<string, SessionSummary>(SESSIONS_STORE)!.fetch('u2')]).toHaveLength(2);
    view(at(20), 'u2', '/docs'); // late, but within 30 minutes of both: one session 0:02–0:37
    view(at(37) + CLOSE, 'u3', '/home');
    expect(output.readKeyValuesToList()).toEqual([
      [
        sessionKey('u2', at(2)),
        {
          userId: 'u2',
          views: 4,
          firstViewAt: at(2),
          lastViewAt: at(37),
          // By first view, not by arrival: /docs came last but was viewed before /signup.
          pages: [
            { page: '/home', firstViewAt: at(2) },
            { page: '/pricing', firstViewAt: at(6) },
            { page: '/docs', firstViewAt: at(20) },
            { page: '/signup', firstViewAt: at(37) },
          ],
        },
      ],
    ]);
    expect(driver.metrics().droppedRecords.late).toBe(0);
    driver.close();
  });

  it('gives the first session as final once its grace is over; a view from before then joins only the open one', () => {
    // The same views, but the second session starts 33 minutes after the first: stream time 0:39 is past the first
    // one's end + gap + grace (0:38), so it is final, and it leaves the store (kept for gap + grace after its end).
    const { driver, output, view } = setUp();
    view(at(2), 'u2', '/home');
    view(at(6), 'u2', '/pricing');
    view(at(39), 'u2', '/signup');
    expect(output.readKeyValuesToList()).toEqual([[sessionKey('u2', at(2)), summary('u2', ['/home', at(2)], ['/pricing', at(6)])]]);
    // Within the gap of both, but the first is gone: the view joins the open session. It is not late (its
    // session, 0:20–0:39, is open), as in Kafka Streams, whose late check looks only at the merged session's end.
    view(at(20), 'u2', '/docs');
    expect(driver.metrics().droppedRecords.late).toBe(0);
    view(at(39) + CLOSE, 'u3', '/home');
    expect(output.readKeyValuesToList()).toEqual([[sessionKey('u2', at(20)), summary('u2', ['/docs', at(20)], ['/signup', at(39)])]]);
    driver.close();
  });

  it('drops a view whose session has closed, and counts it as late', () => {
    const { driver, output, view } = setUp();
    view(at(0), 'u1', '/home');
    view(at(12), 'u1', '/docs');
    view(at(50), 'u1', '/home'); // stream time 0:50: the session 0:00–0:12 closed at 0:44
    expect(output.readKeyValuesToList()).toEqual([[sessionKey('u1', at(0)), summary('u1', ['/home', at(0)], ['/docs', at(12)])]]);
    view(at(11), 'u1', '/pricing'); // late: dropped
    view(at(13), 'u2', '/home'); // another user's session that would have closed: late too
    expect(driver.metrics().droppedRecords.late).toBe(2);
    view(at(50) + CLOSE, 'u3', '/home');
    expect(output.readKeyValuesToList()).toEqual([[sessionKey('u1', at(50)), summary('u1', ['/home', at(50)])]]);
    const store = driver.getSessionStore<string, SessionSummary>(SESSIONS_STORE)!;
    expect([...store.fetch('u2')]).toEqual([]);
    driver.close();
  });

  it('writes nothing before a session closes: its end + gap + grace in stream time', () => {
    const { driver, output, view } = setUp();
    view(at(0), 'u1', '/home');
    view(at(10), 'u1', '/docs');
    // The session's updates are in the store at once; suppress holds them back.
    expect(driver.getSessionStore<string, SessionSummary>(SESSIONS_STORE)!.fetchSession('u1', at(0), at(10))?.views).toBe(2);
    view(at(10) + INACTIVITY_GAP_MS + 1, 'u2', '/home'); // past the gap: u1's session cannot grow, but is within its grace
    view(at(10) + CLOSE - 1, 'u2', '/docs');
    expect(output.isEmpty()).toBe(true);
    view(at(10) + CLOSE, 'u2', '/home'); // stream time = end + gap + grace: closed
    expect(output.readKeyValuesToList()).toEqual([[sessionKey('u1', at(0)), summary('u1', ['/home', at(0)], ['/docs', at(10)])]]);
    expect(output.isEmpty()).toBe(true); // u2's session (open) has no result
    driver.close();
  });

  it('drops records that are not page views keyed by their user', () => {
    const { driver, views, output, view } = setUp();
    views.pipeInput('u1', null, { timestamp: at(0) });
    views.pipeInput('u1', { userId: 'u1' } as PageView, { timestamp: at(1) });
    views.pipeInput(null, { userId: 'u1', page: '/home' }, { timestamp: at(2) });
    views.pipeInput('u2', { userId: 'u1', page: '/home' }, { timestamp: at(3) }); // keyed by another user
    view(at(4), 'u1', '/docs');
    view(at(4) + CLOSE, 'u9', '/home');
    expect(output.readKeyValuesToList()).toEqual([[sessionKey('u1', at(4)), summary('u1', ['/docs', at(4)])]]);
    expect([...driver.getSessionStore<string, SessionSummary>(SESSIONS_STORE)!.fetch('u2')]).toEqual([]);
    driver.close();
  });

  it('keeps the sessions in the session store, the merged ones replaced', () => {
    const { driver, view } = setUp();
    view(at(0), 'u1', '/home');
    view(at(31), 'u1', '/docs'); // a second session
    view(at(31.5), 'u2', '/home'); // stream time 0:31:30: u1's first session is open until 0:32
    const store = driver.getSessionStore<string, SessionSummary>(SESSIONS_STORE)!;
    expect([...store.fetch('u1')].map(([session, s]) => [session.window, s.views])).toEqual([
      [{ start: at(0), end: at(0) }, 1],
      [{ start: at(31), end: at(31) }, 1],
    ]);
    view(at(15), 'u1', '/pricing'); // within the gap of both: one session
    const sessions = [...store.fetch('u1')];
    expect(sessions.map(([session]) => session)).toEqual([{ key: 'u1', window: { start: at(0), end: at(31) } }]);
    expect(sessions[0]![1]).toEqual(summary('u1', ['/home', at(0)], ['/pricing', at(15)], ['/docs', at(31)]));
    expect(store.fetchSession('u1', at(0), at(0))).toBeUndefined();
    expect(store.fetchSession('u1', at(0), at(31))?.views).toBe(3);
    expect([...store.findSessions('u2', at(31.5), at(31.5))].map(([, s]) => s.pages)).toEqual([[{ page: '/home', firstViewAt: at(31.5) }]]);
    driver.close();
  });

  it('needs no repartition topic: the input is already keyed and partitioned by user', () => {
    const description = sessionizationTopology(topics).describe();
    expect(description.subtopologies).toHaveLength(1);
    expect(description.toString()).not.toContain('repartition');
  });

  it('ends the sample with its expected final sessions; the late view is dropped', () => {
    const { driver, output, view } = setUp();
    const views = sampleViews(T0);
    for (const v of views) view(v.at, v.view.userId, v.view.page);
    const records = output.readKeyValuesToList();
    expect(new Set(records.map(([k]) => k)).size).toBe(records.length); // one result per session
    expect(new Map(records)).toEqual(expectedFinalSessions(views));
    expect(Object.fromEntries(records.map(([k, s]) => [k, [s.views, s.pages.map((p) => p.page).join(' ')]]))).toEqual({
      [sessionKey('u1', at(0))]: [4, '/home /docs /pricing'],
      [sessionKey('u3', at(10))]: [2, '/home /pricing'],
      [sessionKey('u2', at(2))]: [4, '/home /pricing /docs /signup'],
      [sessionKey('u1', at(50))]: [2, '/home /blog'],
    });
    expect(driver.metrics().droppedRecords.late).toBe(views.filter((v) => v.late).length);
    expect(driver.metrics().droppedRecords.late).toBe(1);
    driver.close();
  });
});

describe('the session summary', () => {
  const a = summary('u1', ['/home', at(0)], ['/docs', at(4)], ['/home', at(9)]);
  const b = summary('u1', ['/pricing', at(40)], ['/docs', at(41)]);

  it('merges two sessions whatever their order', () => {
    const merged = mergeSummaries('u1', a, b);
    expect(merged).toEqual({
      userId: 'u1',
      views: 5,
      firstViewAt: at(0),
      lastViewAt: at(41),
      pages: [
        { page: '/home', firstViewAt: at(0) },
        { page: '/docs', firstViewAt: at(4) }, // seen in both: its first view counts
        { page: '/pricing', firstViewAt: at(40) },
      ],
    });
    expect(mergeSummaries('u1', b, a)).toEqual(merged);
    expect(mergeSummaries('u1', emptySummary(), a)).toEqual(a); // the initializer changes nothing
    expect(mergeSummaries('u1', a, emptySummary())).toEqual(a);
  });

  it('is the same for the same views, in any order of arrival and merging', () => {
    const views: Array<[string, number]> = [['/home', at(0)], ['/docs', at(4)], ['/home', at(9)], ['/pricing', at(40)], ['/docs', at(41)]];
    const expected = mergeSummaries('u1', a, b);
    expect(summary('u1', ...[...views].reverse())).toEqual(expected);
    expect(summary('u1', views[3]!, views[0]!, views[4]!, views[2]!, views[1]!)).toEqual(expected);
    const pieces = views.map(([page, t]) => viewSummary({ userId: 'u1', page, at: t }));
    const leftFold = pieces.reduce((x, y) => mergeSummaries('u1', x, y));
    const rightFold = pieces.reduceRight((x, y) => mergeSummaries('u1', y, x));
    expect(leftFold).toEqual(expected);
    expect(rightFold).toEqual(expected);
  });

  it('orders pages first viewed at the same time by page', () => {
    const x = summary('u1', ['/b', at(0)]);
    const y = summary('u1', ['/a', at(0)]);
    expect(mergeSummaries('u1', x, y).pages.map((p) => p.page)).toEqual(['/a', '/b']);
    expect(mergeSummaries('u1', y, x)).toEqual(mergeSummaries('u1', x, y));
  });
});

describe('the sample and the keys', () => {
  it('starts on a whole minute, 95 to 96 minutes ago, and stays in the past', () => {
    const now = Date.UTC(2026, 0, 1, 12, 34, 56);
    expect(sampleStart(now)).toBe(Date.UTC(2026, 0, 1, 10, 59));
    const latest = Math.max(...sampleViews(sampleStart(now)).map((v) => v.at));
    expect(latest).toBeLessThan(now);
    expect(now - latest).toBeGreaterThanOrEqual(5 * MINUTE);
  });

  it('round-trips userId@sessionStart, also for a user id with an @', () => {
    expect(sessionKey('u1', at(0))).toBe(`u1@${Date.UTC(2026, 0, 1, 12, 0)}`);
    expect(parseSessionKey(sessionKey('ann@example.com', at(3)))).toEqual({ userId: 'ann@example.com', sessionStart: at(3) });
  });
});
