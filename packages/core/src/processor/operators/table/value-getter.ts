// Value getters (Kafka Streams' KTableValueGetter): how a join reads a table's current value for a key, with its
// timestamp. A materialized table's getter reads its (timestamped) store; a table that is not (filter,
// mapValues, a join result) computes the value from its parent's getter, so every table can be joined.
import { ValueAndTimestamp, type TimestampedKeyValueStore } from '../../../state/value-and-timestamp.js';
import type { ProcessorContext } from '../../processor-context.js';

/** The part of a processor's context a getter needs (serdes and the application id: a suppressed table's). */
export type StoreAccess = Pick<ProcessorContext, 'getStateStore' | 'keySerde' | 'valueSerde' | 'applicationId'>;

export interface ValueGetter<K, V> {
  /** The table's value for `key` with its timestamp (Kafka Streams' `KTableValueGetter.get`), or null. */
  getWithTimestamp(key: K): ValueAndTimestamp<V> | null;
  /** The table's value for `key` alone, or null when it has none. */
  get(key: K): V | null;
}

export interface ValueGetterSupplier<K, V> {
  /** The local stores the getter reads: a processor using it must list them (which puts it in their task). */
  readonly storeNames: readonly string[];
  /** A getter for one processor instance; call it from the processor's `init`. */
  create(context: StoreAccess): ValueGetter<K, V>;
}

/** A getter from its timestamped lookup (`get` drops the timestamp). */
export function valueGetter<K, V>(getWithTimestamp: (key: K) => ValueAndTimestamp<V> | null): ValueGetter<K, V> {
  return { getWithTimestamp, get: (key) => ValueAndTimestamp.getValueOrNull(getWithTimestamp(key)) };
}

/**
 * Reads `storeName`, a timestamped store. A global store is read without being listed (`connect` false): every
 * processor may read the instance's global stores.
 */
export function storeValueGetter<K, V>(storeName: string, connect = true): ValueGetterSupplier<K, V> {
  return {
    storeNames: connect ? [storeName] : [],
    create: (context) => {
      const store = context.getStateStore<TimestampedKeyValueStore<K, V>>(storeName);
      return valueGetter((key) => store.get(key) ?? null);
    },
  };
}
