// `Stores`: the public factory of store suppliers (the backends) and store builders, as Kafka Streams' `Stores`.
import type { Serde } from '../serde/serde.js';
import { InMemoryKeyValueStore } from './backends/in-memory-key-value-store.js';
import { LmdbKeyValueStore, type LmdbKeyValueStoreOptions } from './backends/lmdb-key-value-store.js';
import type { KeyValueStore } from './key-value-store.js';
import { KeyValueStoreBuilder } from './key-value-store-builder.js';
import type { KeyValueBytesStoreSupplier, StoreBuilder } from './store-builder.js';
import { validateStoreName } from './store-name.js';
import type { TimestampedKeyValueStore } from './value-and-timestamp.js';
import { WindowStoreBuilder } from './window/window-store-builder.js';
import { windowStoreSupplier, type WindowStoreOptions } from './window/window-store-suppliers.js';
import type { TimestampedWindowStore, WindowBytesStoreSupplier, WindowStore } from './window/window-store.js';
import { sessionStoreSupplier } from './window/window-store-suppliers.js';
import { SessionStoreBuilder } from './window/session-store-builder.js';
import type { SessionBytesStoreSupplier, SessionStore } from './window/session-store.js';

export const Stores = Object.freeze({
  /** A sorted in-memory backend; after a restart the task restores it from its changelog. */
  inMemoryKeyValueStore(name: string): KeyValueBytesStoreSupplier {
    validateStoreName(name);
    return Object.freeze({ name, persistent: false, get: () => new InMemoryKeyValueStore(name) });
  },

  /**
   * An LMDB backend in the task's state directory; it keeps its data across restarts, so restoring replays only
   * the changelog's tail. `options` bound its buffer of uncommitted writes (past it, it asks for a commit).
   */
  persistentKeyValueStore(name: string, options?: LmdbKeyValueStoreOptions): KeyValueBytesStoreSupplier {
    validateStoreName(name);
    return Object.freeze({ name, persistent: true, get: () => new LmdbKeyValueStore(name, options) });
  },

  /**
   * A builder of typed key-value stores over `supplier`. Without serdes, the store uses the config's default
   * serdes. Logging is on and caching off until changed (`withCachingEnabled()`, `withLoggingDisabled()`).
   */
  keyValueStoreBuilder<K, V>(supplier: KeyValueBytesStoreSupplier, keySerde?: Serde<K>, valueSerde?: Serde<V>): StoreBuilder<KeyValueStore<K, V>> {
    return KeyValueStoreBuilder.create(supplier, keySerde, valueSerde);
  },

  /**
   * A builder of key-value stores of values with the timestamp of the record that wrote them (KIP-258), as the
   * DSL's tables and aggregations use. The serdes are the plain key's and value's; below the metered layer a
   * value is `[timestamp (int64 BE)][value bytes]`, and its changelog record is the value's bytes with the
   * stored timestamp as the record's timestamp, as in Kafka Streams.
   */
  timestampedKeyValueStoreBuilder<K, V>(
    supplier: KeyValueBytesStoreSupplier,
    keySerde?: Serde<K>,
    valueSerde?: Serde<V>,
  ): StoreBuilder<TimestampedKeyValueStore<K, V>> {
    return KeyValueStoreBuilder.createTimestamped(supplier, keySerde, valueSerde);
  },

  /** An in-memory window store backend, segmented by time; restored from its changelog after a restart. */
  inMemoryWindowStore(name: string, options: WindowStoreOptions): WindowBytesStoreSupplier {
    return windowStoreSupplier(name, options, false);
  },

  /** An LMDB window store backend, segmented by time: retention drops whole segments. */
  persistentWindowStore(name: string, options: WindowStoreOptions): WindowBytesStoreSupplier {
    return windowStoreSupplier(name, options, true);
  },

  /** A builder of typed window stores over `supplier` (logging on, as Kafka Streams). */
  windowStoreBuilder<K, V>(supplier: WindowBytesStoreSupplier, keySerde?: Serde<K>, valueSerde?: Serde<V>): StoreBuilder<WindowStore<K, V>> {
    return WindowStoreBuilder.create(supplier, keySerde, valueSerde);
  },

  /** A builder of window stores of values with their timestamps, as windowed aggregations use. */
  timestampedWindowStoreBuilder<K, V>(
    supplier: WindowBytesStoreSupplier,
    keySerde?: Serde<K>,
    valueSerde?: Serde<V>,
  ): StoreBuilder<TimestampedWindowStore<K, V>> {
    return WindowStoreBuilder.createTimestamped(supplier, keySerde, valueSerde);
  },

  /** An in-memory session store backend, keeping a session `retentionPeriod` ms of stream time after it ends. */
  inMemorySessionStore(name: string, retentionPeriod: number): SessionBytesStoreSupplier {
    return sessionStoreSupplier(name, retentionPeriod, false);
  },

  /** An LMDB session store backend, segmented by session end. */
  persistentSessionStore(name: string, retentionPeriod: number): SessionBytesStoreSupplier {
    return sessionStoreSupplier(name, retentionPeriod, true);
  },

  /** A builder of typed session stores over `supplier` (logging on). */
  sessionStoreBuilder<K, AGG>(supplier: SessionBytesStoreSupplier, keySerde?: Serde<K>, valueSerde?: Serde<AGG>): StoreBuilder<SessionStore<K, AGG>> {
    return SessionStoreBuilder.create(supplier, keySerde, valueSerde);
  },
});
