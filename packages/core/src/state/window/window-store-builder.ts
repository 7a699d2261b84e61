// The builder of a window store (Kafka Streams' WindowStoreBuilder / TimestampedWindowStoreBuilder): an
// immutable description from which each task builds its own stack, metered → change-logging → segmented
// backend. Window stores have no caching layer yet: every update goes down (and a windowed aggregation forwards
// every update), as in Kafka Streams with caching disabled; `withCachingEnabled()` is accepted and changes
// nothing (docs/windows.md). Their changelogs are compacted and deleted after retention + 1 day, as Kafka
// Streams configures them.
import { TopologyError } from '../../errors.js';
import type { Serde } from '../../serde/serde.js';
import type { StoreBuilder } from '../store-builder.js';
import { ChangeLoggingWindowBytesStore } from './change-logging-window-bytes-store.js';
import { MeteredTimestampedWindowStore, MeteredWindowStore } from './metered-window-store.js';
import type { TimestampedWindowStore, WindowBytesStore, WindowBytesStoreSupplier, WindowStore } from './window-store.js';

/** Kafka Streams' `windowstore.changelog.additional.retention.ms` default: one day. */
const CHANGELOG_ADDITIONAL_RETENTION_MS = 24 * 60 * 60 * 1000;

interface Settings<K, V> {
  readonly supplier: WindowBytesStoreSupplier;
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;
  readonly loggingEnabled: boolean;
  readonly logConfig: Readonly<Record<string, string>>;
  readonly timestamped: boolean;
}

export class WindowStoreBuilder<K, V, S extends WindowStore<K, unknown> = WindowStore<K, V>> implements StoreBuilder<S> {
  readonly name: string;
  readonly persistent: boolean;
  readonly cachingEnabled = false;
  readonly loggingEnabled: boolean;
  readonly logConfig: Readonly<Record<string, string>>;

  private constructor(private readonly settings: Settings<K, V>) {
    this.name = settings.supplier.name;
    this.persistent = settings.supplier.persistent;
    this.loggingEnabled = settings.loggingEnabled;
    this.logConfig = settings.logConfig;
    Object.freeze(this);
  }

  static create<K, V>(supplier: WindowBytesStoreSupplier, keySerde?: Serde<K>, valueSerde?: Serde<V>): WindowStoreBuilder<K, V> {
    return new WindowStoreBuilder<K, V>(WindowStoreBuilder.defaults(supplier, keySerde, valueSerde, false));
  }

  static createTimestamped<K, V>(
    supplier: WindowBytesStoreSupplier,
    keySerde?: Serde<K>,
    valueSerde?: Serde<V>,
  ): WindowStoreBuilder<K, V, TimestampedWindowStore<K, V>> {
    return new WindowStoreBuilder<K, V, TimestampedWindowStore<K, V>>(WindowStoreBuilder.defaults(supplier, keySerde, valueSerde, true));
  }

  private static defaults<K, V>(
    supplier: WindowBytesStoreSupplier,
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<V> | undefined,
    timestamped: boolean,
  ): Settings<K, V> {
    return { supplier, keySerde, valueSerde, loggingEnabled: true, logConfig: windowChangelogConfig(supplier, {}), timestamped };
  }

  /** Accepted for Kafka Streams parity; window stores have no cache yet, so nothing changes. */
  withCachingEnabled(): WindowStoreBuilder<K, V, S> {
    return this;
  }

  withCachingDisabled(): WindowStoreBuilder<K, V, S> {
    return this;
  }

  withLoggingEnabled(topicConfig: Readonly<Record<string, string>> = {}): WindowStoreBuilder<K, V, S> {
    return this.with({ loggingEnabled: true, logConfig: windowChangelogConfig(this.settings.supplier, topicConfig) });
  }

  withLoggingDisabled(): WindowStoreBuilder<K, V, S> {
    return this.with({ loggingEnabled: false, logConfig: Object.freeze({}) });
  }

  build(): S {
    const { supplier, keySerde, valueSerde, loggingEnabled, timestamped } = this.settings;
    let store: WindowBytesStore = supplier.get();
    if (loggingEnabled) store = new ChangeLoggingWindowBytesStore(store, timestamped);
    const metered = timestamped
      ? new MeteredTimestampedWindowStore<K, V>(store, keySerde, valueSerde)
      : new MeteredWindowStore<K, V>(store, keySerde, valueSerde);
    return metered as unknown as S;
  }

  private with(changes: Partial<Settings<K, V>>): WindowStoreBuilder<K, V, S> {
    return new WindowStoreBuilder<K, V, S>({ ...this.settings, ...changes });
  }
}

/** `compact,delete` with retention.ms = the store's retention + 1 day, under the user's own topic configs. */
function windowChangelogConfig(supplier: WindowBytesStoreSupplier, topicConfig: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  if (supplier.retainDuplicates && topicConfig['cleanup.policy']?.includes('compact')) {
    throw new TopologyError(`window store '${supplier.name}' keeps duplicates: its changelog cannot be compacted`);
  }
  return Object.freeze({
    'cleanup.policy': supplier.retainDuplicates ? 'delete' : 'compact,delete',
    'retention.ms': String(supplier.retentionPeriod + CHANGELOG_ADDITIONAL_RETENTION_MS),
    ...topicConfig,
  });
}
