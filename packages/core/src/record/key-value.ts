// A key and a value, as DSL functions return them (`map`, `groupBy`) and stores iterate them.
export type KeyValue<K, V> = readonly [K, V];
