// Stores and the key-value store builder: defaults, immutability, names, serdes, and the stack build() makes.
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, StateStoreError, TopologyError } from '../../src/errors.js';
import { Stores } from '../../src/index.js';
import { Serdes } from '../../src/serde/index.js';
import type { Serde } from '../../src/serde/serde.js';
import type { KeyValueStore } from '../../src/state/key-value-store.js';
import type { KeyValueBytesStoreSupplier } from '../../src/state/store-builder.js';
import { FakeStoreContext } from './fake-store-context.js';

const built: KeyValueStore<unknown, unknown>[] = [];
afterEach(() => {
  for (const s of built.splice(0)) if (s.isOpen()) s.close();
});

function open<K, V>(store: KeyValueStore<K, V>, ctx = new FakeStoreContext()): KeyValueStore<K, V> {
  store.init(ctx);
  built.push(store as KeyValueStore<unknown, unknown>);
  return store;
}

describe('Stores suppliers', () => {
  it('give a new backend per get(), named and flagged as persistent or not', () => {
    const memory = Stores.inMemoryKeyValueStore('m');
    const lmdb = Stores.persistentKeyValueStore('p');
    expect([memory.name, memory.persistent, lmdb.name, lmdb.persistent]).toEqual(['m', false, 'p', true]);
    expect(memory.get()).not.toBe(memory.get());
    expect(lmdb.get().persistent).toBe(true);
  });

  it.each(['', 'has space', 'a/b', 'ünïcode', 'colon:name', 'tab\t'])('reject the store name %j', (name) => {
    expect(() => Stores.inMemoryKeyValueStore(name)).toThrow(TopologyError);
    expect(() => Stores.persistentKeyValueStore(name)).toThrow(TopologyError);
  });

  it('accept letters, digits, dots, underscores and dashes', () => {
    expect(Stores.inMemoryKeyValueStore('Counts_2.by-key').name).toBe('Counts_2.by-key');
  });
});

describe('Stores.keyValueStoreBuilder', () => {
  const supplier = Stores.inMemoryKeyValueStore('counts');

  it('defaults to logging on and caching off, as Kafka Streams', () => {
    const builder = Stores.keyValueStoreBuilder(supplier, Serdes.string(), Serdes.int64());
    expect(builder.name).toBe('counts');
    expect(builder.persistent).toBe(false);
    expect(builder.loggingEnabled).toBe(true);
    expect(builder.cachingEnabled).toBe(false);
    expect(builder.logConfig).toEqual({});
    expect(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore('p')).persistent).toBe(true);
  });

  it('is immutable: withX returns a new builder and leaves the original unchanged', () => {
    const base = Stores.keyValueStoreBuilder(supplier, Serdes.string(), Serdes.string());
    const cached = base.withCachingEnabled();
    const unlogged = base.withLoggingDisabled();
    const config = { 'retention.ms': '1000' };
    const logged = unlogged.withLoggingEnabled(config);
    config['retention.ms'] = '2';
    expect(cached).not.toBe(base);
    expect([base.cachingEnabled, cached.cachingEnabled, cached.withCachingDisabled().cachingEnabled]).toEqual([false, true, false]);
    expect([base.loggingEnabled, unlogged.loggingEnabled, logged.loggingEnabled]).toEqual([true, false, true]);
    expect(logged.logConfig).toEqual({ 'retention.ms': '1000' });
    expect(logged.withLoggingDisabled().logConfig).toEqual({});
    expect(base.logConfig).toEqual({});
    expect(Object.isFrozen(base)).toBe(true);
    expect(Object.isFrozen(logged.logConfig)).toBe(true);
  });

  it('rejects a supplier with an invalid name', () => {
    const bad: KeyValueBytesStoreSupplier = { name: 'no spaces', persistent: false, get: () => supplier.get() };
    expect(() => Stores.keyValueStoreBuilder(bad)).toThrow(TopologyError);
  });

  it('build() gives a fresh store each time', () => {
    const builder = Stores.keyValueStoreBuilder(supplier, Serdes.string(), Serdes.string());
    const a = open(builder.build());
    const c = open(builder.build());
    a.put('k', 'v');
    expect(c.get('k')).toBeUndefined();
  });

  it('logs changes only with logging on, and caches only with caching on', () => {
    const plainCtx = new FakeStoreContext();
    const store = open(Stores.keyValueStoreBuilder(supplier, Serdes.string(), Serdes.string()).build(), plainCtx);
    expect(store.setFlushListener(() => {}, false)).toBe(false);
    store.put('a', '1');
    expect(plainCtx.logged).toHaveLength(1);

    const unloggedCtx = new FakeStoreContext();
    const unlogged = open(Stores.keyValueStoreBuilder(supplier, Serdes.string(), Serdes.string()).withLoggingDisabled().build(), unloggedCtx);
    unlogged.put('a', '1');
    expect(unloggedCtx.logged).toEqual([]); // no change-logging layer, though the context has a topic

    const cachedCtx = new FakeStoreContext();
    const cached = open(Stores.keyValueStoreBuilder(supplier, Serdes.string(), Serdes.string()).withCachingEnabled().build(), cachedCtx);
    const forwarded: [string, string | null][] = [];
    expect(cached.setFlushListener((c) => forwarded.push([c.key, c.newValue]), false)).toBe(true);
    cached.put('a', '1');
    cached.put('a', '2');
    expect(cachedCtx.logged).toEqual([]); // logged when the cache writes down
    cached.flush();
    expect(forwarded).toEqual([['a', '2']]);
    expect(cachedCtx.logged.map((l) => Buffer.from(l.value!).toString())).toEqual(['2']);
  });

  it('takes missing serdes from the context defaults', () => {
    const ctx = new FakeStoreContext({ defaultKeySerde: Serdes.string(), defaultValueSerde: Serdes.int32() });
    const store = open(Stores.keyValueStoreBuilder<string, number>(supplier).build(), ctx);
    store.put('a', 7);
    expect(store.get('a')).toBe(7);
    expect(ctx.logged[0]!.value).toEqual([0, 0, 0, 7]);
  });

  it('throws a ConfigError at init, not at build, naming the store and the missing serde', () => {
    const store = Stores.keyValueStoreBuilder(supplier, Serdes.string()).build();
    const ctx = new FakeStoreContext({ defaultKeySerde: Serdes.string() });
    expect(() => store.init(ctx)).toThrow(ConfigError);
    expect(() => store.init(ctx)).toThrow(/'counts' has no value serde.*defaultValueSerde/);
    expect(ctx.registrations.size).toBe(0);
    const noKey = Stores.keyValueStoreBuilder(supplier, undefined, Serdes.string()).build();
    expect(() => noKey.init(new FakeStoreContext())).toThrow(/'counts' has no key serde.*defaultKeySerde/);
  });

  it('wraps serde failures in a StateStoreError naming the store, the task and the operation', () => {
    const failing: Serde<string> = {
      name: 'failing',
      serialize: () => {
        throw new Error('boom');
      },
      deserialize: () => 'x',
    };
    const store = open(Stores.keyValueStoreBuilder(supplier, Serdes.string(), failing).build(), new FakeStoreContext({ taskId: '1_3' }));
    let error: unknown;
    try {
      store.put('a', 'b');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StateStoreError);
    expect((error as Error).message).toMatch(/'counts'.*task 1_3.*put.*serialize the value.*boom/);
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('serializes with the changelog topic, or the name it would have when logging is off', () => {
    const topics: string[] = [];
    const recording: Serde<string> = {
      name: 'recording',
      serialize: (topic, data) => {
        topics.push(topic);
        return Buffer.from(data);
      },
      deserialize: (_topic, data) => Buffer.from(data!).toString(),
    };
    const ctx = new FakeStoreContext({ loggedStores: [] });
    const store = open(Stores.keyValueStoreBuilder(supplier, recording, recording).build(), ctx);
    store.put('a', 'b');
    expect(topics).toEqual(['app-counts-changelog', 'app-counts-changelog']);
  });
});
