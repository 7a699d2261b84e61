// A value with the timestamp of the record that last wrote it (KIP-258): what the DSL's stores hold and what
// table value getters return, so table results carry Kafka Streams' timestamps.
import type { KeyValueStore } from './key-value-store.js';

export interface ValueAndTimestamp<V> {
  readonly value: V;
  readonly timestamp: number;
}

export const ValueAndTimestamp = Object.freeze({
  /** The pair, or null for a null (or undefined) value, as Java's `ValueAndTimestamp.make`: "no value". */
  make<V>(value: V | null | undefined, timestamp: number): ValueAndTimestamp<V> | null {
    return value === null || value === undefined ? null : { value, timestamp };
  },

  /** The value of `valueAndTimestamp`, or null without one (Java's `ValueAndTimestamp.getValueOrNull`). */
  getValueOrNull<V>(valueAndTimestamp: ValueAndTimestamp<V> | null | undefined): V | null {
    return valueAndTimestamp === null || valueAndTimestamp === undefined ? null : valueAndTimestamp.value;
  },
});

/**
 * A key-value store of values with their timestamps (Kafka Streams' TimestampedKeyValueStore): every key-value
 * store the DSL materializes. Built by `Stores.timestampedKeyValueStoreBuilder`.
 */
export type TimestampedKeyValueStore<K, V> = KeyValueStore<K, ValueAndTimestamp<V>>;
