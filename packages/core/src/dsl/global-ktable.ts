// GlobalKTable<K, V>: a table every instance holds in full (all partitions of its topic), read by stream joins
// through a key selector, so the stream needs no repartitioning. Made by `builder.globalTable()`.

declare const globalTableTypes: unique symbol;

export interface GlobalKTable<K, V> {
  /** The name of the global store holding the table. */
  readonly queryableStoreName: string;
  /** Type-level only (no value at run time): the key and value types, for inference in joins. */
  readonly [globalTableTypes]?: (key: K) => V;
}
