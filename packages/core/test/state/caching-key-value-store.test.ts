// The caching layer: the write buffer that deduplicates updates per key until flush or eviction.
import { describe, expect, it } from 'vitest';
import { InMemoryKeyValueStore } from '../../src/state/backends/in-memory-key-value-store.js';
import type { CachedChange } from '../../src/state/key-value-store.js';
import { CachingKeyValueStore } from '../../src/state/layers/caching-key-value-store.js';
import { b, FakeStoreContext, plain } from './fake-store-context.js';

type Change = { key: number[]; newValue: number[] | null; oldValue: number[] | null; timestamp: number };

class CountingStore extends InMemoryKeyValueStore {
  flushes = 0;
  override flush(): void {
    this.flushes++;
  }
}

function setup(options: { cacheMaxBytes?: number; sendOldValues?: boolean; listener?: boolean } = {}) {
  const ctx = new FakeStoreContext({ cacheMaxBytes: options.cacheMaxBytes ?? 1 << 20 });
  const inner = new CountingStore('c');
  const cache = new CachingKeyValueStore(inner);
  cache.init(ctx);
  const changes: Change[] = [];
  if (options.listener !== false) {
    const registered = cache.setFlushListener((c: CachedChange<Uint8Array, Uint8Array>) => {
      changes.push({ key: [...c.key], newValue: c.newValue && [...c.newValue], oldValue: c.oldValue && [...c.oldValue], timestamp: c.timestamp });
    }, options.sendOldValues ?? false);
    expect(registered).toBe(true);
  }
  return { ctx, inner, cache, changes };
}

describe('CachingKeyValueStore', () => {
  it('forwards one change per key per flush, with the last value and its timestamp', () => {
    const { ctx, inner, cache, changes } = setup();
    ctx.timestamp = 10;
    cache.put(b(1), b(1));
    ctx.timestamp = 20;
    cache.put(b(1), b(2));
    ctx.timestamp = 30;
    cache.put(b(1), b(3));
    expect(changes).toEqual([]);
    expect(inner.get(b(1))).toBeUndefined(); // not written down yet
    cache.flush();
    expect(changes).toEqual([{ key: [1], newValue: [3], oldValue: null, timestamp: 30 }]);
    expect([...inner.get(b(1))!]).toEqual([3]);
    cache.flush();
    expect(changes).toHaveLength(1);
  });

  it('flushes oldest change first: a rewritten key moves to the end', () => {
    const { cache, changes } = setup();
    cache.put(b(1), b(1));
    cache.put(b(2), b(2));
    cache.put(b(3), b(3));
    cache.put(b(1), b(4));
    cache.flush();
    expect(changes.map((c) => c.key[0])).toEqual([2, 3, 1]);
  });

  it('with sendOldValues, oldValue is the value before the first change since the last flush', () => {
    const { cache, changes } = setup({ sendOldValues: true });
    cache.put(b(1), b(1));
    cache.flush();
    cache.put(b(1), b(2));
    cache.put(b(1), b(3));
    cache.flush();
    expect(changes).toEqual([
      { key: [1], newValue: [1], oldValue: null, timestamp: 0 },
      { key: [1], newValue: [3], oldValue: [1], timestamp: 0 },
    ]);
  });

  it('without sendOldValues, oldValue is null', () => {
    const { cache, changes } = setup({ sendOldValues: false });
    cache.put(b(1), b(1));
    cache.flush();
    cache.put(b(1), b(2));
    cache.flush();
    expect(changes[1]).toEqual({ key: [1], newValue: [2], oldValue: null, timestamp: 0 });
  });

  it('forwards a delete as newValue null, and deletes below', () => {
    const { inner, cache, changes } = setup({ sendOldValues: true });
    cache.put(b(1), b(1));
    cache.flush();
    expect([...cache.delete(b(1))!]).toEqual([1]);
    expect(cache.get(b(1))).toBeUndefined();
    cache.flush();
    expect(changes[1]).toEqual({ key: [1], newValue: null, oldValue: [1], timestamp: 0 });
    expect(inner.get(b(1))).toBeUndefined();
  });

  it('forwards nothing for a key put and deleted between two flushes that never was below', () => {
    const { cache, changes } = setup();
    cache.put(b(1), b(1));
    cache.put(b(1), null);
    cache.flush();
    expect(changes).toEqual([]);
  });

  it('evicts the oldest entries when over cacheMaxBytes: written down and forwarded before any flush', () => {
    // Each entry here costs 2 + 100 + overhead (112) = 214 bytes: 3 fit in 700, a 4th does not.
    const { inner, cache, changes } = setup({ cacheMaxBytes: 700 });
    const v = (n: number) => new Uint8Array(100).fill(n);
    cache.put(b(1), v(1));
    cache.put(b(2), v(2));
    cache.put(b(3), v(3));
    cache.put(b(1), v(4)); // 1 is now the newest
    expect(changes).toEqual([]);
    cache.put(b(5), v(5));
    expect(changes.map((c) => c.key[0])).toEqual([2]);
    expect(inner.get(b(2))![0]).toBe(2);
    expect(inner.get(b(3))).toBeUndefined();
    expect(cache.get(b(2))![0]).toBe(2); // read through from below
    cache.flush();
    expect(changes.map((c) => c.key[0])).toEqual([2, 3, 1, 5]);
  });

  it('with cacheMaxBytes 0, writes every update through and forwards each at once', () => {
    const { inner, cache, changes } = setup({ cacheMaxBytes: 0, sendOldValues: true });
    cache.put(b(1), b(1));
    cache.put(b(1), b(2));
    expect(cache.putIfAbsent(b(1), b(9))![0]).toBe(2);
    cache.delete(b(1));
    expect(changes).toEqual([
      { key: [1], newValue: [1], oldValue: null, timestamp: 0 },
      { key: [1], newValue: [2], oldValue: [1], timestamp: 0 },
      { key: [1], newValue: null, oldValue: [2], timestamp: 0 },
    ]);
    cache.put(b(2), b(2));
    expect([...inner.get(b(2))!]).toEqual([2]);
  });

  it('without a listener, flush still writes every entry down', () => {
    const { inner, cache } = setup({ listener: false });
    cache.put(b(1), b(1));
    cache.put(b(2), b(2));
    cache.flush();
    expect(plain(inner.range(undefined, undefined, false))).toEqual([
      [[1], [1]],
      [[2], [2]],
    ]);
  });

  it('reads see the cache first, deletes in the cache included', () => {
    const { inner, cache } = setup();
    inner.put(b(1), b(1));
    inner.put(b(2), b(2));
    cache.put(b(1), b(10));
    cache.delete(b(2));
    expect([...cache.get(b(1))!]).toEqual([10]);
    expect(cache.get(b(2))).toBeUndefined();
    expect(cache.putIfAbsent(b(2), b(20))).toBeUndefined();
    expect([...cache.get(b(2))!]).toEqual([20]);
    expect(cache.approximateNumEntries()).toBe(2);
  });

  it('scans merge the cache over the store below: cached values win, cached deletes hide', () => {
    const { inner, cache } = setup();
    for (const k of [1, 3, 5, 7]) inner.put(b(k), b(k));
    cache.put(b(3), b(30));
    cache.delete(b(5));
    cache.put(b(4), b(40));
    cache.put(b(9), b(90));
    expect(plain(cache.range(undefined, undefined, false))).toEqual([
      [[1], [1]],
      [[3], [30]],
      [[4], [40]],
      [[7], [7]],
      [[9], [90]],
    ]);
    expect(plain(cache.range(b(2), b(7), true)).map(([k]) => k[0])).toEqual([7, 4, 3]);
    cache.put(b(3, 1), b(31));
    expect(plain(cache.prefixScan(b(3))).map(([k]) => k)).toEqual([[3], [3, 1]]);
    expect(cache.approximateNumEntries()).toBe(6);
  });

  it('flush flushes the store below too, even with nothing cached', () => {
    const { inner, cache } = setup();
    cache.flush();
    cache.put(b(1), b(1));
    cache.flush();
    expect(inner.flushes).toBe(2);
  });

  it('close drops the dirty entries without forwarding them', () => {
    const { inner, cache, changes } = setup();
    cache.put(b(1), b(1));
    cache.close();
    expect(changes).toEqual([]);
    expect(inner.isOpen()).toBe(false);
  });

  it('a listener that writes the same key during flush leaves the new write for the next flush', () => {
    const { cache, changes } = setup();
    let rewrote = false;
    cache.setFlushListener((c) => {
      changes.push({ key: [...c.key], newValue: c.newValue && [...c.newValue], oldValue: null, timestamp: c.timestamp });
      if (!rewrote) {
        rewrote = true;
        cache.put(b(2), b(22));
      }
    }, false);
    cache.put(b(1), b(1));
    cache.put(b(2), b(2));
    cache.flush();
    expect(changes.map((c) => c.newValue)).toEqual([[1]]); // 2 was superseded before it was flushed
    expect([...cache.get(b(2))!]).toEqual([22]);
    cache.flush();
    expect(changes.map((c) => c.newValue)).toEqual([[1], [22]]);
  });
});
