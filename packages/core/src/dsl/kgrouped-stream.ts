// KGroupedStream<K, V>: a stream grouped by key (`groupByKey()` / `groupBy()`), ready to aggregate. Each
// aggregation keeps its result in a state store and returns it as a KTable updated by every record.
import type { CogroupedKStream } from './cogrouped-kstream.js';
import type { KTable } from './ktable.js';
import type { MaterializedOptions } from './options.js';
import type { TimeWindowedKStream } from './time-windowed-kstream.js';
import type { TimeWindows } from './windows/time-windows.js';
import type { SlidingWindows } from './windows/sliding-windows.js';
import type { SessionWindowedKStream } from './session-windowed-kstream.js';
import type { SessionWindows } from './windows/session-windows.js';

export interface KGroupedStream<K, V> {
  /**
   * Starts a cogroup (Kafka Streams' KIP-150): this stream folded in by `aggregator`, to which `cogroup(other, …)`
   * adds more grouped streams with value types of their own; `aggregate(initializer)` then keeps one aggregate per
   * key over all of them.
   */
  cogroup<VOut>(aggregator: (key: K, value: V, aggregate: VOut) => VOut): CogroupedKStream<K, VOut>;
  /** Records per key (records with a null key or value are not counted). Values use `Serdes.int64Number()`. */
  count(options?: MaterializedOptions<K, number>): KTable<K, number>;
  /** Combines the values per key: the first value is the aggregate, then `reducer(aggregate, value)`. */
  reduce(reducer: (aggregate: V, value: V, key: K) => V, options?: MaterializedOptions<K, V>): KTable<K, V>;
  /** Folds the values per key, starting from `initializer()`. */
  aggregate<VA>(
    initializer: () => VA,
    aggregator: (key: K, value: V, aggregate: VA) => VA,
    options?: MaterializedOptions<K, VA>,
  ): KTable<K, VA>;
  /** Cuts the grouped stream into time windows (tumbling or hopping) to aggregate per key and window. */
  windowedBy(windows: TimeWindows): TimeWindowedKStream<K, V>;
  /** Cuts the grouped stream into sliding windows (windows that move with the records) to aggregate per key and window. */
  windowedBy(windows: SlidingWindows): TimeWindowedKStream<K, V>;
  /** Cuts the grouped stream into sessions (runs of records within the inactivity gap) to aggregate per session. */
  windowedBy(windows: SessionWindows): SessionWindowedKStream<K, V>;
}
