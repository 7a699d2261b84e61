// The LMDB backend's durability protocol (DESIGN §3): only `commit` writes to LMDB, with the changelog offset.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StateStoreError } from '../../src/errors.js';
import { LmdbKeyValueStore, type LmdbKeyValueStoreOptions } from '../../src/state/backends/lmdb-key-value-store.js';
import { b, FakeStoreContext, plain } from './fake-store-context.js';

const opened: LmdbKeyValueStore[] = [];

/** Opens store `name` in `stateDir` (a fresh task directory when omitted), as a task would. */
function openStore(name: string, stateDir?: string, options?: LmdbKeyValueStoreOptions): { store: LmdbKeyValueStore; ctx: FakeStoreContext } {
  const ctx = new FakeStoreContext(stateDir === undefined ? {} : { stateDir });
  const store = new LmdbKeyValueStore(name, options);
  store.init(ctx);
  opened.push(store);
  return { store, ctx };
}

afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

describe('LmdbKeyValueStore', () => {
  it('creates its task directory with missing parents', () => {
    const { ctx } = openStore('s');
    expect(fs.statSync(ctx.stateDir).isDirectory()).toBe(true);
    expect(fs.readdirSync(ctx.stateDir)).toContain('data.mdb');
  });

  it('fails init with a StateStoreError when the task directory cannot be created', () => {
    const ctx = new FakeStoreContext();
    fs.mkdirSync(path.dirname(ctx.stateDir), { recursive: true });
    fs.writeFileSync(ctx.stateDir, 'a file where the directory should be');
    const store = new LmdbKeyValueStore('s');
    expect(() => store.init(ctx)).toThrow(StateStoreError);
    expect(store.isOpen()).toBe(false);
    expect(ctx.registrations.size).toBe(0);
  });

  it('drops uncommitted writes at close: they are gone after reopening', () => {
    const { store, ctx } = openStore('s');
    store.put(b(1), b(10));
    expect([...store.get(b(1))!]).toEqual([10]);
    store.close();
    const reopened = openStore('s', ctx.stateDir).store;
    expect(reopened.get(b(1))).toBeUndefined();
    expect(reopened.approximateNumEntries()).toBe(0);
  });

  it('keeps committed writes and their changelog offset across close and reopen', () => {
    const first = openStore('s');
    first.store.put(b(1), b(10));
    first.store.put(b(2), b(20));
    first.ctx.registration('s').commit(41);
    first.store.put(b(3), b(30)); // after the commit: dropped
    first.store.close();
    const { store, ctx } = openStore('s', first.ctx.stateDir);
    expect(plain(store.range(undefined, undefined, false))).toEqual([
      [[1], [10]],
      [[2], [20]],
    ]);
    expect(ctx.registration('s').checkpointedOffset()).toBe(41);
  });

  it('commit(undefined) makes writes durable and keeps the previous offset; deletes are committed too', () => {
    const { store, ctx } = openStore('s');
    store.put(b(1), b(10));
    store.put(b(2), b(20));
    ctx.registration('s').commit(7);
    store.delete(b(1));
    store.put(b(2), b(21));
    ctx.registration('s').commit(undefined);
    store.close();
    const again = openStore('s', ctx.stateDir);
    expect(plain(again.store.range(undefined, undefined, false))).toEqual([[[2], [21]]]);
    expect(again.ctx.registration('s').checkpointedOffset()).toBe(7);
  });

  it('restoreBatch writes records and deletes straight to LMDB with the last offset', () => {
    const { store, ctx } = openStore('s');
    const reg = ctx.registration('s');
    expect(reg.checkpointedOffset()).toBeUndefined();
    reg.restoreBatch([
      { key: b(1), value: b(10), offset: 100, timestamp: 1 },
      { key: b(2), value: b(20), offset: 101, timestamp: 2 },
      { key: b(1), value: null, offset: 102, timestamp: 3 },
    ]);
    reg.restoreBatch([]);
    expect(reg.checkpointedOffset()).toBe(102);
    store.close();
    const again = openStore('s', ctx.stateDir);
    expect(plain(again.store.range(undefined, undefined, false))).toEqual([[[2], [20]]]);
    expect(again.ctx.registration('s').checkpointedOffset()).toBe(102);
  });

  it('wipe deletes the data, the offset and the pending writes', () => {
    const { store, ctx } = openStore('s');
    store.put(b(1), b(10));
    ctx.registration('s').commit(5);
    store.put(b(2), b(20));
    ctx.registration('s').wipe();
    expect(store.get(b(1))).toBeUndefined();
    expect(store.get(b(2))).toBeUndefined();
    expect(ctx.registration('s').checkpointedOffset()).toBeUndefined();
    store.close();
    const again = openStore('s', ctx.stateDir);
    expect(again.store.approximateNumEntries()).toBe(0);
    expect(again.ctx.registration('s').checkpointedOffset()).toBeUndefined();
  });

  it('two stores of one task share the environment but not their keys or offsets', () => {
    const ctx = new FakeStoreContext();
    const a = new LmdbKeyValueStore('a');
    const c = new LmdbKeyValueStore('c');
    a.init(ctx);
    c.init(ctx);
    opened.push(a, c);
    a.put(b(1), b(1));
    c.put(b(2), b(2));
    ctx.registration('a').commit(10);
    ctx.registration('c').commit(20);
    expect(a.get(b(2))).toBeUndefined();
    expect(plain(a.range(undefined, undefined, false))).toEqual([[[1], [1]]]);
    expect(plain(c.range(undefined, undefined, false))).toEqual([[[2], [2]]]);
    expect(ctx.registration('a').checkpointedOffset()).toBe(10);
    expect(ctx.registration('c').checkpointedOffset()).toBe(20);
    ctx.registration('a').wipe();
    expect(plain(c.range(undefined, undefined, false))).toEqual([[[2], [2]]]);
    a.close(); // the environment stays open for `c`
    c.put(b(3), b(3));
    ctx.registration('c').commit(21);
    expect(c.approximateNumEntries()).toBe(2);
  });

  it('asks for a commit once when the overlay passes the entry threshold, and again after a commit', () => {
    const { store, ctx } = openStore('s', undefined, { maxPendingEntries: 5 });
    for (let i = 0; i < 5; i++) store.put(b(i), b(i));
    store.put(b(0), b(9)); // the same key again: still 5 entries
    expect(ctx.commitRequests).toBe(0);
    store.put(b(5), b(5));
    expect(ctx.commitRequests).toBe(1);
    for (let i = 6; i < 20; i++) store.put(b(i), b(i));
    expect(ctx.commitRequests).toBe(1);
    ctx.registration('s').commit(undefined);
    for (let i = 20; i < 26; i++) store.put(b(i), b(i));
    expect(ctx.commitRequests).toBe(2);
  });

  it('asks for a commit when the overlay passes the byte threshold', () => {
    const { store, ctx } = openStore('s', undefined, { maxPendingBytes: 10_000 });
    store.put(b(1), new Uint8Array(6_000));
    expect(ctx.commitRequests).toBe(0);
    store.put(b(2), new Uint8Array(6_000));
    expect(ctx.commitRequests).toBe(1);
  });

  it('rejects a key longer than LMDB allows at put, not at commit', () => {
    const { store, ctx } = openStore('s');
    expect(() => store.put(new Uint8Array(5000), b(1))).toThrow(StateStoreError);
    expect(store.get(new Uint8Array(5000))).toBeUndefined();
    store.put(new Uint8Array(1000).fill(7), b(1));
    ctx.registration('s').commit(1);
    expect([...store.get(new Uint8Array(1000).fill(7))!]).toEqual([1]);
  });

  it('reads ranges larger than one LMDB read chunk, both ways', () => {
    const { store, ctx } = openStore('s');
    const key = (i: number) => b(i >> 8, i & 0xff);
    for (let i = 0; i < 3000; i++) store.put(key(i), b(1));
    ctx.registration('s').commit(undefined);
    for (let i = 0; i < 3000; i += 3) store.delete(key(i));
    const forward = [...store.range(undefined, undefined, false)].map(([k]) => (k[0]! << 8) | k[1]!);
    expect(forward).toEqual(Array.from({ length: 3000 }, (_, i) => i).filter((i) => i % 3 !== 0));
    const backward = [...store.range(key(10), key(2990), true)].map(([k]) => (k[0]! << 8) | k[1]!);
    expect(backward).toEqual(forward.filter((i) => i >= 10 && i <= 2990).reverse());
  });

  it('survives iterators dropped unfinished while commits run (no LMDB read transaction held)', () => {
    const { store, ctx } = openStore('s');
    for (let i = 0; i < 50; i++) store.put(b(i), b(i));
    ctx.registration('s').commit(undefined);
    // LMDB's reader table has 126 slots: an iterator that pinned a read transaction would exhaust it here.
    for (let i = 0; i < 400; i++) {
      const it = store.range(undefined, undefined, i % 2 === 0);
      it.next();
      store.put(b(100 + (i % 100)), b(i & 0xff));
      ctx.registration('s').commit(i);
    }
    expect(store.approximateNumEntries()).toBe(150);
  });

  it('an iterator open across a commit still returns every entry once', () => {
    const { store, ctx } = openStore('s');
    for (let i = 0; i < 100; i++) store.put(b(i), b(1));
    ctx.registration('s').commit(undefined);
    for (let i = 100; i < 200; i++) store.put(b(i), b(2)); // pending
    const it = store.range(undefined, undefined, false);
    const seen: number[] = [];
    for (let i = 0; i < 150; i++) seen.push(it.next().value![0][0]!);
    ctx.registration('s').commit(undefined); // the overlay moves into LMDB mid-iteration
    for (const [k] of { [Symbol.iterator]: () => it }) seen.push(k[0]!);
    expect(seen).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it('puts in the same task directory after a close and an immediate reopen', () => {
    const first = openStore('s');
    first.store.put(b(1), b(1));
    first.ctx.registration('s').commit(1);
    first.store.close();
    const second = openStore('s', first.ctx.stateDir);
    second.store.put(b(2), b(2));
    second.ctx.registration('s').commit(2);
    expect(plain(second.store.range(undefined, undefined, false))).toEqual([
      [[1], [1]],
      [[2], [2]],
    ]);
    expect(path.resolve(second.ctx.stateDir)).toBe(path.resolve(first.ctx.stateDir));
  });
});
