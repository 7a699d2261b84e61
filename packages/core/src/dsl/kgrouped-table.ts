// KGroupedTable<K, V>: the rows of a table re-keyed by `KTable.groupBy()`, ready to aggregate. A row that changes
// is subtracted from its old group (with its old value) and added to its new group, so aggregates stay exact.
import type { KTable } from './ktable.js';
import type { MaterializedOptions } from './options.js';

export interface KGroupedTable<K, V> {
  /** Rows per group. Values use `Serdes.int64Number()`. */
  count(options?: MaterializedOptions<K, number>): KTable<K, number>;
  /** `adder(aggregate, value)` when a row joins the group, `subtractor(aggregate, value)` when it leaves. */
  reduce(
    adder: (aggregate: V, value: V, key: K) => V,
    subtractor: (aggregate: V, value: V, key: K) => V,
    options?: MaterializedOptions<K, V>,
  ): KTable<K, V>;
  /** As `reduce`, starting each group from `initializer()`. */
  aggregate<VA>(
    initializer: () => VA,
    adder: (key: K, value: V, aggregate: VA) => VA,
    subtractor: (key: K, value: V, aggregate: VA) => VA,
    options?: MaterializedOptions<K, VA>,
  ): KTable<K, VA>;
}
