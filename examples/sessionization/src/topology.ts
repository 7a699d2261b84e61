// Page views into sessions per user, final results only:
//   page-views (key: user id, value: {"userId","page"} JSON; the record's timestamp is the view's time)
//     → invalid views dropped; each view stamped with its time (the aggregation's functions do not see timestamps)
//     → grouped by the key, the user id (no repartition: the input is already partitioned by user)
//     → session windows: a user's views no more than 30 minutes apart form one session; 2 minutes of grace
//     → aggregated into a SessionSummary in the session store `page-view-sessions` (with a changelog topic)
//     → suppressed until the session closes (stream time past its end + gap + grace), so each session is written
//       once, with its final summary
//     → `userId@sessionStart` → the summary as JSON, on the output topic.
// A view that falls between two sessions, within the gap of both, merges them into one (the merger), as long as
// the earlier one is still open. A view whose session has closed is late: dropped, and counted in the task's
// `droppedRecords.late` metric.
import {
  BufferConfig,
  Serdes,
  SessionWindows,
  StreamsBuilder,
  Suppressed,
  type FixedKeyProcessorContext,
  type Topology,
} from '@kstreams/core';
import { isValidView, sessionKey, type PageView, type TimedPageView } from './model.js';
import { addView, emptySummary, mergeSummaries, type SessionSummary } from './session-summary.js';

export interface SessionizationTopics {
  readonly pageViews: string;
  readonly output: string;
}

export const INACTIVITY_GAP_MS = 30 * 60_000;
export const GRACE_MS = 2 * 60_000;
/** The session store (changelog `<applicationId>-page-view-sessions-changelog`). */
export const SESSIONS_STORE = 'page-view-sessions';
/** The suppress processor; its buffer is the store `final-sessions-store` (changelog `<applicationId>-final-sessions-store-changelog`). */
export const FINAL_SESSIONS = 'final-sessions';

export function sessionizationTopology(topics: SessionizationTopics): Topology {
  const b = new StreamsBuilder();
  b.stream(topics.pageViews, { keySerde: Serdes.nullable(Serdes.string()), valueSerde: Serdes.nullable(Serdes.json<PageView>()) })
    // Keeps page views keyed by their user id: from here on the key is a string and the value a page view.
    .filter((userId, view): userId is string => isValidView(userId, view), { name: 'valid-views' })
    .processValues<TimedPageView>(
      () => {
        let ctx: FixedKeyProcessorContext<string, TimedPageView>;
        return {
          init: (c) => (ctx = c),
          process: (r) => ctx.forward(r.withValue({ userId: r.key, page: r.value!.page, at: r.timestamp })),
        };
      },
      { name: 'view-time' },
    )
    .groupByKey({ keySerde: Serdes.string(), valueSerde: Serdes.json<TimedPageView>() })
    .windowedBy(SessionWindows.ofInactivityGapAndGrace(INACTIVITY_GAP_MS, GRACE_MS))
    .aggregate(emptySummary, addView, mergeSummaries, {
      name: 'sessions',
      materialized: { storeName: SESSIONS_STORE, valueSerde: Serdes.json<SessionSummary>() },
    })
    .suppress(Suppressed.withName(Suppressed.untilWindowCloses(BufferConfig.unbounded()), FINAL_SESSIONS))
    .toStream({ name: 'final-sessions-out' })
    // A string key rather than Kafka Streams' binary session key (WindowedSerdes.sessionWindowedSerdeFrom:
    // [user id][end, int64][start, int64]): any consumer, kafka-console-consumer included, reads `u1@1767268800000`
    // as it is, and it still names the session uniquely. The value carries the session's bounds as well. The binary
    // key is the better choice only when the consumer is another Kafka Streams (or kstreams) application.
    .selectKey((session) => sessionKey(session.key, session.window.start), { name: 'user-at-session-start' })
    // untilWindowCloses never emits a tombstone (a session merged away is not a final result), so no value is null;
    // the nullable serde is for the type of toStream(), which allows deletions.
    .to(topics.output, { keySerde: Serdes.string(), valueSerde: Serdes.nullable(Serdes.json<SessionSummary>()) });
  return b.build();
}
