// What tells a time-windowed aggregation from a sliding-windowed one (Kafka Streams' TimeWindowedKStreamImpl and
// SlidingWindowedKStreamImpl): the operator, the window size of the store and of the windowed keys, and the
// store's minimum retention. Both give a TimeWindowedKStream.
import type { AnySupplier } from '../../graph/graph-node.js';
import { slidingWindowAggregateOperator } from '../../processor/operators/sliding-window-aggregate.js';
import { windowAggregateOperator } from '../../processor/operators/window-aggregate.js';
import type { SlidingWindows } from '../windows/sliding-windows.js';
import { TimeWindows } from '../windows/time-windows.js';

export interface TimeWindowedKind {
  readonly windowSize: number;
  readonly gracePeriodMs: number;
  readonly minimumRetention: number;
  readonly minimumRetentionRule: string;
  /** Whether the aggregation reads a key's range of windows (its time-ordered store then keeps a key index). */
  readonly readsKeyRanges: boolean;
  operator<K, V, VA>(
    initializer: () => VA | null,
    aggregator: (key: K, value: V, aggregate: VA | null) => VA,
    storeName: string,
    sendOldValues: () => boolean,
    emitOnWindowClose: boolean,
  ): AnySupplier;
}

export function timeWindowedKind(windows: TimeWindows | SlidingWindows): TimeWindowedKind {
  if (windows instanceof TimeWindows) {
    return {
      windowSize: windows.size,
      gracePeriodMs: windows.gracePeriodMs,
      minimumRetention: windows.size + windows.gracePeriodMs,
      minimumRetentionRule: 'the window size plus the grace period',
      readsKeyRanges: false,
      operator: (initializer, aggregator, storeName, sendOldValues, emitOnWindowClose) =>
        windowAggregateOperator(windows, initializer, aggregator, storeName, sendOldValues, emitOnWindowClose),
    };
  }
  const td = windows.timeDifferenceMs;
  return {
    // As Kafka Streams: windowed keys and the store carry the time difference as the window size.
    windowSize: td,
    gracePeriodMs: windows.gracePeriodMs,
    // Creating a record's right window reads windows back to t − 2·timeDifference.
    minimumRetention: 2 * td + windows.gracePeriodMs,
    minimumRetentionRule: '2 * the time difference plus the grace period',
    readsKeyRanges: true,
    operator: (initializer, aggregator, storeName, sendOldValues, emitOnWindowClose) =>
      slidingWindowAggregateOperator(windows, initializer, aggregator, storeName, sendOldValues, emitOnWindowClose),
  };
}
