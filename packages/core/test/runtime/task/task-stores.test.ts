// State stores inside tasks, through TopologyTestDriver: processors reach connected stores by name, changes go
// to `<applicationId>-<store>-changelog`, processors sharing a store run in one sub-topology, global stores
// fill from their topic and every processor can read them, and store misconfiguration fails at build.
import { describe, expect, it } from 'vitest';
import {
  Materialized,
  Serdes,
  Stores,
  StreamsBuilder,
  TopologyError,
  type KeyValueStore,
  type ProcessorContext,
  type ProcessorSupplier,
} from '@kstreams/core';
import { TopologyTestDriver } from '@kstreams/test-utils';
import { builtTopology } from '../../../src/topology/built-topology.js';

const S = Serdes.string();
const N = Serdes.int32();

/** Counts records per key in store `name` and forwards the new count. */
function counter(name: string): ProcessorSupplier<string, string, string, number> {
  return () => {
    let ctx: ProcessorContext<string, number>;
    let store: KeyValueStore<string, number>;
    return {
      init(c) {
        ctx = c;
        store = c.getStateStore(name);
      },
      process(r) {
        const n = (store.get(r.key) ?? 0) + 1;
        store.put(r.key, n);
        ctx.forward(r.withValue(n));
      },
    };
  };
}

describe.each(['in-memory', 'persistent'] as const)('a %s store in a task', (kind) => {
  const supplier = () => (kind === 'in-memory' ? Stores.inMemoryKeyValueStore('counts') : Stores.persistentKeyValueStore('counts'));

  it('is read and written by the processor, readable from the driver, and logged to its changelog', () => {
    const b = new StreamsBuilder();
    b.addStateStore(Stores.keyValueStoreBuilder(supplier(), S, N));
    b.stream('in', { keySerde: S, valueSerde: S }).process(counter('counts'), { stores: ['counts'] }).to('out', { keySerde: S, valueSerde: N });
    const d = new TopologyTestDriver(builtTopology(b.build()), { applicationId: 'app' });
    const input = d.createInputTopic('in', S, S);
    for (const k of ['a', 'b', 'a', 'a']) input.pipeInput(k, 'x');
    expect(d.createOutputTopic('out', S, N).readKeyValuesToList()).toEqual([
      ['a', 1],
      ['b', 1],
      ['a', 2],
      ['a', 3],
    ]);
    const store = d.getKeyValueStore<string, number>('counts')!;
    expect(store.persistent).toBe(kind === 'persistent');
    expect([...store.all()]).toEqual([
      ['a', 3],
      ['b', 1],
    ]);
    expect(d.producedTopicNames()).toContain('app-counts-changelog');
    const changelog = d.createOutputTopic('app-counts-changelog', S, N).readKeyValuesToList();
    expect(changelog).toEqual([
      ['a', 1],
      ['b', 1],
      ['a', 2],
      ['a', 3],
    ]);
    d.close();
  });

  it('logs a delete as a tombstone', () => {
    const b = new StreamsBuilder();
    b.addStateStore(Stores.keyValueStoreBuilder(supplier(), S, S));
    b.stream('in', { keySerde: S, valueSerde: S }).process(
      () => {
        let store: KeyValueStore<string, string>;
        return {
          init: (c) => (store = c.getStateStore('counts')),
          process: (r) => (r.value === 'del' ? store.delete(r.key) : store.put(r.key, r.value)),
        };
      },
      { stores: ['counts'] },
    );
    const d = new TopologyTestDriver(builtTopology(b.build()), { applicationId: 'app' });
    const input = d.createInputTopic('in', S, S);
    input.pipeInput('a', 'v1');
    input.pipeInput('a', 'del');
    const changelog = d.createOutputTopic('app-counts-changelog', S, Serdes.nullable(S)).readKeyValuesToList();
    expect(changelog).toEqual([
      ['a', 'v1'],
      ['a', null],
    ]);
    expect(d.getKeyValueStore<string, string>('counts')!.get('a')).toBeUndefined();
    d.close();
  });
});

describe('stores in the topology', () => {
  it('fails at build when a processor names a store that was not added', () => {
    const b = new StreamsBuilder();
    b.stream('in', { keySerde: S, valueSerde: S }).process(counter('nope'), { stores: ['nope'] });
    expect(() => builtTopology(b.build())).toThrow(TopologyError);
    expect(() => builtTopology(b.build())).toThrow(/'nope'.*addStateStore/);
  });

  it('rejects two stores with one name', () => {
    const b = new StreamsBuilder();
    b.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('s'), S, S));
    expect(() => b.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('s'), S, S))).toThrow(/'s' already exists/);
  });

  it('puts processors sharing a store into one sub-topology, with the store and its changelog', () => {
    const b = new StreamsBuilder();
    b.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('shared'), S, N));
    b.stream('a', { keySerde: S, valueSerde: S }).process(counter('shared'), { stores: ['shared'] });
    b.stream('b', { keySerde: S, valueSerde: S }).process(counter('shared'), { stores: ['shared'] });
    const t = builtTopology(b.build());
    expect(t.subtopologies).toHaveLength(1);
    expect(t.subtopologies[0]!.stores).toEqual(['shared']);
    expect(t.subtopologies[0]!.internalTopics).toContain('shared-changelog');
    expect(t.internalTopics.get('shared-changelog')?.config['cleanup.policy']).toBe('compact');
    expect(t.describe().toString()).toContain('(stores: [shared])');
  });

  it('creates no changelog for a store with logging disabled', () => {
    const b = new StreamsBuilder();
    b.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('quiet'), S, N).withLoggingDisabled());
    b.stream('in', { keySerde: S, valueSerde: S }).process(counter('quiet'), { stores: ['quiet'] });
    const t = builtTopology(b.build());
    expect(t.internalTopics.has('quiet-changelog')).toBe(false);
    const d = new TopologyTestDriver(t, { applicationId: 'app' });
    d.createInputTopic('in', S, S).pipeInput('k', 'v');
    expect(d.getKeyValueStore<string, number>('quiet')!.get('k')).toBe(1);
    expect(d.producedTopicNames()).not.toContain('app-quiet-changelog');
    d.close();
  });
});

describe('global stores', () => {
  it('fill from their topic and every processor reads them without connecting them', () => {
    const b = new StreamsBuilder();
    b.addGlobalStore(
      Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('rates'), S, N).withLoggingDisabled(),
      'rates',
      () => {
        let store: KeyValueStore<string, number>;
        return {
          init: (c) => (store = c.getStateStore('rates')),
          process: (r) => store.put(r.key, r.value),
        };
      },
      { keySerde: S, valueSerde: N },
    );
    b.stream('orders', { keySerde: S, valueSerde: N })
      .process<string, number>(() => {
        let ctx: ProcessorContext<string, number>;
        let rates: KeyValueStore<string, number>;
        return {
          init(c) {
            ctx = c;
            rates = c.getStateStore('rates');
          },
          process: (r) => ctx.forward(r.withValue(r.value * (rates.get(r.key) ?? 0))),
        };
      })
      .to('priced', { keySerde: S, valueSerde: N });
    const d = new TopologyTestDriver(builtTopology(b.build()));
    const rates = d.createInputTopic('rates', S, N);
    const orders = d.createInputTopic('orders', S, N);
    const out = d.createOutputTopic('priced', S, N);
    orders.pipeInput('eur', 10);
    rates.pipeInput('eur', 3);
    orders.pipeInput('eur', 10);
    rates.pipeInput('eur', 5);
    orders.pipeInput('eur', 10);
    expect(out.readValuesToList()).toEqual([0, 30, 50]);
    expect(d.getKeyValueStore<string, number>('rates')!.get('eur')).toBe(5);
    d.close();
  });

  it('must have logging disabled', () => {
    const b = new StreamsBuilder();
    expect(() =>
      b.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('g'), S, N), 'g-topic', () => ({ process: () => {} })),
    ).toThrow(/logging disabled/);
  });
});

describe('topology optimization: source topics as changelogs', () => {
  const topology = (optimization?: 'all' | 'none') => {
    const b = new StreamsBuilder();
    const users = b.table('users', { keySerde: S, valueSerde: S, materialized: Materialized.as('users-store') });
    const regions = b.table('regions', { keySerde: S, valueSerde: S, materialized: Materialized.as('regions-store', { valueSerde: S }) });
    users.join(regions, (u, r) => `${u}@${r}`).toStream().to('out', { keySerde: S, valueSerde: Serdes.nullable(S) });
    return builtTopology(b.build(optimization ? { optimization } : undefined));
  };

  it('is off by default: every table store has its own changelog', () => {
    const t = topology();
    expect(t.internalTopics.has('users-store-changelog')).toBe(true);
    expect(t.stores.get('users-store')?.changelogIsSource).toBe(false);
  });

  it("with optimization 'all' a source table's store uses its input topic and gets no changelog topic", () => {
    const t = topology('all');
    expect(t.internalTopics.has('users-store-changelog')).toBe(false);
    expect(t.stores.get('users-store')).toMatchObject({ changelogTopic: 'users', changelogIsSource: true });
    expect(t.stores.get('users-store')?.builder.loggingEnabled).toBe(false);
    // A store with serdes of its own does not hold the topic's bytes, so it keeps its changelog.
    expect(t.internalTopics.has('regions-store-changelog')).toBe(true);
    expect(t.stores.get('regions-store')?.changelogIsSource).toBe(false);
  });

  it('runs the same in the driver, writing nothing to the source topic', () => {
    const d = new TopologyTestDriver(topology('all'), { applicationId: 'app' });
    d.createInputTopic('regions', S, S).pipeInput('u1', 'eu');
    d.createInputTopic('users', S, S).pipeInput('u1', 'ann');
    expect(d.createOutputTopic('out', S, S).readKeyValuesToList()).toEqual([['u1', 'ann@eu']]);
    expect(d.producedTopicNames()).not.toContain('users');
    expect(d.producedTopicNames()).not.toContain('app-users-store-changelog');
    d.close();
  });
});
