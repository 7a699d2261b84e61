// Every KeyValueStore operation through the metered layer, on each backend and stack, with the writes in each
// place they can be (in-memory, LMDB's overlay, LMDB itself, a cache).
import { afterEach, describe, expect, it } from 'vitest';
import { StateStoreError } from '../../src/errors.js';
import { Serdes } from '../../src/serde/index.js';
import { InMemoryKeyValueStore } from '../../src/state/backends/in-memory-key-value-store.js';
import { LmdbKeyValueStore } from '../../src/state/backends/lmdb-key-value-store.js';
import type { KeyValueBytesStore } from '../../src/state/key-value-store.js';
import { CachingKeyValueStore } from '../../src/state/layers/caching-key-value-store.js';
import { MeteredKeyValueStore } from '../../src/state/layers/metered-key-value-store.js';
import { FakeStoreContext } from './fake-store-context.js';

interface Backend {
  readonly label: string;
  make(name: string): KeyValueBytesStore;
  /** Whether writes are flushed and committed after each step: reads then go to LMDB, not to the overlay or cache. */
  readonly commitWrites: boolean;
  readonly cached: boolean;
}

const backends: Backend[] = [
  { label: 'in-memory', make: (name) => new InMemoryKeyValueStore(name), commitWrites: false, cached: false },
  { label: 'lmdb (writes pending)', make: (name) => new LmdbKeyValueStore(name), commitWrites: false, cached: false },
  { label: 'lmdb (writes committed)', make: (name) => new LmdbKeyValueStore(name), commitWrites: true, cached: false },
  { label: 'caching over in-memory (writes cached)', make: (name) => new CachingKeyValueStore(new InMemoryKeyValueStore(name)), commitWrites: false, cached: true },
  { label: 'caching over lmdb (writes committed)', make: (name) => new CachingKeyValueStore(new LmdbKeyValueStore(name)), commitWrites: true, cached: true },
];

describe.each(backends)('KeyValueStore (metered) on $label', (backend) => {
  let ctx: FakeStoreContext;
  let store: MeteredKeyValueStore<string, string>;
  const open: MeteredKeyValueStore<string, string>[] = [];

  function make(): MeteredKeyValueStore<string, string> {
    ctx = new FakeStoreContext();
    store = new MeteredKeyValueStore(backend.make('kv'), Serdes.string(), Serdes.string());
    store.init(ctx);
    open.push(store);
    return store;
  }

  /** Flushes and commits in the committed variants; a no-op otherwise. */
  function settle(): void {
    if (!backend.commitWrites) return;
    store.flush();
    ctx.registration('kv').commit(undefined);
  }

  function keys(it: Iterable<readonly [string, string]>): string[] {
    return [...it].map(([k]) => k);
  }

  afterEach(() => {
    for (const s of open.splice(0)) if (s.isOpen()) s.close();
  });

  it('puts, gets, overwrites and deletes with put(k, null)', () => {
    make();
    expect(store.get('a')).toBeUndefined();
    store.put('a', '1');
    store.put('b', '2');
    settle();
    expect(store.get('a')).toBe('1');
    store.put('a', '3');
    settle();
    expect(store.get('a')).toBe('3');
    store.put('a', null);
    settle();
    expect(store.get('a')).toBeUndefined();
    expect(store.get('b')).toBe('2');
  });

  it('putIfAbsent puts only a missing key and returns the existing value', () => {
    make();
    expect(store.putIfAbsent('a', '1')).toBeUndefined();
    settle();
    expect(store.putIfAbsent('a', '2')).toBe('1');
    settle();
    expect(store.get('a')).toBe('1');
  });

  it('putAll applies entries in order, nulls deleting', () => {
    make();
    store.put('gone', 'x');
    settle();
    store.putAll([
      ['a', '1'],
      ['b', '2'],
      ['a', '3'],
      ['gone', null],
    ]);
    settle();
    expect([...store.all()]).toEqual([
      ['a', '3'],
      ['b', '2'],
    ]);
  });

  it('delete returns the old value, or undefined for a missing key', () => {
    make();
    store.put('a', '1');
    settle();
    expect(store.delete('a')).toBe('1');
    settle();
    expect(store.delete('a')).toBeUndefined();
    expect(store.get('a')).toBeUndefined();
  });

  it('range has inclusive bounds, undefined bounds are open, and from > to is empty', () => {
    make();
    for (const k of ['a', 'b', 'c', 'd', 'e']) store.put(k, k.toUpperCase());
    settle();
    expect([...store.range('b', 'd')]).toEqual([
      ['b', 'B'],
      ['c', 'C'],
      ['d', 'D'],
    ]);
    expect(keys(store.range(undefined, 'b'))).toEqual(['a', 'b']);
    expect(keys(store.range('d', undefined))).toEqual(['d', 'e']);
    expect(keys(store.range('bb', 'cc'))).toEqual(['c']);
    expect(keys(store.range('d', 'b'))).toEqual([]);
    expect(keys(store.reverseRange('b', 'd'))).toEqual(['d', 'c', 'b']);
    expect(keys(store.reverseRange(undefined, 'b'))).toEqual(['b', 'a']);
    expect(keys(store.reverseRange('d', undefined))).toEqual(['e', 'd']);
    expect(keys(store.all())).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(keys(store.reverseAll())).toEqual(['e', 'd', 'c', 'b', 'a']);
  });

  it('prefixScan returns the keys starting with the serialized prefix, in order', () => {
    make();
    for (const k of ['ab', 'a', 'abc', 'b', 'aa', 'abd', 'ac']) store.put(k, k);
    settle();
    expect(keys(store.prefixScan('ab', Serdes.string()))).toEqual(['ab', 'abc', 'abd']);
    expect(keys(store.prefixScan('a', Serdes.string()))).toEqual(['a', 'aa', 'ab', 'abc', 'abd', 'ac']);
    expect(keys(store.prefixScan('', Serdes.string()))).toEqual(['a', 'aa', 'ab', 'abc', 'abd', 'ac', 'b']);
    expect(keys(store.prefixScan('z', Serdes.string()))).toEqual([]);
  });

  it('keeps the empty key (a key of zero bytes) like any other', () => {
    make();
    store.put('', 'empty');
    store.put('a', '1');
    settle();
    expect(store.get('')).toBe('empty');
    expect(keys(store.all())).toEqual(['', 'a']);
    expect(keys(store.reverseAll())).toEqual(['a', '']);
    expect(keys(store.range('', ''))).toEqual(['']);
    expect(store.delete('')).toBe('empty');
    settle();
    expect(keys(store.all())).toEqual(['a']);
  });

  it('stops early on break, and the store goes on working', () => {
    make();
    for (let i = 0; i < 100; i++) store.put(`k${String(i).padStart(3, '0')}`, String(i));
    settle();
    const seen: string[] = [];
    for (const [k] of store.all()) {
      seen.push(k);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(['k000', 'k001', 'k002']);
    store.put('k000', 'x');
    settle();
    expect(store.get('k000')).toBe('x');
    expect([...store.all()]).toHaveLength(100);
  });

  it('iterates live: writes while iterating are seen ahead of the position, deletes ahead are not', () => {
    make();
    for (const k of ['a', 'b', 'c', 'd', 'e']) store.put(k, k);
    settle();
    const seen: string[] = [];
    for (const [k, v] of store.all()) {
      seen.push(`${k}=${v}`);
      store.delete(k);
      if (k === 'a') store.delete('c');
      if (k === 'b') store.put('bb', 'new');
      if (k === 'b') store.put('d', 'D');
    }
    expect(seen).toEqual(['a=a', 'b=b', 'bb=new', 'd=D', 'e=e']);
    expect([...store.all()]).toEqual([]);
    for (const k of ['x', 'y', 'z']) store.put(k, k);
    settle();
    const reversed: string[] = [];
    for (const [k] of store.reverseAll()) {
      reversed.push(k);
      if (k === 'z') store.put('a', 'a');
    }
    expect(reversed).toEqual(['z', 'y', 'x', 'a']);
  });

  it('counts entries exactly, including unflushed puts and deletes', () => {
    make();
    for (const k of ['a', 'b', 'c']) store.put(k, k);
    settle();
    store.put('d', 'd');
    store.delete('a');
    store.put('b', 'B');
    store.put('zz', null);
    settle();
    expect(store.approximateNumEntries()).toBe(3);
  });

  it('setFlushListener returns true only with a cache', () => {
    make();
    expect(store.setFlushListener(() => {}, true)).toBe(backend.cached);
  });

  it('reports its name, persistence, and open state; operations after close throw StateStoreError', () => {
    make();
    expect(store.name).toBe('kv');
    expect(store.persistent).toBe(backend.label.includes('lmdb'));
    expect(store.isOpen()).toBe(true);
    store.close();
    expect(store.isOpen()).toBe(false);
    expect(() => store.get('a')).toThrow(StateStoreError);
    expect(() => store.put('a', '1')).toThrow(/not open/);
    expect(() => store.all()).toThrow(StateStoreError);
  });

  it('registers with the context once, from init', () => {
    make();
    expect([...ctx.registrations.keys()]).toEqual(['kv']);
    expect(ctx.registration('kv').checkpointedOffset()).toBeUndefined();
  });

  it('counts operations in metrics()', () => {
    make();
    store.put('a', '1');
    store.putIfAbsent('b', '2');
    store.putAll([
      ['c', '3'],
      ['d', null],
    ]);
    store.get('a');
    store.get('zz');
    store.delete('a');
    [...store.range('a', 'c')];
    store.all();
    store.prefixScan('a', Serdes.string());
    expect(store.metrics()).toEqual({ puts: 4, gets: 2, deletes: 1, rangeScans: 3 });
  });
});
