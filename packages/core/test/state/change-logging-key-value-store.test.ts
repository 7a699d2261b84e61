// The change-logging layer: every change that reaches the store is sent to its changelog.
import { describe, expect, it } from 'vitest';
import { InMemoryKeyValueStore } from '../../src/state/backends/in-memory-key-value-store.js';
import { ChangeLoggingKeyValueStore } from '../../src/state/layers/change-logging-key-value-store.js';
import { b, FakeStoreContext } from './fake-store-context.js';

function setup(logged = true) {
  const ctx = new FakeStoreContext({ loggedStores: logged ? ['log'] : [] });
  const inner = new InMemoryKeyValueStore('log');
  const store = new ChangeLoggingKeyValueStore(inner);
  store.init(ctx);
  return { ctx, inner, store };
}

describe('ChangeLoggingKeyValueStore', () => {
  it('logs each put with its key and value bytes and the current timestamp, after writing it', () => {
    const { ctx, inner, store } = setup();
    const seenBelow: (number[] | undefined)[] = [];
    const logChange = ctx.logChange.bind(ctx);
    ctx.logChange = (name, key, value, ts) => {
      const below = inner.get(key);
      seenBelow.push(below && [...below]);
      logChange(name, key, value, ts);
    };
    ctx.timestamp = 100;
    store.put(b(1), b(10));
    ctx.timestamp = 200;
    store.put(b(1), b(11));
    expect(ctx.logged).toEqual([
      { store: 'log', key: [1], value: [10], timestamp: 100 },
      { store: 'log', key: [1], value: [11], timestamp: 200 },
    ]);
    expect(seenBelow).toEqual([[10], [11]]);
  });

  it('logs deletes and puts of null as null values', () => {
    const { ctx, store } = setup();
    store.put(b(1), b(1));
    store.put(b(2), b(2));
    ctx.timestamp = 5;
    expect([...store.delete(b(1))!]).toEqual([1]);
    store.put(b(2), null);
    expect(ctx.logged.slice(2)).toEqual([
      { store: 'log', key: [1], value: null, timestamp: 5 },
      { store: 'log', key: [2], value: null, timestamp: 5 },
    ]);
  });

  it('does not log a delete of a missing key, nor a putIfAbsent that put nothing', () => {
    const { ctx, store } = setup();
    expect(store.delete(b(1))).toBeUndefined();
    expect(store.putIfAbsent(b(2), b(2))).toBeUndefined();
    expect([...store.putIfAbsent(b(2), b(3))!]).toEqual([2]);
    expect(ctx.logged).toEqual([{ store: 'log', key: [2], value: [2], timestamp: 0 }]);
  });

  it('logs each entry of putAll', () => {
    const { ctx, store } = setup();
    store.putAll([
      [b(1), b(1)],
      [b(2), null],
    ]);
    expect(ctx.logged.map((l) => [l.key, l.value])).toEqual([
      [[1], [1]],
      [[2], null],
    ]);
  });

  it('logs nothing when the context gives the store no changelog topic', () => {
    const { ctx, store } = setup(false);
    store.put(b(1), b(1));
    store.delete(b(1));
    expect(ctx.logged).toEqual([]);
  });

  it('passes reads, scans, counts and flush through to the store below', () => {
    const { store } = setup();
    store.put(b(2), b(2));
    store.put(b(1), b(1));
    expect([...store.get(b(1))!]).toEqual([1]);
    expect([...store.range(undefined, undefined, true)].map(([k]) => k[0])).toEqual([2, 1]);
    expect([...store.prefixScan(b(2))].map(([k]) => k[0])).toEqual([2]);
    expect(store.approximateNumEntries()).toBe(2);
    expect(store.setFlushListener(() => {}, false)).toBe(false);
    expect(store.name).toBe('log');
    expect(store.persistent).toBe(false);
  });
});
