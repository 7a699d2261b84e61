// TopologyTestDriver.getAllStateStores(): every store of every task, and the global stores.
import { describe, expect, it } from 'vitest';
import { Materialized, Serdes, Stores, StreamsBuilder, type TimestampedKeyValueStore } from '@kstreams/core';
import { driversPerTest } from './open-driver.js';

const S = Serdes.string();
const open = driversPerTest();

describe('getAllStateStores', () => {
  it('holds the stores of every sub-topology and the global stores, the same objects getStateStore returns', () => {
    const b = new StreamsBuilder();
    const products = b.globalTable('products', { keySerde: S, valueSerde: S, materialized: { storeName: 'products' } });
    const orders = b.stream('orders', { keySerde: S, valueSerde: S });
    orders.groupByKey().count({ materialized: Materialized.as('per-customer') });
    // A key change: the second count runs in a second sub-topology (task 1_0) behind a repartition topic.
    orders.selectKey((_k, v) => v).groupByKey({ keySerde: S }).count({ materialized: Materialized.as('per-product') });
    orders.join(products, (_k, v) => v, (v, name) => `${v}=${name}`).to('joined', { keySerde: S, valueSerde: S });
    const d = open(b.build());
    expect(d.metrics().tasks).toBe(2);

    const all = d.getAllStateStores();
    expect([...all.keys()].sort()).toEqual(['per-customer', 'per-product', 'products']);
    for (const [name, store] of all) {
      expect(store.name).toBe(name);
      expect(store).toBe(d.getStateStore(name));
    }

    d.createInputTopic('products', S, S).pipeInput('p1', 'Widget');
    d.createInputTopic('orders', S, S).pipeInput('alice', 'p1');
    // DSL stores are timestamped: the raw store gives values with their timestamps, as in Kafka's driver.
    expect((all.get('per-product') as TimestampedKeyValueStore<string, number>).get('p1')?.value).toBe(1);
    expect((all.get('products') as TimestampedKeyValueStore<string, string>).get('p1')?.value).toBe('Widget');
  });

  it('includes stores added with addStateStore, and is empty for a stateless topology', () => {
    const stateless = new StreamsBuilder();
    stateless.stream('in', { keySerde: S, valueSerde: S }).to('out');
    expect(open(stateless.build()).getAllStateStores().size).toBe(0);

    const b = new StreamsBuilder();
    b.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('seen'), S, S));
    b.stream('in', { keySerde: S, valueSerde: S }).process(() => ({ process: () => {} }), { stores: ['seen'] });
    expect([...open(b.build()).getAllStateStores().keys()]).toEqual(['seen']);
  });

  it('returns a new map each call', () => {
    const b = new StreamsBuilder();
    b.stream('in', { keySerde: S, valueSerde: S }).groupByKey().count({ materialized: Materialized.as('c') });
    const d = open(b.build());
    const first = d.getAllStateStores();
    first.delete('c');
    expect(d.getAllStateStores().has('c')).toBe(true);
  });

  it('a sub-topology reading a pattern shows its stores once a matching topic was piped', () => {
    const b = new StreamsBuilder();
    b.stream(/events-.*/, { keySerde: S, valueSerde: S }).groupByKey().count({ materialized: Materialized.as('events') });
    const d = open(b.build());
    expect(d.getAllStateStores().has('events')).toBe(false);
    d.createInputTopic('events-a', S, S).pipeInput('k', 'v');
    expect(d.getAllStateStores().has('events')).toBe(true);
  });
});

describe('pattern sources and internal topics', () => {
  it('a pattern that also matches the changelog name does not read the changelog back (as in the runtime)', () => {
    const b = new StreamsBuilder();
    b.stream(/events-.*/, { keySerde: S, valueSerde: S }).groupByKey().count({ materialized: Materialized.as('events') });
    const d = open(b.build(), { applicationId: 'app' });
    const input = d.createInputTopic('events-a', S, S);
    input.pipeInput('k', 'v');
    input.pipeInput('k', 'v');
    expect(d.producedTopicNames()).toContain('app-events-changelog');
    expect(d.metrics().processedTotal).toBe(2);
    expect(d.getKeyValueStore<string, number>('events')!.get('k')).toBe(2);
  });
});
