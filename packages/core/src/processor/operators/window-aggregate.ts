// A windowed aggregation (windowedBy(...).count / reduce / aggregate): one aggregate per key and window.
import type { Window } from '../../state/window/windowed.js';
import { Windowed } from '../../state/window/windowed.js';
import { ValueAndTimestamp } from '../../state/value-and-timestamp.js';
import type { TimestampedWindowStore } from '../../state/window/window-store.js';
import type { ProcessorSupplier } from '../processor.js';
import type { ProcessorContext } from '../processor-context.js';
import { dropLateRecord, logSkippedRecord } from './skipped-record.js';
import type { Change } from './table/change.js';
import { timeFinalResultRange, WindowFinalResults, windowStoreFinalResults } from './window-final-results.js';

/** What a windowed aggregation needs of its windows (TimeWindows). */
export interface AggregationWindows {
  readonly size: number;
  readonly gracePeriodMs: number;
  windowsFor(timestamp: number): Window[];
}

/**
 * KSTREAM-AGGREGATE / KSTREAM-REDUCE of a windowed stream (Kafka Streams' KStreamWindowAggregate): each record
 * updates every window it falls in whose end is after the close time (the largest timestamp seen minus the grace
 * period), stores the aggregate with the larger of the record's and the previous aggregate's timestamp, and
 * forwards the change keyed by the window (emitStrategy onWindowUpdate), or holds it until the window closes
 * (onWindowClose, window-final-results.ts). A record whose window already closed is dropped for that window,
 * logged at debug and counted (`droppedRecords.late`). Records without a key are dropped, as in Kafka Streams.
 */
export function windowAggregateOperator<K, V, VA>(
  windows: AggregationWindows,
  initializer: () => VA | null,
  aggregator: (key: K, value: V, aggregate: VA | null) => VA,
  storeName: string,
  sendOldValues: () => boolean,
  emitOnWindowClose = false,
): ProcessorSupplier<K, V, Windowed<K>, Change<VA>> {
  return () => {
    let ctx: ProcessorContext<Windowed<K>, Change<VA>>;
    let store: TimestampedWindowStore<K, VA>;
    let finalResults: WindowFinalResults<K, VA> | undefined;
    let observedStreamTime = -1;
    return {
      init: (c) => {
        ctx = c;
        store = c.getStateStore<TimestampedWindowStore<K, VA>>(storeName);
        if (emitOnWindowClose) finalResults = new WindowFinalResults(c, storeName, timeFinalResultRange(windows), windowStoreFinalResults(store));
      },
      process: (r) => {
        if (r.key === null || r.key === undefined) {
          logSkippedRecord(ctx, storeName, 'a windowed aggregation record needs a key');
          return;
        }
        if (r.timestamp > observedStreamTime) observedStreamTime = r.timestamp;
        const closeTime = observedStreamTime - windows.gracePeriodMs;
        for (const window of windows.windowsFor(r.timestamp)) {
          if (window.end <= closeTime) {
            const details = { timestamp: r.timestamp, window: [window.start, window.end], closeTime };
            dropLateRecord(ctx, storeName, 'skipping record for expired window', details);
            continue;
          }
          const old = store.fetch(r.key, window.start) ?? null;
          const oldAgg = old === null ? initializer() : old.value;
          const timestamp = old === null ? r.timestamp : Math.max(r.timestamp, old.timestamp);
          const newAgg = aggregator(r.key, r.value, oldAgg);
          store.put(r.key, ValueAndTimestamp.make(newAgg, timestamp), window.start);
          if (emitOnWindowClose) continue;
          const change: Change<VA> = { newValue: newAgg, oldValue: sendOldValues() ? oldAgg : null };
          ctx.forward(r.withKey(Windowed.of(r.key, window.start, window.end)).withValue(change).withTimestamp(timestamp));
        }
        finalResults?.maybeEmit(r, closeTime);
      },
    };
  };
}
