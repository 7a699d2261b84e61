// Window stores on both backends: fetch by key and window start, ranges in time order, retention in stream time
// (whole segments dropped, expired windows never returned), the changelog in Kafka Streams' window key layout,
// and restore from it (also into a reopened LMDB store).
import { describe, expect, it } from 'vitest';
import { Serdes } from '../../src/serde/serdes.js';
import { Stores } from '../../src/state/stores.js';
import type { TimestampedWindowStore, WindowStore } from '../../src/state/window/window-store.js';
import { toStoreKey } from '../../src/state/window/window-key-schema.js';
import { FakeStoreContext } from './fake-store-context.js';

const S = Serdes.string();
const MIN = 60_000;

function open(persistent: boolean, retentionPeriod = 10 * MIN, context = new FakeStoreContext()) {
  const options = { retentionPeriod, windowSize: MIN };
  const supplier = persistent ? Stores.persistentWindowStore('win', options) : Stores.inMemoryWindowStore('win', options);
  const store = Stores.windowStoreBuilder(supplier, S, S).build();
  store.init(context);
  return { store, context };
}

const entries = <K, V>(it: Iterable<readonly [K, V]>) => [...it].map(([k, v]) => [k, v]);

describe.each([
  ['in-memory', false],
  ['LMDB', true],
] as const)('window store (%s)', (_name, persistent) => {
  it('fetches one window, a key’s windows in a time range both ways, and every key’s', () => {
    const { store } = open(persistent);
    store.put('a', 'a0', 0);
    store.put('a', 'a1', MIN);
    store.put('a', 'a2', 2 * MIN);
    store.put('ab', 'ab1', MIN); // a key whose bytes extend 'a' sorts inside 'a''s range: not returned for 'a'
    store.put('b', 'b1', MIN);
    expect(store.fetch('a', MIN)).toBe('a1');
    expect(store.fetch('a', 3 * MIN)).toBeUndefined();
    expect(entries(store.fetch('a', 0, MIN))).toEqual([[0, 'a0'], [MIN, 'a1']]);
    expect(entries(store.backwardFetch('a', 0, 2 * MIN))).toEqual([[2 * MIN, 'a2'], [MIN, 'a1'], [0, 'a0']]);
    const all = [...store.fetchAll(MIN, MIN)].map(([w, v]) => `${w.key}@${w.window.start}/${w.window.end}=${v}`);
    expect(all.sort()).toEqual([`a@${MIN}/${2 * MIN}=a1`, `ab@${MIN}/${2 * MIN}=ab1`, `b@${MIN}/${2 * MIN}=b1`]);
    store.put('a', null, MIN);
    expect(store.fetch('a', MIN)).toBeUndefined();
    expect(entries(store.fetch('a', 0, 2 * MIN))).toEqual([[0, 'a0'], [2 * MIN, 'a2']]);
    store.close();
  });

  it('drops what falls out of retention in stream time, and refuses to put into an expired window', () => {
    const { store } = open(persistent, 2 * MIN);
    store.put('k', 'old', 0);
    store.put('k', 'mid', MIN);
    expect(store.fetch('k', 0)).toBe('old');
    store.put('k', 'new', 2 * MIN); // stream time 2 min, retention 2 min: the window at 0 is gone
    expect(store.fetch('k', 0)).toBeUndefined();
    expect(entries(store.fetch('k', 0, 10 * MIN))).toEqual([[MIN, 'mid'], [2 * MIN, 'new']]);
    store.put('k', 'late', 0);
    expect(store.fetch('k', 0)).toBeUndefined();
    store.put('k', 'far', 10 * MIN);
    expect(entries(store.all()).map(([w]) => (w as { window: { start: number } }).window.start)).toEqual([10 * MIN]);
    store.close();
  });

  it('logs every put with the window key layout Kafka Streams uses, and restores from it', () => {
    const { store, context } = open(persistent);
    context.timestamp = 77;
    store.put('k', 'v1', MIN);
    store.put('k', null, MIN);
    store.put('k', 'v2', 2 * MIN);
    const key = (start: number) => [...toStoreKey(new TextEncoder().encode('k'), start, 0)];
    expect(context.logged).toEqual([
      { store: 'win', key: key(MIN), value: [...new TextEncoder().encode('v1')], timestamp: 77 },
      { store: 'win', key: key(MIN), value: null, timestamp: 77 },
      { store: 'win', key: key(2 * MIN), value: [...new TextEncoder().encode('v2')], timestamp: 77 },
    ]);
    store.close();

    const fresh = open(persistent);
    fresh.context.registration('win').restoreBatch(
      context.logged.map((l, offset) => ({ key: new Uint8Array(l.key), value: l.value && new Uint8Array(l.value), offset, timestamp: l.timestamp })),
    );
    expect(entries(fresh.store.fetch('k', 0, 10 * MIN))).toEqual([[2 * MIN, 'v2']]);
    fresh.store.close();
  });
});

describe('timestamped window store', () => {
  it('keeps each value with its timestamp, logs the plain value with it, and restores the timestamp', () => {
    const context = new FakeStoreContext();
    const supplier = Stores.inMemoryWindowStore('tw', { retentionPeriod: 10 * MIN, windowSize: MIN });
    const store: TimestampedWindowStore<string, string> = Stores.timestampedWindowStoreBuilder(supplier, S, S).build();
    store.init(context);
    store.put('k', { value: 'v', timestamp: 42 }, 0);
    expect(store.fetch('k', 0)).toEqual({ value: 'v', timestamp: 42 });
    expect(context.logged.map((l) => [new TextDecoder().decode(new Uint8Array(l.value!)), l.timestamp])).toEqual([['v', 42]]);

    const restoredContext = new FakeStoreContext();
    const restored: WindowStore<string, { value: string; timestamp: number }> = Stores.timestampedWindowStoreBuilder(
      Stores.inMemoryWindowStore('tw', { retentionPeriod: 10 * MIN, windowSize: MIN }),
      S,
      S,
    ).build();
    restored.init(restoredContext);
    const l = context.logged[0]!;
    restoredContext.registration('tw').restoreBatch([{ key: new Uint8Array(l.key), value: new Uint8Array(l.value!), offset: 0, timestamp: l.timestamp }]);
    expect(restored.fetch('k', 0)).toEqual({ value: 'v', timestamp: 42 });
  });
});
