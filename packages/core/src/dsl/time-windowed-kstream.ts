// TimeWindowedKStream<K, V>: a grouped stream cut into time windows (`groupByKey().windowedBy(TimeWindows...)`)
// or sliding windows (`windowedBy(SlidingWindows...)`), ready to aggregate per key and window. Each aggregation
// keeps its results in a window store and returns them as a KTable keyed by `Windowed<K>`, updated by every record
// or, with `emitStrategy(EmitStrategy.onWindowClose())`, once per window when it closes (docs/windows.md).
import type { Windowed } from '../state/window/windowed.js';
import type { EmitStrategy } from './emit-strategy.js';
import type { KTable } from './ktable.js';
import type { WindowedMaterializedOptions } from './options.js';

export interface TimeWindowedKStream<K, V> {
  /** Records per key and window. Values use `Serdes.int64Number()`. */
  count(options?: WindowedMaterializedOptions<K, number>): KTable<Windowed<K>, number>;
  /** Combines the values per key and window: the first value is the aggregate, then `reducer(aggregate, value)`. */
  reduce(reducer: (aggregate: V, value: V, key: K) => V, options?: WindowedMaterializedOptions<K, V>): KTable<Windowed<K>, V>;
  /** Folds the values per key and window, each window starting from `initializer()`. */
  aggregate<VA>(
    initializer: () => VA,
    aggregator: (key: K, value: V, aggregate: VA) => VA,
    options?: WindowedMaterializedOptions<K, VA>,
  ): KTable<Windowed<K>, VA>;
  /** When the aggregations of the returned stream forward their results (default `EmitStrategy.onWindowUpdate()`). */
  emitStrategy(strategy: EmitStrategy): TimeWindowedKStream<K, V>;
}
