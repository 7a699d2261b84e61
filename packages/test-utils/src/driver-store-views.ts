// How the TopologyTestDriver hands out a store by its kind, as Kafka Streams' driver does: a timestamped store
// (every store the DSL materializes) as a view of its plain values (KeyValueStoreFacade / WindowStoreFacade; a
// value put through it has no timestamp), or as itself from the `getTimestamped…` accessors.
import type {
  KeyValueStore,
  SessionStore,
  StateStore,
  TimestampedKeyValueStore,
  TimestampedWindowStore,
  WindowStore,
} from '@kstreams/core';
import {
  KeyValueStoreFacade,
  WindowStoreFacade,
  isTimestampedKeyValueStore,
  isTimestampedWindowStore,
  isSessionStore,
  isWindowStore,
} from '@kstreams/core/internal';

export function keyValueView<K, V>(store: StateStore | undefined): KeyValueStore<K, V> | undefined {
  if (isTimestampedKeyValueStore(store)) return new KeyValueStoreFacade<K, V>(store as unknown as TimestampedKeyValueStore<K, V>);
  if (store === undefined || isWindowStore(store) || isSessionStore(store)) return undefined;
  return store as KeyValueStore<K, V>;
}

export function timestampedKeyValueView<K, V>(store: StateStore | undefined): TimestampedKeyValueStore<K, V> | undefined {
  return isTimestampedKeyValueStore(store) ? (store as unknown as TimestampedKeyValueStore<K, V>) : undefined;
}

export function windowView<K, V>(store: StateStore | undefined): WindowStore<K, V> | undefined {
  if (isTimestampedWindowStore(store)) return new WindowStoreFacade<K, V>(store as unknown as TimestampedWindowStore<K, V>);
  return isWindowStore(store) ? (store as unknown as WindowStore<K, V>) : undefined;
}

export function timestampedWindowView<K, V>(store: StateStore | undefined): TimestampedWindowStore<K, V> | undefined {
  return isTimestampedWindowStore(store) ? (store as unknown as TimestampedWindowStore<K, V>) : undefined;
}

export function sessionView<K, AGG>(store: StateStore | undefined): SessionStore<K, AGG> | undefined {
  return isSessionStore(store) ? (store as unknown as SessionStore<K, AGG>) : undefined;
}
