// Serde<T>: how a key or value of type T becomes bytes and back. Serdes live only at the edges: sources,
// sinks, and the top (metered) layer of state stores.
import type { Headers } from '../processor/headers.js';

export interface Serializer<T> {
  /** Bytes for `data`; `null` only for a nullable serde given `null` (a tombstone or a missing key). */
  serialize(topic: string, data: T, headers?: Headers): Uint8Array | null;
}

export interface Deserializer<T> {
  /**
   * The value for `data`. `data` is `null` for a tombstone or a record without a key: serdes of non-null types
   * throw a `SerializationError` then, and `Serdes.nullable(serde)` maps it to `null`.
   */
  deserialize(topic: string, data: Uint8Array | null, headers?: Headers): T;
}

export interface Serde<T> extends Serializer<T>, Deserializer<T> {
  /** A short name for logs, errors and `describe()`, e.g. `string`, `json`, `nullable(int64)`. */
  readonly name: string;
}

/** The type a serde produces. */
export type SerdeType<S> = S extends Serde<infer T> ? T : never;
