// SessionWindowedKStream<K, V>: a grouped stream cut into sessions (`groupByKey().windowedBy(SessionWindows...)`),
// ready to aggregate per key and session. Results live in a session store and come as a KTable keyed by
// `Windowed<K>`; when sessions merge, the merged ones are deleted (a tombstone each) and the new one is written.
// With `emitStrategy(EmitStrategy.onWindowClose())` only each session's final result comes, once it closes.
import type { Windowed } from '../state/window/windowed.js';
import type { EmitStrategy } from './emit-strategy.js';
import type { KTable } from './ktable.js';
import type { SessionMaterializedOptions } from './options.js';

export interface SessionWindowedKStream<K, V> {
  /** Records per key and session. Values use `Serdes.int64Number()`. */
  count(options?: SessionMaterializedOptions<K, number>): KTable<Windowed<K>, number>;
  /** Combines the values per key and session; merging sessions reduces their aggregates in end-time order. */
  reduce(reducer: (aggregate: V, value: V, key: K) => V, options?: SessionMaterializedOptions<K, V>): KTable<Windowed<K>, V>;
  /** Folds the values per key and session; `merger` combines two sessions' aggregates when a record joins them. */
  aggregate<VA>(
    initializer: () => VA,
    aggregator: (key: K, value: V, aggregate: VA) => VA,
    merger: (key: K, aggregate1: VA, aggregate2: VA) => VA,
    options?: SessionMaterializedOptions<K, VA>,
  ): KTable<Windowed<K>, VA>;
  /** When the aggregations of the returned stream forward their results (default `EmitStrategy.onWindowUpdate()`). */
  emitStrategy(strategy: EmitStrategy): SessionWindowedKStream<K, V>;
}
