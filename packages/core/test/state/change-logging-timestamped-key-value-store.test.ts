// The change-logging layer of a timestamped store: the changelog gets the plain value bytes with the stored
// timestamp as the record's timestamp (Java's ChangeLoggingTimestampedKeyValueBytesStore), and restore puts the
// changelog record's timestamp back in front of the value (RecordConverters.rawValueToTimestampedValue): the
// metered layer of a timestamped store converts what the layers below restore, with or without logging.
import { describe, expect, it } from 'vitest';
import { Serdes } from '../../src/serde/serdes.js';
import { InMemoryKeyValueStore } from '../../src/state/backends/in-memory-key-value-store.js';
import { ChangeLoggingTimestampedKeyValueStore } from '../../src/state/layers/change-logging-timestamped-key-value-store.js';
import { Stores } from '../../src/state/stores.js';
import { timestampedBytes } from '../../src/state/value-and-timestamp-serde.js';
import { b, FakeStoreContext } from './fake-store-context.js';

function setup() {
  const ctx = new FakeStoreContext({ loggedStores: ['ts'] });
  const inner = new InMemoryKeyValueStore('ts');
  const store = new ChangeLoggingTimestampedKeyValueStore(inner);
  store.init(ctx);
  return { ctx, inner, store };
}

describe('ChangeLoggingTimestampedKeyValueStore', () => {
  it('logs the value bytes without the timestamp, with the stored timestamp as the record timestamp', () => {
    const { ctx, inner, store } = setup();
    ctx.timestamp = 999; // the current record's: not the one logged for a value
    store.put(b(1), timestampedBytes(7, b(0x61)));
    store.putIfAbsent(b(2), timestampedBytes(8, b(0x62)));
    store.putAll([[b(3), timestampedBytes(9, b(0x63))]]);
    expect(ctx.logged).toEqual([
      { store: 'ts', key: [1], value: [0x61], timestamp: 7 },
      { store: 'ts', key: [2], value: [0x62], timestamp: 8 },
      { store: 'ts', key: [3], value: [0x63], timestamp: 9 },
    ]);
    // The store below keeps the timestamped bytes.
    expect([...inner.get(b(1))!]).toEqual([0, 0, 0, 0, 0, 0, 0, 7, 0x61]);
  });

  it('logs a delete as a tombstone with the current record timestamp', () => {
    const { ctx, store } = setup();
    store.put(b(1), timestampedBytes(7, b(0x61)));
    ctx.timestamp = 20;
    store.delete(b(1));
    store.put(b(2), null);
    expect(ctx.logged.slice(1)).toEqual([
      { store: 'ts', key: [1], value: null, timestamp: 20 },
      { store: 'ts', key: [2], value: null, timestamp: 20 },
    ]);
  });

  it.each([true, false])(
    'a timestamped store restores plain records as timestamped bytes (logging on: %s; off: a source table restored from its topic)',
    (logging) => {
      const ctx = new FakeStoreContext({ loggedStores: logging ? ['ts'] : [] });
      const builder = Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore('ts'), Serdes.string(), Serdes.string());
      const store = (logging ? builder : builder.withLoggingDisabled()).build();
      store.init(ctx);
      ctx.registration('ts').restoreBatch([
        { key: b(0x6b, 0x31), value: b(0x61), offset: 0, timestamp: 1 },
        { key: b(0x6b, 0x32), value: b(0x62), offset: 1, timestamp: 300 },
        { key: b(0x6b, 0x32), value: null, offset: 2, timestamp: 301 },
        { key: b(0x6b, 0x33), value: b(0x63), offset: 3, timestamp: 5 },
      ]);
      expect([...store.all()]).toEqual([
        ['k1', { value: 'a', timestamp: 1 }],
        ['k3', { value: 'c', timestamp: 5 }],
      ]);
      expect(ctx.logged).toEqual([]);
      store.close();
    },
  );

  it.each(['in-memory', 'persistent'] as const)('round-trips through a %s timestamped store built by Stores', (kind) => {
    const supplier = kind === 'in-memory' ? Stores.inMemoryKeyValueStore('rt') : Stores.persistentKeyValueStore('rt');
    const build = () => Stores.timestampedKeyValueStoreBuilder(supplier, Serdes.string(), Serdes.string()).build();
    const writer = new FakeStoreContext({ loggedStores: ['rt'] });
    const store = build();
    store.init(writer);
    writer.timestamp = 50;
    store.put('k', { value: 'v1', timestamp: 40 });
    store.put('gone', { value: 'x', timestamp: 41 });
    store.delete('gone');
    expect(store.get('k')).toEqual({ value: 'v1', timestamp: 40 });
    expect(writer.logged.map((l) => [Buffer.from(l.key).toString(), l.value && Buffer.from(l.value).toString(), l.timestamp])).toEqual([
      ['k', 'v1', 40],
      ['gone', 'x', 41],
      ['gone', null, 50],
    ]);
    store.close();

    // A new store restores from what was logged.
    const reader = new FakeStoreContext({ loggedStores: ['rt'] });
    const restored = build();
    restored.init(reader);
    reader.registration('rt').restoreBatch(
      writer.logged.map((l, offset) => ({
        key: new Uint8Array(l.key),
        value: l.value && new Uint8Array(l.value),
        offset,
        timestamp: l.timestamp,
      })),
    );
    expect([...restored.all()]).toEqual([['k', { value: 'v1', timestamp: 40 }]]);
    restored.close();
  });
});
