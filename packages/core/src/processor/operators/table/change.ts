// What table operators pass to each other (Kafka Streams' `Change<V>`): a key's new value and, when an operator
// downstream asked for it (`enableSendingOldValues`), the value it replaces. Null means "no value": a new value of
// null deletes the key. Changes never leave a sub-topology as such: `toStream()` forwards only the new value, and
// a table's `groupBy` sends the two halves through its repartition topic as two marked records.
export interface Change<V> {
  readonly newValue: V | null;
  readonly oldValue: V | null;
}
