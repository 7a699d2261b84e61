// The time-ordered window and session stores of aggregations with emitStrategy(onWindowClose), on both backends:
// every key's windows (sessions) read in time order, a key's windows still read by key, Kafka Streams' retention
// rules for these stores, and restore from a changelog in the plain key layout.
import { describe, expect, it } from 'vitest';
import { Serdes } from '../../src/serde/serdes.js';
import { Stores } from '../../src/state/stores.js';
import { timeOrderedSessionStoreSupplier, timeOrderedWindowStoreSupplier } from '../../src/state/window/window-store-suppliers.js';
import { Windowed } from '../../src/state/window/windowed.js';
import { FakeStoreContext } from './fake-store-context.js';

const S = Serdes.string();

function windowStore(persistent: boolean, withIndex: boolean, retentionPeriod = 100, context = new FakeStoreContext()) {
  const supplier = timeOrderedWindowStoreSupplier('tow', { retentionPeriod, windowSize: 10, withIndex }, persistent);
  const store = Stores.windowStoreBuilder(supplier, S, S).build();
  store.init(context);
  return { store, context };
}

function sessionStore(persistent: boolean, retentionPeriod = 100, context = new FakeStoreContext()) {
  const store = Stores.sessionStoreBuilder(timeOrderedSessionStoreSupplier('tos', retentionPeriod, persistent), S, S).build();
  store.init(context);
  return { store, context };
}

const shown = (it: Iterable<readonly [Windowed<string>, string]>) => [...it].map(([w, v]) => `${Windowed.toString(w)}=${v}`);

describe.each([
  ['in-memory', false],
  ['LMDB', true],
] as const)('time-ordered stores (%s)', (_name, persistent) => {
  it.each([true, false])('window store (index %s): fetchAll by start, then key; fetch by key as a plain store', (withIndex) => {
    const { store } = windowStore(persistent, withIndex);
    store.put('b', 'b10', 10);
    store.put('a', 'a20', 20);
    store.put('ab', 'ab10', 10);
    store.put('a', 'a10', 10);
    store.put('a', 'a0', 0);
    expect(shown(store.fetchAll(0, 20))).toEqual(['a@0/10=a0', 'a@10/20=a10', 'ab@10/20=ab10', 'b@10/20=b10', 'a@20/30=a20']);
    expect(shown(store.backwardFetchAll(10, 10))).toEqual(['b@10/20=b10', 'ab@10/20=ab10', 'a@10/20=a10']);
    expect([...store.fetch('a', 0, 20)]).toEqual([[0, 'a0'], [10, 'a10'], [20, 'a20']]);
    expect([...store.backwardFetch('a', 5, 20)]).toEqual([[20, 'a20'], [10, 'a10']]);
    expect(store.fetch('ab', 10)).toBe('ab10');
    store.put('a', null, 10);
    expect(store.fetch('a', 10)).toBeUndefined();
    expect([...store.fetch('a', 0, 20)]).toEqual([[0, 'a0'], [20, 'a20']]);
    store.close();
  });

  it('window store: keeps the window starting exactly at stream time − retention, as Kafka Streams’ time-first store', () => {
    const { store } = windowStore(persistent, true, 10);
    store.put('k', 'old', 0);
    store.put('k', 'new', 10); // stream time 10, retention 10: 0 is still read here (a plain store drops it)
    expect(store.fetch('k', 0)).toBe('old');
    expect([...store.fetch('k', 0, 10)]).toEqual([[0, 'old'], [10, 'new']]);
    store.put('k', 'newer', 11);
    expect(store.fetch('k', 0)).toBeUndefined();
    expect(shown(store.fetchAll(0, 20))).toEqual(['k@10/20=new', 'k@11/21=newer']);
    store.close();
  });

  it('window store: logs the plain window key layout, and restores both entries from it', () => {
    const { store, context } = windowStore(persistent, true);
    store.put('k', 'v1', 10);
    store.put('j', 'v2', 10);
    store.put('k', null, 10);
    store.put('k', 'v3', 20);
    store.close();
    const fresh = windowStore(persistent, true);
    fresh.context.registration('tow').restoreBatch(
      context.logged.map((l, offset) => ({ key: new Uint8Array(l.key), value: l.value && new Uint8Array(l.value), offset, timestamp: l.timestamp })),
    );
    expect(shown(fresh.store.fetchAll(0, 30))).toEqual(['j@10/20=v2', 'k@20/30=v3']);
    expect([...fresh.store.fetch('k', 0, 30)]).toEqual([[20, 'v3']]);
    fresh.store.close();
  });

  it('session store: sessions of every key by end time, then start, then key; a key’s sessions as a plain store', () => {
    const { store } = sessionStore(persistent);
    store.put(Windowed.of('b', 5, 10), 'b');
    store.put(Windowed.of('a', 8, 10), 'a');
    store.put(Windowed.of('a', 0, 3), 'a0');
    store.put(Windowed.of('c', 12, 12), 'c');
    expect(shown(store.findSessionsByEndTime(3, 10))).toEqual(['a@0/3=a0', 'b@5/10=b', 'a@8/10=a']);
    expect(shown(store.findSessions('a', 0, 100))).toEqual(['a@0/3=a0', 'a@8/10=a']);
    expect(store.fetchSession('b', 5, 10)).toBe('b');
    store.remove(Windowed.of('b', 5, 10));
    expect(shown(store.findSessionsByEndTime(0, 20))).toEqual(['a@0/3=a0', 'a@8/10=a', 'c@12/12=c']);
    store.close();
  });

  it('session store: a session past retention but in a live segment is still found by end time (Kafka Streams’ rule), not by key', () => {
    const { store } = sessionStore(persistent, 5);
    store.put(Windowed.of('k', 0, 2), 'old');
    store.put(Windowed.of('k', 20, 20), 'new'); // stream time 20: 2 is past retention, its segment is live
    expect(shown(store.findSessions('k', 0, 100))).toEqual(['k@20/20=new']);
    expect(store.fetchSession('k', 0, 2)).toBeUndefined();
    expect(shown(store.findSessionsByEndTime(0, 19))).toEqual(['k@0/2=old']);
    store.close();
  });

  it('a plain session store cannot find sessions by end time', () => {
    const store = Stores.sessionStoreBuilder(Stores.inMemorySessionStore('plain', 10), S, S).build();
    store.init(new FakeStoreContext());
    expect(() => [...store.findSessionsByEndTime(0, 10)]).toThrow(/not time-ordered/);
  });
});
