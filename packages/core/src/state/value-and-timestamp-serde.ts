// The bytes of a ValueAndTimestamp, as Java's ValueAndTimestampSerializer writes them: the timestamp as an 8-byte
// big-endian signed long, then the value's own bytes. Timestamped stores keep these bytes below their metered
// layer; their changelog holds only the value's bytes, with the timestamp as the record's.
import type { Headers } from '../record/headers.js';
import type { Serde } from '../serde/serde.js';
import { requireBytes, requireValue } from '../serde/serde-errors.js';
import { SerializationError } from '../errors.js';
import type { ValueAndTimestamp } from './value-and-timestamp.js';

const TIMESTAMP_BYTES = 8;
const TWO_32 = 2 ** 32;

/** `[timestamp (int64 BE)][raw]`. */
export function timestampedBytes(timestamp: number, raw: Uint8Array): Uint8Array {
  const out = new Uint8Array(TIMESTAMP_BYTES + raw.length);
  const view = new DataView(out.buffer);
  view.setInt32(0, Math.floor(timestamp / TWO_32));
  view.setUint32(4, timestamp >>> 0);
  out.set(raw, TIMESTAMP_BYTES);
  return out;
}

/** The timestamp of timestamped bytes. */
export function timestampOf(bytes: Uint8Array): number {
  checkLength(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, TIMESTAMP_BYTES);
  return view.getInt32(0) * TWO_32 + view.getUint32(4);
}

/** The value's bytes of timestamped bytes (a view, not a copy). */
export function rawValueOf(bytes: Uint8Array): Uint8Array {
  checkLength(bytes);
  return bytes.subarray(TIMESTAMP_BYTES);
}

/**
 * The serde of a timestamped store's metered layer. A value that `valueSerde` writes as null (a nullable serde
 * given null) is written as null: the store deletes the key.
 */
export function valueAndTimestampSerde<V>(valueSerde: Serde<V>): Serde<ValueAndTimestamp<V>> {
  const name = `valueAndTimestamp(${valueSerde.name})`;
  return Object.freeze({
    name,
    serialize(topic: string, data: ValueAndTimestamp<V>, headers?: Headers): Uint8Array | null {
      requireValue(name, topic, data);
      const raw = valueSerde.serialize(topic, data.value, headers);
      return raw === null ? null : timestampedBytes(data.timestamp, raw);
    },
    deserialize(topic: string, data: Uint8Array | null, headers?: Headers): ValueAndTimestamp<V> {
      const bytes = requireBytes(name, topic, data);
      return { value: valueSerde.deserialize(topic, rawValueOf(bytes), headers), timestamp: timestampOf(bytes) };
    },
  });
}

function checkLength(bytes: Uint8Array): void {
  if (bytes.length < TIMESTAMP_BYTES) {
    throw new SerializationError(`a timestamped store value needs at least ${TIMESTAMP_BYTES} bytes, got ${bytes.length}`);
  }
}
