// Range, reverse range, all, reverse all and prefix scans return the same entries in the same order on every
// backend and stack, and that order is `compareBytes` order (unsigned bytes, prefixes first).
import { afterAll, describe, expect, it } from 'vitest';
import { Serdes } from '../../src/serde/index.js';
import { InMemoryKeyValueStore } from '../../src/state/backends/in-memory-key-value-store.js';
import { LmdbKeyValueStore } from '../../src/state/backends/lmdb-key-value-store.js';
import { compareBytes, hasPrefix, prefixEnd } from '../../src/state/bytes-order.js';
import { fromByteString, toByteString } from '../../src/state/byte-string.js';
import type { KeyValueStore } from '../../src/state/key-value-store.js';
import { CachingKeyValueStore } from '../../src/state/layers/caching-key-value-store.js';
import { MeteredKeyValueStore } from '../../src/state/layers/metered-key-value-store.js';
import { b, FakeStoreContext } from './fake-store-context.js';

/** mulberry32: a small seeded PRNG, so every run checks the same cases. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Bytes from a small alphabet with the edges of the unsigned order (0x00, 0x7f, 0x80, 0xff), lengths 0..4: many keys share prefixes. */
function randomKey(rnd: () => number): Uint8Array {
  const alphabet = [0x00, 0x01, 0x41, 0x7f, 0x80, 0x81, 0xfe, 0xff];
  const n = Math.floor(rnd() * 5);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = rnd() < 0.8 ? alphabet[Math.floor(rnd() * alphabet.length)]! : Math.floor(rnd() * 256);
  return out;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('compareBytes and prefixEnd', () => {
  it('order bytes as unsigned, a prefix before its extensions', () => {
    expect(compareBytes(b(0x7f), b(0x80))).toBeLessThan(0);
    expect(compareBytes(b(0xff), b(0x00, 0x00))).toBeGreaterThan(0);
    expect(compareBytes(b(1, 2), b(1, 2, 0))).toBeLessThan(0);
    expect(compareBytes(b(), b(0))).toBeLessThan(0);
    expect(compareBytes(b(5, 6), b(5, 6))).toBe(0);
    const rnd = prng(7);
    for (let i = 0; i < 2000; i++) {
      const x = randomKey(rnd);
      const y = randomKey(rnd);
      expect(Math.sign(compareBytes(x, y))).toBe(Math.sign(Buffer.compare(x, y)));
      expect(Math.sign(compareBytes(x, y))).toBe(Math.sign(toByteString(x) < toByteString(y) ? -1 : toByteString(x) > toByteString(y) ? 1 : 0));
      expect([...fromByteString(toByteString(x))]).toEqual([...x]);
    }
  });

  it('prefixEnd is the least key above every key with the prefix, and never changes its input', () => {
    expect([...prefixEnd(b(1, 2))!]).toEqual([1, 3]);
    expect([...prefixEnd(b(1, 0xff, 0xff))!]).toEqual([2]);
    expect(prefixEnd(b(0xff, 0xff))).toBeUndefined();
    expect(prefixEnd(b())).toBeUndefined();
    const input = Buffer.from([3, 4]);
    prefixEnd(input);
    expect([...input]).toEqual([3, 4]);
  });
});

type Stack = { label: string; store: KeyValueStore<Uint8Array, Uint8Array>; ctx: FakeStoreContext };

describe('scan order on every backend (seeded random byte keys)', () => {
  const rnd = prng(20240611);
  const stacks: Stack[] = [];
  const model = new Map<string, Uint8Array>(); // hex key -> value, the reference
  const keyOf = new Map<string, Uint8Array>();

  function stack(label: string, backend: 'memory' | 'lmdb', cached: boolean): Stack {
    const ctx = new FakeStoreContext({ cacheMaxBytes: 1 << 20 });
    const below = backend === 'memory' ? new InMemoryKeyValueStore('s') : new LmdbKeyValueStore('s');
    const store = new MeteredKeyValueStore<Uint8Array, Uint8Array>(cached ? new CachingKeyValueStore(below) : below, Serdes.bytes(), Serdes.bytes());
    store.init(ctx);
    const s = { label, store, ctx };
    stacks.push(s);
    return s;
  }

  const memory = stack('in-memory', 'memory', false);
  const lmdb = stack('lmdb', 'lmdb', false);
  const cachedLmdb = stack('caching over lmdb', 'lmdb', true);
  const cachedMemory = stack('caching over in-memory', 'memory', true);
  const all = [memory, lmdb, cachedLmdb, cachedMemory];

  function write(key: Uint8Array, value: Uint8Array | null): void {
    for (const s of all) s.store.put(key, value);
    if (value === null) model.delete(hex(key));
    else {
      model.set(hex(key), value);
      keyOf.set(hex(key), key);
    }
  }

  /** Moves each stack's writes one level down: caches flush, LMDB commits. */
  function flushAndCommit(which: Stack[]): void {
    for (const s of which) {
      s.store.flush();
      s.ctx.registration('s').commit(undefined);
    }
  }

  // Round 1 goes to LMDB (committed); round 2 stays in LMDB's overlay (pending puts and deletes of committed
  // keys); round 3 stays in the caches (dirty puts and deletes over both).
  let v = 0;
  const value = () => b(v >> 8, v++ & 0xff);
  for (let i = 0; i < 300; i++) write(randomKey(rnd), value());
  flushAndCommit(all);
  const committed = [...keyOf.values()];
  for (let i = 0; i < 150; i++) {
    if (rnd() < 0.4) write(committed[Math.floor(rnd() * committed.length)]!, null);
    else if (rnd() < 0.5) write(committed[Math.floor(rnd() * committed.length)]!, value());
    else write(randomKey(rnd), value());
  }
  for (const s of all) s.store.flush(); // caches down to LMDB's overlay, not committed
  for (let i = 0; i < 100; i++) {
    const keys = [...keyOf.values()];
    if (rnd() < 0.4) write(keys[Math.floor(rnd() * keys.length)]!, null);
    else write(rnd() < 0.5 ? keys[Math.floor(rnd() * keys.length)]! : randomKey(rnd), value());
  }

  afterAll(() => {
    for (const s of all) s.store.close();
  });

  const sortedModel = (): [Uint8Array, Uint8Array][] =>
    [...model.entries()].map(([h, val]) => [keyOf.get(h)!, val] as [Uint8Array, Uint8Array]).sort((x, y) => compareBytes(x[0], y[0]));
  const asHex = (entries: Iterable<readonly [Uint8Array, Uint8Array]>): string[] => [...entries].map(([k, val]) => `${hex(k)}=${hex(val)}`);

  it('the writes left something in every level (committed, pending overlay, dirty cache)', () => {
    expect(model.size).toBeGreaterThan(100);
    expect(memory.store.approximateNumEntries()).toBe(model.size);
    expect(lmdb.store.approximateNumEntries()).toBe(model.size);
    expect(cachedLmdb.store.approximateNumEntries()).toBe(model.size);
  });

  it.each(all.map((s) => [s.label, s] as const))('all / reverseAll on %s match the reference order', (_label, s) => {
    const expected = asHex(sortedModel());
    expect(asHex(s.store.all())).toEqual(expected);
    expect(asHex(s.store.reverseAll())).toEqual([...expected].reverse());
  });

  it.each(all.map((s) => [s.label, s] as const))('range / reverseRange on %s match the reference for random bounds', (_label, s) => {
    const boundsRnd = prng(99);
    const reference = sortedModel();
    for (let i = 0; i < 150; i++) {
      const from = boundsRnd() < 0.15 ? undefined : randomKey(boundsRnd);
      const to = boundsRnd() < 0.15 ? undefined : randomKey(boundsRnd);
      const expected = asHex(reference.filter(([k]) => (from === undefined || compareBytes(k, from) >= 0) && (to === undefined || compareBytes(k, to) <= 0)));
      expect(asHex(s.store.range(from, to)), `range ${from && hex(from)}..${to && hex(to)}`).toEqual(expected);
      expect(asHex(s.store.reverseRange(from, to))).toEqual([...expected].reverse());
    }
  });

  it.each(all.map((s) => [s.label, s] as const))('prefixScan on %s matches the reference for random prefixes', (_label, s) => {
    const prefixRnd = prng(5);
    const reference = sortedModel();
    const prefixes = [b(), b(0xff), b(0xff, 0xff), b(0x80), b(0x7f), b(0x00)];
    for (let i = 0; i < 100; i++) prefixes.push(randomKey(prefixRnd).subarray(0, 2));
    for (const prefix of prefixes) {
      const expected = asHex(reference.filter(([k]) => hasPrefix(k, prefix)));
      expect(asHex(s.store.prefixScan(prefix, Serdes.bytes())), `prefix ${hex(prefix)}`).toEqual(expected);
    }
  });

  it('after everything is flushed and committed, LMDB alone holds the same entries', () => {
    flushAndCommit(all);
    const expected = asHex(sortedModel());
    for (const s of all) expect(asHex(s.store.all()), s.label).toEqual(expected);
  });
});
