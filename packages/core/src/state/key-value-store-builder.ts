// The builder of a key-value store: an immutable description (backend supplier, serdes, caching, logging) from
// which each task builds its own stack of layers. Defaults as Kafka Streams: logging on, caching off. A
// timestamped builder (every DSL store) builds a TimestampedKeyValueStore: see value-and-timestamp.ts.
import type { Serde } from '../serde/serde.js';
import type { KeyValueBytesStore, KeyValueStore } from './key-value-store.js';
import { CachingKeyValueStore } from './layers/caching-key-value-store.js';
import { ChangeLoggingKeyValueStore } from './layers/change-logging-key-value-store.js';
import { ChangeLoggingTimestampedKeyValueStore } from './layers/change-logging-timestamped-key-value-store.js';
import { MeteredKeyValueStore } from './layers/metered-key-value-store.js';
import { MeteredTimestampedKeyValueStore } from './layers/metered-timestamped-key-value-store.js';
import type { StateStore } from './state-store.js';
import type { KeyValueBytesStoreSupplier, StoreBuilder } from './store-builder.js';
import { validateStoreName } from './store-name.js';
import type { TimestampedKeyValueStore } from './value-and-timestamp.js';

interface Settings<K, V> {
  readonly supplier: KeyValueBytesStoreSupplier;
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;
  readonly cachingEnabled: boolean;
  readonly loggingEnabled: boolean;
  readonly logConfig: Readonly<Record<string, string>>;
  /** Values with timestamps: the store is a `TimestampedKeyValueStore<K, V>`. */
  readonly timestamped: boolean;
}

/** `S`: the store it builds, `KeyValueStore<K, V>` or (timestamped) `TimestampedKeyValueStore<K, V>`. */
export class KeyValueStoreBuilder<K, V, S extends StateStore = KeyValueStore<K, V>> implements StoreBuilder<S> {
  readonly name: string;
  readonly persistent: boolean;
  readonly cachingEnabled: boolean;
  readonly loggingEnabled: boolean;
  readonly logConfig: Readonly<Record<string, string>>;

  readonly timestamped: boolean;

  private constructor(private readonly settings: Settings<K, V>) {
    this.name = settings.supplier.name;
    this.persistent = settings.supplier.persistent;
    this.cachingEnabled = settings.cachingEnabled;
    this.loggingEnabled = settings.loggingEnabled;
    this.logConfig = settings.logConfig;
    this.timestamped = settings.timestamped;
    Object.freeze(this);
  }

  static create<K, V>(supplier: KeyValueBytesStoreSupplier, keySerde?: Serde<K>, valueSerde?: Serde<V>): KeyValueStoreBuilder<K, V> {
    return KeyValueStoreBuilder.of<K, V, KeyValueStore<K, V>>(supplier, keySerde, valueSerde, false);
  }

  /** A builder of a store of values with timestamps; `valueSerde` is the plain values' serde. */
  static createTimestamped<K, V>(
    supplier: KeyValueBytesStoreSupplier,
    keySerde?: Serde<K>,
    valueSerde?: Serde<V>,
  ): KeyValueStoreBuilder<K, V, TimestampedKeyValueStore<K, V>> {
    return KeyValueStoreBuilder.of<K, V, TimestampedKeyValueStore<K, V>>(supplier, keySerde, valueSerde, true);
  }

  private static of<K, V, S extends StateStore>(
    supplier: KeyValueBytesStoreSupplier,
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<V> | undefined,
    timestamped: boolean,
  ): KeyValueStoreBuilder<K, V, S> {
    validateStoreName(supplier.name);
    return new KeyValueStoreBuilder<K, V, S>({
      supplier,
      keySerde,
      valueSerde,
      cachingEnabled: false,
      loggingEnabled: true,
      logConfig: Object.freeze({}),
      timestamped,
    });
  }

  withCachingEnabled(): KeyValueStoreBuilder<K, V, S> {
    return this.with({ cachingEnabled: true });
  }

  withCachingDisabled(): KeyValueStoreBuilder<K, V, S> {
    return this.with({ cachingEnabled: false });
  }

  withLoggingEnabled(topicConfig: Readonly<Record<string, string>> = {}): KeyValueStoreBuilder<K, V, S> {
    return this.with({ loggingEnabled: true, logConfig: Object.freeze({ ...topicConfig }) });
  }

  /** Turns logging off, and drops any changelog topic config. */
  withLoggingDisabled(): KeyValueStoreBuilder<K, V, S> {
    return this.with({ loggingEnabled: false, logConfig: Object.freeze({}) });
  }

  build(): S {
    const { supplier, keySerde, valueSerde, cachingEnabled, loggingEnabled, timestamped } = this.settings;
    let store: KeyValueBytesStore = supplier.get();
    if (loggingEnabled) store = timestamped ? new ChangeLoggingTimestampedKeyValueStore(store) : new ChangeLoggingKeyValueStore(store);
    if (cachingEnabled) store = new CachingKeyValueStore(store);
    const metered = timestamped
      ? new MeteredTimestampedKeyValueStore<K, V>(store, keySerde, valueSerde)
      : new MeteredKeyValueStore<K, V>(store, keySerde, valueSerde);
    return metered as unknown as S;
  }

  private with(changes: Partial<Settings<K, V>>): KeyValueStoreBuilder<K, V, S> {
    return new KeyValueStoreBuilder<K, V, S>({ ...this.settings, ...changes });
  }
}
