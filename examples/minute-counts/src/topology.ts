// Page views per page and minute:
//   page-views (key: user id, value: {"userId","page"} JSON)
//     → re-grouped by page (a repartition topic, so each page is counted by one task)
//     → windowed by event time: 1-minute tumbling windows, 10 s grace
//     → counted in the window store `page-views-per-minute` (with a changelog topic)
//     → every changed count, as `page@windowStart` → `<count>` (both UTF-8 strings) on the output topic.
// A view that arrives out of order still counts as long as its window is open: until stream time (the largest
// timestamp the task has seen) passes the window's end + 10 s. After that it is late: dropped, and counted in
// the task's `droppedRecords.late` metric.
import { Serdes, StreamsBuilder, TimeWindows, type Topology } from '@kstreams/core';
import { isPageView, minuteKey, type PageView } from './model.js';

export interface MinuteCountTopics {
  readonly pageViews: string;
  readonly output: string;
}

export const WINDOW_SIZE_MS = 60_000;
export const GRACE_MS = 10_000;
/** The window store (changelog `<applicationId>-page-views-per-minute-changelog`). */
export const MINUTE_COUNTS_STORE = 'page-views-per-minute';

export function minuteCountsTopology(topics: MinuteCountTopics): Topology {
  const b = new StreamsBuilder();
  b.stream(topics.pageViews, { keySerde: Serdes.nullable(Serdes.string()), valueSerde: Serdes.nullable(Serdes.json<PageView>()) })
    .filter((_userId, view) => isPageView(view), { name: 'valid-views' })
    .groupBy((_userId, view) => view!.page, { keySerde: Serdes.string(), valueSerde: Serdes.json<PageView>(), name: 'pages' })
    .windowedBy(TimeWindows.ofSizeAndGrace(WINDOW_SIZE_MS, GRACE_MS))
    .count({ materialized: { storeName: MINUTE_COUNTS_STORE } })
    .toStream()
    .selectKey((windowed) => minuteKey(windowed.key, windowed.window.start), { name: 'page-at-minute' })
    .mapValues((count) => String(count), { name: 'count-as-text' })
    .to(topics.output, { keySerde: Serdes.string(), valueSerde: Serdes.string() });
  return b.build();
}
