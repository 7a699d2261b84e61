// Kafka Streams' ChangedSerializer / ChangedDeserializer: how a KGroupedTable's repartition topic carries one
// table change (KIP-904), so the records are the bytes a Java application writes and reads there. The last
// byte says which values follow:
//   0: {old value}                 1: {new value}
//   2: {zig-zag varint: new value length}{new value}{old value}
// Java reserves 3-5 for the same layouts with an `isLatest` byte before the flag; they are read, never written.
import { SerializationError } from '../../../errors.js';
import type { Headers } from '../../../record/headers.js';
import type { Serde } from '../../../serde/serde.js';
import type { Change } from './change.js';

function writeZigZagVarint(value: number, out: number[]): void {
  let v = ((value << 1) ^ (value >> 31)) >>> 0;
  while ((v & ~0x7f) !== 0) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
}

function readZigZagVarint(data: Uint8Array): { value: number; length: number } {
  let raw = 0;
  for (let i = 0, shift = 0; i < 5 && i < data.length; i++, shift += 7) {
    const b = data[i]!;
    raw |= (b & 0x7f) << shift;
    if ((b & 0x80) === 0) return { value: (raw >>> 1) ^ -(raw & 1), length: i + 1 };
  }
  throw new SerializationError('change serde: malformed varint length');
}

export function changeSerde<V>(inner: Serde<V>): Serde<Change<V>> {
  const name = `change(${inner.name})`;
  const bytesOf = (topic: string, value: V | null, headers: Headers | undefined): Uint8Array | null =>
    value === null ? null : inner.serialize(topic, value, headers);
  const valueOf = (topic: string, bytes: Uint8Array | null, headers: Headers | undefined): V | null =>
    bytes === null ? null : inner.deserialize(topic, bytes, headers);
  return Object.freeze({
    name,
    serialize(topic: string, change: Change<V>, headers?: Headers): Uint8Array {
      const newBytes = bytesOf(topic, change.newValue, headers);
      const oldBytes = bytesOf(topic, change.oldValue, headers);
      if (newBytes !== null && oldBytes !== null) {
        const prefix: number[] = [];
        writeZigZagVarint(newBytes.length, prefix);
        const out = new Uint8Array(prefix.length + newBytes.length + oldBytes.length + 1);
        out.set(prefix, 0);
        out.set(newBytes, prefix.length);
        out.set(oldBytes, prefix.length + newBytes.length);
        out[out.length - 1] = 2;
        return out;
      }
      const only = newBytes ?? oldBytes;
      if (only === null) throw new SerializationError(`${name}: both the old and the new value are null (topic '${topic}')`);
      const out = new Uint8Array(only.length + 1);
      out.set(only, 0);
      out[only.length] = newBytes !== null ? 1 : 0;
      return out;
    },
    deserialize(topic: string, data: Uint8Array | null, headers?: Headers): Change<V> {
      if (data === null || data.length === 0) throw new SerializationError(`${name}: no bytes from topic '${topic}'`);
      const flag = data[data.length - 1]!;
      if (flag > 5) throw new SerializationError(`${name}: unknown encoding flag ${flag} from topic '${topic}'`);
      // Flags 3-5 carry an `isLatest` byte before the flag.
      const body = data.subarray(0, data.length - (flag >= 3 ? 2 : 1));
      switch (flag % 3) {
        case 0:
          return { newValue: null, oldValue: valueOf(topic, body, headers) };
        case 1:
          return { newValue: valueOf(topic, body, headers), oldValue: null };
        default: {
          const { value: newLength, length } = readZigZagVarint(body);
          const newBytes = body.subarray(length, length + newLength);
          return { newValue: valueOf(topic, newBytes, headers), oldValue: valueOf(topic, body.subarray(length + newLength), headers) };
        }
      }
    },
  });
}
