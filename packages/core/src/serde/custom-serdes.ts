// Serdes built from other serdes or from functions: `bytes`, `nullable` and `from`.
import { SerializationError } from '../errors.js';
import type { Headers } from '../record/headers.js';
import type { Serde } from './serde.js';
import { badBytesError, badValueError, requireBytes, requireValue } from './serde-errors.js';

const bytesSerde: Serde<Uint8Array> = Object.freeze({
  name: 'bytes',
  serialize(topic: string, data: Uint8Array): Uint8Array {
    requireValue('bytes', topic, data);
    if (!(data instanceof Uint8Array)) throw badValueError('bytes', topic, data, 'not a Uint8Array');
    return data;
  },
  deserialize(topic: string, data: Uint8Array | null): Uint8Array {
    return requireBytes('bytes', topic, data);
  },
});

/**
 * The bytes as they are, like Java's ByteArraySerializer. Deserialize returns the input (e.g. a Buffer view),
 * not a copy.
 */
export function bytes(): Serde<Uint8Array> {
  return bytesSerde;
}

// Serdes made by `nullable`, so that wrapping one again returns it unchanged.
const nullableSerdes = new WeakSet<Serde<unknown>>();

/** `serde`, plus null (or undefined) ↔ null bytes: tombstones and records without a key. */
export function nullable<T>(serde: Serde<T>): Serde<T | null> {
  if (nullableSerdes.has(serde as Serde<unknown>)) return serde as Serde<T | null>;
  const result: Serde<T | null> = Object.freeze({
    name: `nullable(${serde.name})`,
    serialize(topic: string, data: T | null, headers?: Headers): Uint8Array | null {
      return data === null || data === undefined ? null : serde.serialize(topic, data, headers);
    },
    deserialize(topic: string, data: Uint8Array | null, headers?: Headers): T | null {
      return data === null || data === undefined ? null : serde.deserialize(topic, data, headers);
    },
  });
  nullableSerdes.add(result as Serde<unknown>);
  return result;
}

/**
 * A serde from two functions. The result is strict like the built-in serdes: a null value or null bytes throw
 * before the functions are called (wrap it in `Serdes.nullable(...)` for nulls). Anything the functions throw
 * that is not a `SerializationError` is rethrown as one, naming the serde and the topic, with the original as `cause`.
 */
export function from<T>(
  name: string,
  serialize: (topic: string, data: T, headers?: Headers) => Uint8Array,
  deserialize: (topic: string, data: Uint8Array, headers?: Headers) => T,
): Serde<T> {
  return Object.freeze({
    name,
    serialize(topic: string, data: T, headers?: Headers): Uint8Array {
      requireValue(name, topic, data);
      let out: Uint8Array;
      try {
        out = serialize(topic, data, headers);
      } catch (err) {
        if (err instanceof SerializationError) throw err;
        throw badValueError(name, topic, data, errorText(err), err);
      }
      if (!(out instanceof Uint8Array)) {
        throw badValueError(name, topic, data, 'the serializer did not return a Uint8Array');
      }
      return out;
    },
    deserialize(topic: string, data: Uint8Array | null, headers?: Headers): T {
      const bytes = requireBytes(name, topic, data);
      try {
        return deserialize(topic, bytes, headers);
      } catch (err) {
        if (err instanceof SerializationError) throw err;
        throw badBytesError(name, topic, bytes, errorText(err), err);
      }
    },
  });
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
