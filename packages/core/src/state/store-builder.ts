// How a topology declares a store: a builder the task calls once per task (`build()`), so every task gets a
// fresh stack of layers. Builders are immutable: `withX()` returns a new one.
import type { KeyValueBytesStore } from './key-value-store.js';
import type { StateStore } from './state-store.js';

/** Creates the backend (bytes) of a key-value store: in-memory or LMDB. */
export interface KeyValueBytesStoreSupplier {
  readonly name: string;
  readonly persistent: boolean;
  get(): KeyValueBytesStore;
}

export interface StoreBuilder<S extends StateStore> {
  readonly name: string;
  readonly persistent: boolean;
  readonly cachingEnabled: boolean;
  readonly loggingEnabled: boolean;
  /** Topic configs of the changelog (on top of `cleanup.policy=compact`). */
  readonly logConfig: Readonly<Record<string, string>>;
  withCachingEnabled(): StoreBuilder<S>;
  withCachingDisabled(): StoreBuilder<S>;
  withLoggingEnabled(topicConfig?: Readonly<Record<string, string>>): StoreBuilder<S>;
  withLoggingDisabled(): StoreBuilder<S>;
  /** A new store (metered → caching → change-logging → backend, as enabled). */
  build(): S;
}
