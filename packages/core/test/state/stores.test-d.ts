import { describe, expectTypeOf, it } from 'vitest';
import {
  Stores,
  type CachedChange,
  type KeyValue,
  type KeyValueStore,
  type StoreBuilder,
  type TimestampedKeyValueStore,
  type ValueAndTimestamp,
} from '../../src/index.js';
import { Serdes } from '../../src/serde/index.js';

describe('Stores types', () => {
  it('infers the store type from the serdes, and keeps it through withX()', () => {
    const builder = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('s'), Serdes.string(), Serdes.int64());
    expectTypeOf(builder).toEqualTypeOf<StoreBuilder<KeyValueStore<string, bigint>>>();
    expectTypeOf(builder.withCachingEnabled().withLoggingDisabled().build()).toEqualTypeOf<KeyValueStore<string, bigint>>();
  });

  it('takes explicit types when the serdes come from the config', () => {
    const store = Stores.keyValueStoreBuilder<string, number>(Stores.persistentKeyValueStore('p')).build();
    expectTypeOf(store.get('k')).toEqualTypeOf<number | undefined>();
    expectTypeOf(store.range).returns.toEqualTypeOf<IterableIterator<KeyValue<string, number>>>();
    expectTypeOf(store.put).parameter(1).toEqualTypeOf<number | null>();
    expectTypeOf(store.setFlushListener).parameter(0).parameter(0).toEqualTypeOf<CachedChange<string, number>>();
  });

  it('a timestamped builder stores values with timestamps, from the plain serdes', () => {
    const builder = Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore('t'), Serdes.string(), Serdes.int64());
    expectTypeOf(builder).toEqualTypeOf<StoreBuilder<TimestampedKeyValueStore<string, bigint>>>();
    const store = builder.withCachingEnabled().build();
    expectTypeOf(store.get('k')).toEqualTypeOf<ValueAndTimestamp<bigint> | undefined>();
    expectTypeOf(store.put).parameter(1).toEqualTypeOf<ValueAndTimestamp<bigint> | null>();
  });
});
