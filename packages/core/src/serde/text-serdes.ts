// Text serdes, byte-for-byte like Java Kafka's StringSerializer and UUIDSerializer, and UTF-8 JSON text.
import type { Serde } from './serde.js';
import { badBytesError, badValueError, requireBytes, requireValue } from './serde-errors.js';

const encoder = new TextEncoder();
// Keeps a leading byte order mark as U+FEFF, as Java's `new String(bytes, UTF_8)` does.
const stringDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
// Drops a leading byte order mark: JSON.parse rejects it, while Java JSON parsers skip it.
const jsonDecoder = new TextDecoder('utf-8');

const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const stringSerde: Serde<string> = Object.freeze({
  name: 'string',
  serialize(topic: string, data: string): Uint8Array {
    requireValue('string', topic, data);
    if (typeof data !== 'string') throw badValueError('string', topic, data, 'not a string');
    return encoder.encode(data);
  },
  deserialize(topic: string, data: Uint8Array | null): string {
    // Malformed UTF-8 becomes U+FFFD, as in Java.
    return stringDecoder.decode(requireBytes('string', topic, data));
  },
});

const uuidSerde: Serde<string> = Object.freeze({
  name: 'uuid',
  serialize(topic: string, data: string): Uint8Array {
    requireValue('uuid', topic, data);
    if (typeof data !== 'string' || !CANONICAL_UUID.test(data)) {
      throw badValueError('uuid', topic, data, 'not a UUID of the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx');
    }
    // Java's UUID.toString() is lowercase.
    return encoder.encode(data.toLowerCase());
  },
  deserialize(topic: string, data: Uint8Array | null): string {
    const bytes = requireBytes('uuid', topic, data);
    const text = bytes.byteLength === 36 ? stringDecoder.decode(bytes) : '';
    if (!CANONICAL_UUID.test(text)) {
      throw badBytesError('uuid', topic, bytes, 'not a 36-character UUID string');
    }
    return text.toLowerCase();
  },
});

/** Options for `Serdes.json()`, passed to `JSON.stringify` and `JSON.parse`. */
export interface JsonSerdeOptions {
  readonly replacer?: (this: unknown, key: string, value: unknown) => unknown;
  readonly reviver?: (this: unknown, key: string, value: unknown) => unknown;
}

/** UTF-8 text, like Java's StringSerializer. */
export function string(): Serde<string> {
  return stringSerde;
}

/**
 * The canonical 36-character lowercase UUID string as UTF-8, like Java's UUIDSerializer. Any case is accepted;
 * deserialize returns lowercase.
 */
export function uuid(): Serde<string> {
  return uuidSerde;
}

/**
 * UTF-8 JSON text. The type is not checked at runtime: `T` is what the producer promised. A `null` value is not
 * written as the text `null`: like every strict serde it throws; use `Serdes.nullable(Serdes.json<T>())`.
 */
export function json<T>(options: JsonSerdeOptions = {}): Serde<T> {
  const { replacer, reviver } = options;
  return Object.freeze({
    name: 'json',
    serialize(topic: string, data: T): Uint8Array {
      requireValue('json', topic, data);
      let text: string | undefined;
      try {
        text = JSON.stringify(data, replacer);
      } catch (err) {
        throw badValueError('json', topic, data, `JSON.stringify failed: ${(err as Error).message}`, err);
      }
      if (text === undefined) throw badValueError('json', topic, data, 'JSON.stringify gave no text');
      return encoder.encode(text);
    },
    deserialize(topic: string, data: Uint8Array | null): T {
      const bytes = requireBytes('json', topic, data);
      try {
        return JSON.parse(jsonDecoder.decode(bytes), reviver) as T;
      } catch (err) {
        throw badBytesError('json', topic, bytes, `invalid JSON: ${(err as Error).message}`, err);
      }
    },
  });
}
