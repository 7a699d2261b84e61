// Serde<T>: how a key or value of type T becomes bytes and back. Serdes live only at the edges: sources,
// sinks, and the top (metered) layer of state stores.
//
// `serialize` and `deserialize` are properties of function type, not methods, on purpose: TypeScript checks a
// method's parameters bivariantly, so with methods a `Serde<string>` passed for a `Serde<string | null>` and
// `table.toStream().to('out', { valueSerde: Serdes.string() })` compiled, then threw on the first tombstone.
// As properties (under `strictFunctionTypes`) `Serializer<T>` is contravariant in T, `Deserializer<T>`
// covariant, and `Serde<T>` invariant: a stream of `V | null` needs `Serdes.nullable(...)`, and a serde of
// `'a' | 'b'` cannot write a stream of any string. Implementations may still be written with methods.
//
// We chose invariance over a type-level "takes null" flag: a flag computed from T (`null extends T`) is a
// conditional type, which TypeScript measures as invariant anyway, in every type that holds a serde. The cost of
// invariance: `Serde<string>` is not a `Serde<unknown>` (use `Serde<any>` for "some serde"), and a type parameter
// that only a callback's return type fixes is `unknown` in TypeScript's first inference pass, so a method taking
// such a callback and a serde of that type declares a default for it (e.g. `KTable.mapValues<VR = any>`).
import type { Headers } from '../record/headers.js';

export interface Serializer<T> {
  /** Bytes for `data`; `null` only for a nullable serde given `null` (a tombstone or a missing key). */
  readonly serialize: (topic: string, data: T, headers?: Headers) => Uint8Array | null;
}

export interface Deserializer<T> {
  /**
   * The value for `data`. `data` is `null` for a tombstone or a record without a key: serdes of non-null types
   * throw a `SerializationError` then, and `Serdes.nullable(serde)` maps it to `null`.
   */
  readonly deserialize: (topic: string, data: Uint8Array | null, headers?: Headers) => T;
}

export interface Serde<T> extends Serializer<T>, Deserializer<T> {
  /** A short name for logs, errors and `describe()`, e.g. `string`, `json`, `nullable(int64)`. */
  readonly name: string;
}

/** The type a serde produces. */
export type SerdeType<S> = S extends Serde<infer T> ? T : never;
