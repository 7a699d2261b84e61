// CogroupedKStream<K, VOut>: several grouped streams folded into one aggregate per key (Kafka Streams' cogroup,
// KIP-150): `a.groupByKey().cogroup(aggA).cogroup(b.groupByKey(), aggB).aggregate(init)`. Each input keeps its
// own aggregator and value type; all of them update the same store, so one table holds the combined result.
// `windowedBy(...)` gives one aggregate per key and window instead.
import type { KGroupedStream } from './kgrouped-stream.js';
import type { KTable } from './ktable.js';
import type { MaterializedOptions, SessionMaterializedOptions, WindowedMaterializedOptions } from './options.js';
import type { Windowed } from '../state/window/windowed.js';
import type { SessionWindows } from './windows/session-windows.js';
import type { SlidingWindows } from './windows/sliding-windows.js';
import type { TimeWindows } from './windows/time-windows.js';

export interface CogroupedKStream<K, VOut> {
  /**
   * Adds another grouped stream, folded in by its own `aggregator`. Its key must be the same (and its input
   * co-partitioned with the others, as for a join).
   */
  cogroup<VIn>(grouped: KGroupedStream<K, VIn>, aggregator: (key: K, value: VIn, aggregate: VOut) => VOut): CogroupedKStream<K, VOut>;
  /**
   * The aggregate per key over all the inputs, each key starting from `initializer()`. Records with a null key or
   * value are dropped, as in every stream aggregation.
   */
  aggregate(initializer: () => VOut, options?: MaterializedOptions<K, VOut>): KTable<K, VOut>;
  /** One aggregate per key and time window (tumbling or hopping). */
  windowedBy(windows: TimeWindows): TimeWindowedCogroupedKStream<K, VOut>;
  /** One aggregate per key and sliding window. */
  windowedBy(windows: SlidingWindows): TimeWindowedCogroupedKStream<K, VOut>;
  /** One aggregate per key and session. */
  windowedBy(windows: SessionWindows): SessionWindowedCogroupedKStream<K, VOut>;
}

/** A cogroup cut into time or sliding windows (Kafka Streams' TimeWindowedCogroupedKStream). */
export interface TimeWindowedCogroupedKStream<K, V> {
  /** The aggregate per key and window over all the inputs, each window starting from `initializer()`. */
  aggregate(initializer: () => V, options?: WindowedMaterializedOptions<K, V>): KTable<Windowed<K>, V>;
}

/** A cogroup cut into sessions (Kafka Streams' SessionWindowedCogroupedKStream). */
export interface SessionWindowedCogroupedKStream<K, V> {
  /** The aggregate per key and session over all the inputs; `merger` combines two sessions a record joins. */
  aggregate(initializer: () => V, merger: (key: K, aggregate1: V, aggregate2: V) => V, options?: SessionMaterializedOptions<K, V>): KTable<Windowed<K>, V>;
}
