// The builder of a session store (Kafka Streams' SessionStoreBuilder): metered → change-logging → segmented
// backend. No caching layer yet (docs/windows.md); changelogs are compact,delete with retention + 1 day.
import type { Serde } from '../../serde/serde.js';
import type { StoreBuilder } from '../store-builder.js';
import { ChangeLoggingSessionBytesStore } from './change-logging-session-bytes-store.js';
import { MeteredSessionStore } from './metered-session-store.js';
import type { SessionBytesStore, SessionBytesStoreSupplier, SessionStore } from './session-store.js';

const CHANGELOG_ADDITIONAL_RETENTION_MS = 24 * 60 * 60 * 1000;

export class SessionStoreBuilder<K, AGG> implements StoreBuilder<SessionStore<K, AGG>> {
  readonly name: string;
  readonly persistent: boolean;
  readonly cachingEnabled = false;

  private constructor(
    private readonly supplier: SessionBytesStoreSupplier,
    private readonly keySerde: Serde<K> | undefined,
    private readonly valueSerde: Serde<AGG> | undefined,
    readonly loggingEnabled: boolean,
    readonly logConfig: Readonly<Record<string, string>>,
  ) {
    this.name = supplier.name;
    this.persistent = supplier.persistent;
    Object.freeze(this);
  }

  static create<K, AGG>(supplier: SessionBytesStoreSupplier, keySerde?: Serde<K>, valueSerde?: Serde<AGG>): SessionStoreBuilder<K, AGG> {
    return new SessionStoreBuilder(supplier, keySerde, valueSerde, true, changelogConfig(supplier, {}));
  }

  /** Accepted for Kafka Streams parity; session stores have no cache yet, so nothing changes. */
  withCachingEnabled(): SessionStoreBuilder<K, AGG> {
    return this;
  }

  withCachingDisabled(): SessionStoreBuilder<K, AGG> {
    return this;
  }

  withLoggingEnabled(topicConfig: Readonly<Record<string, string>> = {}): SessionStoreBuilder<K, AGG> {
    return new SessionStoreBuilder(this.supplier, this.keySerde, this.valueSerde, true, changelogConfig(this.supplier, topicConfig));
  }

  withLoggingDisabled(): SessionStoreBuilder<K, AGG> {
    return new SessionStoreBuilder(this.supplier, this.keySerde, this.valueSerde, false, Object.freeze({}));
  }

  build(): SessionStore<K, AGG> {
    let store: SessionBytesStore = this.supplier.get();
    if (this.loggingEnabled) store = new ChangeLoggingSessionBytesStore(store);
    return new MeteredSessionStore<K, AGG>(store, this.keySerde, this.valueSerde);
  }
}

function changelogConfig(supplier: SessionBytesStoreSupplier, topicConfig: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  return Object.freeze({
    'cleanup.policy': 'compact,delete',
    'retention.ms': String(supplier.retentionPeriod + CHANGELOG_ADDITIONAL_RETENTION_MS),
    ...topicConfig,
  });
}
