// Key-value stores: the typed interface processors use, and the bytes interface the layers below the metered
// one share. Reads are synchronous. Ranges are ordered by the unsigned lexicographic order of the serialized
// keys, on every backend, and both bounds are inclusive (undefined: unbounded).
import type { KeyValue } from '../record/key-value.js';
import type { Serializer } from '../serde/serde.js';
import type { StateStore } from './state-store.js';

export type { KeyValue };

/** A change as the caching layer forwards it when it flushes or evicts an entry (KTable semantics). */
export interface CachedChange<K, V> {
  readonly key: K;
  /** Null: the key was deleted. */
  readonly newValue: V | null;
  /** The value before the first change since the last flush (null if none); only with `sendOldValues`. */
  readonly oldValue: V | null;
  readonly timestamp: number;
}

export type FlushListener<K, V> = (change: CachedChange<K, V>) => void;

export interface KeyValueStore<K, V> extends StateStore {
  get(key: K): V | undefined;
  /** A null value deletes the key. */
  put(key: K, value: V | null): void;
  /** Puts only if the key has no value; returns the existing value, or undefined when it put. */
  putIfAbsent(key: K, value: V): V | undefined;
  putAll(entries: Iterable<KeyValue<K, V | null>>): void;
  /** Deletes the key; returns the value it had. */
  delete(key: K): V | undefined;
  /** Entries with `from <= key <= to` in key order (bounds undefined: unbounded). */
  range(from: K | undefined, to: K | undefined): IterableIterator<KeyValue<K, V>>;
  /** The same entries as `range`, last key first. */
  reverseRange(from: K | undefined, to: K | undefined): IterableIterator<KeyValue<K, V>>;
  all(): IterableIterator<KeyValue<K, V>>;
  reverseAll(): IterableIterator<KeyValue<K, V>>;
  /** Entries whose serialized key starts with the serialized `prefix`, in key order. */
  prefixScan<P>(prefix: P, prefixSerializer: Serializer<P>): IterableIterator<KeyValue<K, V>>;
  /** An estimate (exact for the built-in backends, counting writes not yet flushed). */
  approximateNumEntries(): number;
  /**
   * With caching on, the cache calls `listener` for each entry it flushes or evicts, and returns true: the
   * processor must then not forward its own updates (the cache forwards them, deduplicated). Returns false when
   * the store has no cache, and the listener is never called.
   */
  setFlushListener(listener: FlushListener<K, V>, sendOldValues: boolean): boolean;
}

/** The layers below the metered one work on bytes. A null value deletes. */
export interface KeyValueBytesStore extends StateStore {
  get(key: Uint8Array): Uint8Array | undefined;
  put(key: Uint8Array, value: Uint8Array | null): void;
  putIfAbsent(key: Uint8Array, value: Uint8Array): Uint8Array | undefined;
  putAll(entries: Iterable<KeyValue<Uint8Array, Uint8Array | null>>): void;
  delete(key: Uint8Array): Uint8Array | undefined;
  /** Inclusive bounds, undefined: unbounded; `reverse` iterates from the last key. */
  range(from: Uint8Array | undefined, to: Uint8Array | undefined, reverse: boolean): IterableIterator<KeyValue<Uint8Array, Uint8Array>>;
  prefixScan(prefix: Uint8Array): IterableIterator<KeyValue<Uint8Array, Uint8Array>>;
  approximateNumEntries(): number;
  /** As on KeyValueStore, but with bytes; implemented by the caching layer, false elsewhere. */
  setFlushListener(listener: FlushListener<Uint8Array, Uint8Array>, sendOldValues: boolean): boolean;
}
