// CogroupedKStream<K, VOut>: several grouped streams folded into one aggregate per key (Kafka Streams' cogroup,
// KIP-150): `a.groupByKey().cogroup(aggA).cogroup(b.groupByKey(), aggB).aggregate(init)`. Each input keeps its
// own aggregator and value type; all of them update the same store, so one table holds the combined result.
import type { KGroupedStream } from './kgrouped-stream.js';
import type { KTable } from './ktable.js';
import type { MaterializedOptions } from './options.js';

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
}
