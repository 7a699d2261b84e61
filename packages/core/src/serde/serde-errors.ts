// The SerializationErrors the built-in serdes throw, and the null checks every strict serde shares.
import { SerializationError } from '../errors.js';

/** Throws unless `data` is bytes: a strict serde cannot read a tombstone or a record without a key. */
export function requireBytes(serde: string, topic: string, data: Uint8Array | null): Uint8Array {
  if (data === null || data === undefined) {
    throw new SerializationError(
      `${serde} serde got null bytes from topic '${topic}' (a tombstone or a record without key); ` +
        `wrap it in Serdes.nullable(...) if nulls are expected`,
    );
  }
  return data;
}

/** Throws if `data` is null or undefined: a strict serde cannot write a tombstone or a record without a key. */
export function requireValue(serde: string, topic: string, data: unknown): void {
  if (data === null || data === undefined) {
    throw new SerializationError(
      `${serde} serde got a ${data === null ? 'null' : 'undefined'} value for topic '${topic}'; ` +
        `wrap it in Serdes.nullable(...) to write tombstones or records without key`,
    );
  }
}

/** Throws unless `data` holds exactly `expected` bytes. */
export function requireLength(serde: string, topic: string, data: Uint8Array, expected: number): void {
  if (data.byteLength !== expected) {
    throw new SerializationError(
      `${serde} serde expected ${expected} bytes from topic '${topic}' but got ${data.byteLength}`,
    );
  }
}

/** A value that cannot be serialized, e.g. a fraction given to `int32`. */
export function badValueError(serde: string, topic: string, data: unknown, why: string, cause?: unknown) {
  return new SerializationError(
    `${serde} serde cannot serialize ${preview(data)} for topic '${topic}': ${why}`,
    cause === undefined ? undefined : { cause },
  );
}

/** Bytes that cannot be deserialized, e.g. text that is not JSON. */
export function badBytesError(serde: string, topic: string, data: Uint8Array, why: string, cause?: unknown) {
  return new SerializationError(
    `${serde} serde cannot deserialize ${data.byteLength} bytes from topic '${topic}': ${why}`,
    cause === undefined ? undefined : { cause },
  );
}

/** A short, printable form of a value for error messages. */
export function preview(data: unknown): string {
  let text: string;
  if (typeof data === 'bigint') text = `${data}n`;
  else if (typeof data === 'string') text = JSON.stringify(data);
  else if (typeof data === 'number' || typeof data === 'boolean' || data == null) text = String(data);
  else if (data instanceof Uint8Array) text = `${data.byteLength} bytes`;
  else text = typeof data === 'function' ? 'a function' : `a ${data.constructor?.name ?? 'object'}`;
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
