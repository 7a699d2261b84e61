// Value getters (Kafka Streams' KTableValueGetter): how a join reads a table's current value for a key. A
// materialized table's getter reads its store; a table that is not (filter, mapValues, a join result) computes
// the value from its parent's getter, so every table can be joined.
import type { KeyValueStore } from '../../../state/key-value-store.js';
import type { ProcessorContext } from '../../processor-context.js';

/** The part of a processor's context a getter needs. */
export type StoreAccess = Pick<ProcessorContext, 'getStateStore'>;

export interface ValueGetter<K, V> {
  /** The table's value for `key`, or null when it has none. */
  get(key: K): V | null;
}

export interface ValueGetterSupplier<K, V> {
  /** The local stores the getter reads: a processor using it must list them (which puts it in their task). */
  readonly storeNames: readonly string[];
  /** A getter for one processor instance; call it from the processor's `init`. */
  create(context: StoreAccess): ValueGetter<K, V>;
}

/**
 * Reads `storeName`. A global store is read without being listed (`connect` false): every processor may read the
 * instance's global stores.
 */
export function storeValueGetter<K, V>(storeName: string, connect = true): ValueGetterSupplier<K, V> {
  return {
    storeNames: connect ? [storeName] : [],
    create: (context) => {
      const store = context.getStateStore<KeyValueStore<K, V>>(storeName);
      return { get: (key) => store.get(key) ?? null };
    },
  };
}
