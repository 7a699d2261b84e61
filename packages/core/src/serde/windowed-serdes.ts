// Serdes of windowed keys in Kafka Streams' bytes (WindowedSerdes), so a Java application reads what a windowed
// aggregation of ours writes and the other way round:
//   time windows:    [inner key bytes][window start, int64 BE]; the end is start + the window size
//   session windows: [inner key bytes][window end, int64 BE][window start, int64 BE]
import { SerializationError } from '../errors.js';
import type { Headers } from '../record/headers.js';
import {
  fromSessionWindowedKey,
  fromTimeWindowedKey,
  toSessionWindowedKey,
  toTimeWindowedKey,
} from '../state/window/window-key-schema.js';
import { Windowed } from '../state/window/windowed.js';
import type { Serde } from './serde.js';

function innerBytes<K>(inner: Serde<K>, topic: string, key: K, headers: Headers | undefined): Uint8Array {
  const bytes = inner.serialize(topic, key, headers);
  if (bytes === null) throw new SerializationError(`a windowed key's inner key serialized to null (serde ${inner.name})`);
  return bytes;
}

function parse<T>(what: string, data: Uint8Array | null, read: (bytes: Uint8Array) => T): T {
  if (data === null) throw new SerializationError(`a ${what} key cannot be null`);
  try {
    return read(data);
  } catch (e) {
    throw new SerializationError(`not a ${what} key: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

export const WindowedSerdes = Object.freeze({
  /** Keys of time windows of `windowSize` ms (Java's `WindowedSerdes.timeWindowedSerdeFrom(cls, windowSize)`). */
  timeWindowedSerdeFrom<K>(inner: Serde<K>, windowSize: number): Serde<Windowed<K>> {
    return Object.freeze({
      name: `timeWindowed(${inner.name}, ${windowSize})`,
      serialize: (topic: string, data: Windowed<K>, headers?: Headers) =>
        toTimeWindowedKey(innerBytes(inner, topic, data.key, headers), data.window.start),
      deserialize: (topic: string, data: Uint8Array | null, headers?: Headers) => {
        const { key, start } = parse('time-windowed', data, fromTimeWindowedKey);
        return Windowed.of(inner.deserialize(topic, key, headers), start, start + windowSize);
      },
    });
  },

  /** Keys of session windows (Java's `WindowedSerdes.sessionWindowedSerdeFrom(cls)`). */
  sessionWindowedSerdeFrom<K>(inner: Serde<K>): Serde<Windowed<K>> {
    return Object.freeze({
      name: `sessionWindowed(${inner.name})`,
      serialize: (topic: string, data: Windowed<K>, headers?: Headers) =>
        toSessionWindowedKey(innerBytes(inner, topic, data.key, headers), data.window.start, data.window.end),
      deserialize: (topic: string, data: Uint8Array | null, headers?: Headers) => {
        const { key, start, end } = parse('session-windowed', data, fromSessionWindowedKey);
        return Windowed.of(inner.deserialize(topic, key, headers), start, end);
      },
    });
  },
});
