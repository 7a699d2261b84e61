// Window stores: a value per key and window start (Kafka Streams' WindowStore), kept for a retention period
// measured in stream time. The typed interface processors use, and the bytes interface of the layers below the
// metered one. Reads are synchronous.
import type { KeyValue } from '../../record/key-value.js';
import type { StateStore } from '../state-store.js';
import type { ValueAndTimestamp } from '../value-and-timestamp.js';
import type { Windowed } from './windowed.js';

export interface WindowStore<K, V> extends StateStore {
  /** The size of the windows it holds (ms): a window starting at `s` ends at `s + windowSize`. */
  readonly windowSize: number;
  /** The value of `key` in the window starting at `windowStartTimestamp`; null deletes it. */
  put(key: K, value: V | null, windowStartTimestamp: number): void;
  /** The value of `key` in the window that starts at `windowStartTimestamp`. */
  fetch(key: K, windowStartTimestamp: number): V | undefined;
  /** `key`'s windows that start in `[timeFrom, timeTo]`, oldest first: `[windowStart, value]`. */
  fetch(key: K, timeFrom: number, timeTo: number): IterableIterator<KeyValue<number, V>>;
  /** The same as the range `fetch`, newest first. */
  backwardFetch(key: K, timeFrom: number, timeTo: number): IterableIterator<KeyValue<number, V>>;
  /** Every key's windows that start in `[timeFrom, timeTo]`. */
  fetchAll(timeFrom: number, timeTo: number): IterableIterator<KeyValue<Windowed<K>, V>>;
  backwardFetchAll(timeFrom: number, timeTo: number): IterableIterator<KeyValue<Windowed<K>, V>>;
  /** Every window still retained. */
  all(): IterableIterator<KeyValue<Windowed<K>, V>>;
  backwardAll(): IterableIterator<KeyValue<Windowed<K>, V>>;
}

/** A window store of values with their timestamps, as windowed aggregations keep them. */
export type TimestampedWindowStore<K, V> = WindowStore<K, ValueAndTimestamp<V>>;

/** One entry of a window bytes store. */
export interface WindowEntry {
  readonly key: Uint8Array;
  readonly windowStart: number;
  readonly value: Uint8Array;
}

/** The layers below the metered one work on bytes. */
export interface WindowBytesStore extends StateStore {
  readonly windowSize: number;
  readonly retentionPeriod: number;
  /** Whether puts of one key and window keep every value (stream–stream join buffers) instead of replacing. */
  readonly retainDuplicates: boolean;
  put(key: Uint8Array, value: Uint8Array | null, windowStart: number): void;
  fetch(key: Uint8Array, windowStart: number): Uint8Array | undefined;
  fetchRange(key: Uint8Array, timeFrom: number, timeTo: number, reverse: boolean): IterableIterator<WindowEntry>;
  fetchAll(timeFrom: number, timeTo: number, reverse: boolean): IterableIterator<WindowEntry>;
}

/** Creates the bytes store of a window store: in-memory or LMDB, segmented by time. */
export interface WindowBytesStoreSupplier {
  readonly name: string;
  readonly persistent: boolean;
  readonly retentionPeriod: number;
  readonly windowSize: number;
  readonly retainDuplicates: boolean;
  /** Segment length (ms): retention drops whole segments. */
  readonly segmentInterval: number;
  get(): WindowBytesStore;
}
