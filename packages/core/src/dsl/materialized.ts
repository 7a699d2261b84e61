// Materialized (Kafka Streams' `Materialized`): how a table keeps its values in a state store. A plain readonly
// object, so `{ materialized: { storeName: 'counts' } }` works as well as the helpers:
//   Materialized.as('counts', { valueSerde: Serdes.int64Number(), storeType: 'in-memory' })
//   Materialized.as(Stores.inMemoryKeyValueStore('counts'))
//   Materialized.with(Serdes.string(), Serdes.json<Order>())
import type { Serde } from '../serde/serde.js';
import type { KeyValueBytesStoreSupplier } from '../state/store-builder.js';

/** `persistent` is LMDB (Kafka Streams' RocksDB default); `in-memory` restores from the changelog after a restart. */
export type StoreType = 'persistent' | 'in-memory';

export interface Materialized<K, V> {
  /**
   * The store's name, which also names its changelog topic (`<applicationId>-<storeName>-changelog`). When absent
   * the name is generated, and inserting an operator upstream later would rename it (and orphan its state).
   */
  readonly storeName?: string;
  /** The store's backend, e.g. `Stores.inMemoryKeyValueStore('counts')`; its name is the store's name. */
  readonly storeSupplier?: KeyValueBytesStoreSupplier;
  /** Default: the table's key serde, else the config's default. */
  readonly keySerde?: Serde<K>;
  /** Default: the table's value serde when it has one (`count()`: `Serdes.int64Number()`), else the config's. */
  readonly valueSerde?: Serde<V>;
  /** Default `persistent`. Ignored with a `storeSupplier`. */
  readonly storeType?: StoreType;
  /** Default true: the store's cache keeps the last value per key until the next commit and forwards only it. */
  readonly cachingEnabled?: boolean;
  /** Default true: every change is written to the changelog topic, from which the store is restored. */
  readonly loggingEnabled?: boolean;
  /** Configs of the changelog topic, on top of `cleanup.policy=compact`. */
  readonly logConfig?: Readonly<Record<string, string>>;
}

/** Everything but the store's identity: the second argument of `Materialized.as`. */
export type MaterializedSettings<K, V> = Omit<Materialized<K, V>, 'storeName' | 'storeSupplier'>;

// Type parameters the call does not determine (no serde given) default to `any`: such a Materialized fits a
// table of any types, and the table's own serdes (or the config's) apply.
/* eslint-disable @typescript-eslint/no-explicit-any */
export const Materialized = Object.freeze({
  /** A store of this name (or with this backend), with optional serdes and settings. */
  as<K = any, V = any>(nameOrSupplier: string | KeyValueBytesStoreSupplier, settings: MaterializedSettings<K, V> = {}): Materialized<K, V> {
    const identity = typeof nameOrSupplier === 'string' ? { storeName: nameOrSupplier } : { storeSupplier: nameOrSupplier };
    return Object.freeze({ ...settings, ...identity });
  },

  /** A store with a generated name and these serdes (either may be left undefined). */
  with<K = any, V = any>(keySerde?: Serde<K>, valueSerde?: Serde<V>): Materialized<K, V> {
    return Object.freeze({ keySerde, valueSerde });
  },
});
/* eslint-enable @typescript-eslint/no-explicit-any */
