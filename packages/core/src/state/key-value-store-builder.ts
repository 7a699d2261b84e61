// The builder of a key-value store: an immutable description (backend supplier, serdes, caching, logging) from
// which each task builds its own stack of layers. Defaults as Kafka Streams: logging on, caching off.
import type { Serde } from '../serde/serde.js';
import type { KeyValueBytesStore, KeyValueStore } from './key-value-store.js';
import { CachingKeyValueStore } from './layers/caching-key-value-store.js';
import { ChangeLoggingKeyValueStore } from './layers/change-logging-key-value-store.js';
import { MeteredKeyValueStore } from './layers/metered-key-value-store.js';
import type { KeyValueBytesStoreSupplier, StoreBuilder } from './store-builder.js';
import { validateStoreName } from './store-name.js';

interface Settings<K, V> {
  readonly supplier: KeyValueBytesStoreSupplier;
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;
  readonly cachingEnabled: boolean;
  readonly loggingEnabled: boolean;
  readonly logConfig: Readonly<Record<string, string>>;
}

export class KeyValueStoreBuilder<K, V> implements StoreBuilder<KeyValueStore<K, V>> {
  readonly name: string;
  readonly persistent: boolean;
  readonly cachingEnabled: boolean;
  readonly loggingEnabled: boolean;
  readonly logConfig: Readonly<Record<string, string>>;

  private constructor(private readonly settings: Settings<K, V>) {
    this.name = settings.supplier.name;
    this.persistent = settings.supplier.persistent;
    this.cachingEnabled = settings.cachingEnabled;
    this.loggingEnabled = settings.loggingEnabled;
    this.logConfig = settings.logConfig;
    Object.freeze(this);
  }

  static create<K, V>(supplier: KeyValueBytesStoreSupplier, keySerde?: Serde<K>, valueSerde?: Serde<V>): KeyValueStoreBuilder<K, V> {
    validateStoreName(supplier.name);
    return new KeyValueStoreBuilder<K, V>({
      supplier,
      keySerde,
      valueSerde,
      cachingEnabled: false,
      loggingEnabled: true,
      logConfig: Object.freeze({}),
    });
  }

  withCachingEnabled(): KeyValueStoreBuilder<K, V> {
    return this.with({ cachingEnabled: true });
  }

  withCachingDisabled(): KeyValueStoreBuilder<K, V> {
    return this.with({ cachingEnabled: false });
  }

  withLoggingEnabled(topicConfig: Readonly<Record<string, string>> = {}): KeyValueStoreBuilder<K, V> {
    return this.with({ loggingEnabled: true, logConfig: Object.freeze({ ...topicConfig }) });
  }

  /** Turns logging off, and drops any changelog topic config. */
  withLoggingDisabled(): KeyValueStoreBuilder<K, V> {
    return this.with({ loggingEnabled: false, logConfig: Object.freeze({}) });
  }

  build(): KeyValueStore<K, V> {
    const { supplier, keySerde, valueSerde, cachingEnabled, loggingEnabled } = this.settings;
    let store: KeyValueBytesStore = supplier.get();
    if (loggingEnabled) store = new ChangeLoggingKeyValueStore(store);
    if (cachingEnabled) store = new CachingKeyValueStore(store);
    return new MeteredKeyValueStore<K, V>(store, keySerde, valueSerde);
  }

  private with(changes: Partial<Settings<K, V>>): KeyValueStoreBuilder<K, V> {
    return new KeyValueStoreBuilder<K, V>({ ...this.settings, ...changes });
  }
}
