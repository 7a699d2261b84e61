// A sliding-window aggregation (windowedBy(SlidingWindows).count / reduce / aggregate).
import { ValueAndTimestamp } from '../../state/value-and-timestamp.js';
import type { TimestampedWindowStore } from '../../state/window/window-store.js';
import { Windowed, type Window } from '../../state/window/windowed.js';
import type { ProcessorSupplier } from '../processor.js';
import type { ProcessorContext } from '../processor-context.js';
import type { StreamRecord } from '../stream-record.js';
import { dropLateRecord, logSkippedRecord } from './skipped-record.js';
import type { Change } from './table/change.js';
import { slidingFinalResultRange, WindowFinalResults, windowStoreFinalResults } from './window-final-results.js';

export interface SlidingAggregationWindows {
  readonly timeDifferenceMs: number;
  readonly gracePeriodMs: number;
}

type Aggregate<VA> = ValueAndTimestamp<VA> | null;

/**
 * KSTREAM-AGGREGATE / KSTREAM-REDUCE of a sliding-windowed stream, as Kafka Streams' KStreamSlidingWindowAggregate
 * (its reverse-iterator path). Windows are `[start, start + timeDifference]`, both ends inclusive; a record at t:
 * - is dropped as late (counted in `droppedRecords.late`) when t + timeDifference is before the close time (stream
 *   time − grace), and skipped without a key or value;
 * - below timeDifference, goes into the combined window `[0, timeDifference]` (processEarly), since no window
 *   starts below 0;
 * - else updates every stored window of its key that contains it (those that end at or after the close time; the
 *   others count as late), creates its left window `[t − timeDifference, t]` from the previous record's aggregate
 *   when that record falls in it, the previous record's right window when t falls in it, and its own right window
 *   `[t + 1, t + 1 + timeDifference]` when a later record falls in it.
 * Each update is stored with the larger of the record's and the window's timestamp and forwarded (emitStrategy
 * onWindowUpdate), or held until the window closes (onWindowClose, window-final-results.ts).
 */
export function slidingWindowAggregateOperator<K, V, VA>(
  windows: SlidingAggregationWindows,
  initializer: () => VA | null,
  aggregator: (key: K, value: V, aggregate: VA | null) => VA,
  storeName: string,
  sendOldValues: () => boolean,
  emitOnWindowClose = false,
): ProcessorSupplier<K, V, Windowed<K>, Change<VA>> {
  const td = windows.timeDifferenceMs;
  return () => {
    let ctx: ProcessorContext<Windowed<K>, Change<VA>>;
    let store: TimestampedWindowStore<K, VA>;
    let finalResults: WindowFinalResults<K, VA> | undefined;
    let observedStreamTime = -1;

    const windowAt = (start: number): Window => ({ start, end: start + td });

    const forwardUpdate = (r: StreamRecord<K, V>, window: Window, oldAgg: VA | null, newAgg: VA, timestamp: number): void => {
      if (emitOnWindowClose) return;
      const change: Change<VA> = { newValue: newAgg, oldValue: sendOldValues() ? oldAgg : null };
      ctx.forward(r.withKey(Windowed.of(r.key, window.start, window.end)).withValue(change).withTimestamp(timestamp));
    };

    /** Adds the record to `window` (holding `current`) unless the window closed: then the record is late for it. */
    const updateWindow = (r: StreamRecord<K, V>, window: Window, current: Aggregate<VA>, closeTime: number): void => {
      if (window.end < closeTime) {
        dropLateRecord(ctx, storeName, 'skipping record for expired window', {
          timestamp: r.timestamp,
          window: [window.start, window.end],
          closeTime,
          streamTime: observedStreamTime,
        });
        return;
      }
      const oldAgg = ValueAndTimestamp.getValueOrNull(current);
      const newAgg = aggregator(r.key, r.value, oldAgg);
      const timestamp = oldAgg === null ? r.timestamp : Math.max(r.timestamp, current!.timestamp);
      store.put(r.key, ValueAndTimestamp.make(newAgg, timestamp), window.start);
      forwardUpdate(r, window, oldAgg, newAgg, timestamp);
    };

    /** The record's right window, holding what the window found for it holds (the records after it). */
    const createOwnRightWindow = (r: StreamRecord<K, V>, rightAgg: ValueAndTimestamp<VA>): void => {
      const window = windowAt(r.timestamp + 1);
      store.put(r.key, rightAgg, window.start);
      forwardUpdate(r, window, null, rightAgg.value, rightAgg.timestamp);
    };

    /** The previous record's right window, which starts empty and takes this record. */
    const createPreviousRightWindow = (r: StreamRecord<K, V>, start: number, closeTime: number): void => {
      updateWindow(r, windowAt(start), ValueAndTimestamp.make(initializer(), r.timestamp), closeTime);
    };

    const hasLaterRecords = (rightAgg: Aggregate<VA>, t: number): rightAgg is ValueAndTimestamp<VA> =>
      rightAgg !== null && rightAgg.timestamp > t;

    /** A record at t ≥ timeDifference: its key's windows from t − 2·timeDifference to t + 1, newest first. */
    const processReverse = (r: StreamRecord<K, V>, closeTime: number): void => {
      const t = r.timestamp;
      const starts = new Set<number>();
      let leftAgg: Aggregate<VA> = null;
      let rightAgg: Aggregate<VA> = null;
      let leftExists = false;
      let rightExists = false;
      let previousRecordTime: number | undefined;
      for (const [start, agg] of [...store.backwardFetch(r.key, Math.max(0, t - 2 * td), t + 1)]) {
        starts.add(start);
        const end = start + td;
        if (start === t + 1) {
          rightExists = true;
        } else if (end > t) {
          rightAgg ??= agg;
          updateWindow(r, windowAt(start), agg, closeTime);
        } else if (end === t) {
          leftExists = true;
          updateWindow(r, windowAt(start), agg, closeTime);
          // A left window that already holds a record at t: every window this record needs exists.
          if (agg.timestamp >= t) return;
          previousRecordTime = agg.timestamp;
        } else {
          leftAgg = agg;
          previousRecordTime = agg.timestamp;
          break;
        }
      }
      if (previousRecordTime !== undefined) {
        const previousRightStart = previousRecordTime + 1;
        if (!starts.has(previousRightStart) && previousRightStart + td >= t) createPreviousRightWindow(r, previousRightStart, closeTime);
      }
      if (!leftExists) {
        const previousInLeftWindow = previousRecordTime !== undefined && t - td <= previousRecordTime;
        const initial = previousInLeftWindow ? ValueAndTimestamp.make(leftAgg!.value, t) : ValueAndTimestamp.make(initializer(), t);
        updateWindow(r, windowAt(t - td), initial, closeTime);
      }
      if (!rightExists && hasLaterRecords(rightAgg, t)) createOwnRightWindow(r, rightAgg);
    };

    /**
     * A record at 0 ≤ t < timeDifference, whose left window would start below 0: it goes into the combined window
     * `[0, timeDifference]`, which holds every such record (Kafka Streams' processEarly).
     */
    const processEarly = (r: StreamRecord<K, V>, closeTime: number): void => {
      const t = r.timestamp;
      const starts = new Set<number>();
      let combined: Aggregate<VA> = null;
      let rightAgg: Aggregate<VA> = null;
      let rightExists = false;
      let previousRecordTime: number | undefined;
      for (const [start, agg] of [...store.fetch(r.key, 0, t + 1)]) {
        starts.add(start);
        if (start === 0) {
          combined = agg;
          if (agg.timestamp < t) previousRecordTime = agg.timestamp;
        } else if (start <= t) {
          rightAgg = agg;
          updateWindow(r, windowAt(start), agg, closeTime);
        } else {
          rightExists = true;
        }
      }
      // Without a right window found, the combined window holds exactly the records after t, if any.
      if (rightAgg === null && combined !== null && combined.timestamp > t) rightAgg = combined;
      if (!rightExists && hasLaterRecords(rightAgg, t)) createOwnRightWindow(r, rightAgg);
      if (previousRecordTime !== undefined && !starts.has(previousRecordTime + 1)) createPreviousRightWindow(r, previousRecordTime + 1, closeTime);
      updateWindow(r, windowAt(0), combined ?? ValueAndTimestamp.make(initializer(), t), closeTime);
    };

    return {
      init: (c) => {
        ctx = c;
        store = c.getStateStore<TimestampedWindowStore<K, VA>>(storeName);
        if (emitOnWindowClose) finalResults = new WindowFinalResults(c, storeName, slidingFinalResultRange(td), windowStoreFinalResults(store));
      },
      process: (r) => {
        if (r.key === null || r.key === undefined || r.value === null || r.value === undefined) {
          logSkippedRecord(ctx, storeName, 'a sliding-window aggregation record needs a key and a value');
          return;
        }
        const t = r.timestamp;
        if (t > observedStreamTime) observedStreamTime = t;
        const closeTime = observedStreamTime - windows.gracePeriodMs;
        if (t + td < closeTime) {
          const details = { timestamp: t, window: [t, t + td], closeTime, streamTime: observedStreamTime };
          dropLateRecord(ctx, storeName, 'skipping record for expired window', details);
          return;
        }
        // As Kafka Streams: an early record neither forwards nor triggers final results.
        if (t < td) {
          processEarly(r, closeTime);
          return;
        }
        processReverse(r, closeTime);
        finalResults?.maybeEmit(r, closeTime);
      },
    };
  };
}
