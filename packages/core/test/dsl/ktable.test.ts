// KTable operators through TopologyTestDriver: source tables, filter, mapValues, toStream, KStream.toTable.
import { describe, expect, it } from 'vitest';
import { Materialized, Serdes, StreamsBuilder, type KTable } from '@kstreams/core';
import type { TopologyTestDriverConfig } from '@kstreams/test-utils';
import { driverPerTest } from './driver-per-test.js';
import { builtTopology } from '../../src/topology/built-topology.js';

const S = Serdes.string();
const N = Serdes.int32();
const NS = Serdes.nullable(S);
const NN = Serdes.nullable(N);

const start = driverPerTest();

/** `in` (string → int table) → op → toStream → `out`; pipes `[key, value | null]`, returns what `out` got. */
function runTable<V>(
  op: (t: KTable<string, number>) => KTable<string, V>,
  input: ReadonlyArray<readonly [string, number | null]>,
  valueSerde: import('@kstreams/core').Serde<V>,
  config: TopologyTestDriverConfig = {},
) {
  const b = new StreamsBuilder();
  op(b.table('in', { keySerde: S, valueSerde: N })).toStream().to('out', { valueSerde: Serdes.nullable(valueSerde) });
  const d = start(builtTopology(b.build()), config);
  const inTopic = d.createInputTopic('in', S, NN);
  const out = d.createOutputTopic('out', S, Serdes.nullable(valueSerde));
  for (const [k, v] of input) inTopic.pipeInput(k, v);
  return out.readKeyValuesToList();
}

describe('builder.table()', () => {
  it('upserts each key, deletes on a tombstone, and forwards every change', () => {
    const b = new StreamsBuilder();
    const table = b.table('in', { keySerde: S, valueSerde: S, materialized: Materialized.as('users') });
    table.toStream().to('out', { valueSerde: NS });
    const d = start(builtTopology(b.build()));
    const inTopic = d.createInputTopic('in', S, NS);
    const out = d.createOutputTopic('out', S, NS);
    inTopic.pipeInput('a', 'alice');
    inTopic.pipeInput('b', 'bob');
    inTopic.pipeInput('a', 'anna');
    inTopic.pipeInput('a', null);
    inTopic.pipeInput('zed', null); // a delete of an absent key: the cache forwards nothing
    expect(out.readKeyValuesToList()).toEqual([
      ['a', 'alice'],
      ['b', 'bob'],
      ['a', 'anna'],
      ['a', null],
    ]);
    const store = d.getKeyValueStore<string, string>('users')!;
    expect(store.get('a')).toBeUndefined();
    expect(store.get('b')).toBe('bob');
    expect([...store.all()]).toEqual([['b', 'bob']]);
    expect(table.queryableStoreName).toBe('users');
  });

  it('without caching forwards each write, including the delete of an absent key', () => {
    const b = new StreamsBuilder();
    b.table('in', { keySerde: S, valueSerde: S, materialized: { storeName: 'users', cachingEnabled: false } })
      .toStream()
      .to('out', { valueSerde: NS });
    const d = start(builtTopology(b.build()));
    const inTopic = d.createInputTopic('in', S, NS);
    inTopic.pipeInput('a', 'x');
    inTopic.pipeInput('zed', null);
    expect(d.createOutputTopic('out', S, NS).readKeyValuesToList()).toEqual([
      ['a', 'x'],
      ['zed', null],
    ]);
  });

  it('is always materialized: a generated store name, as Kafka Streams names it, in describe()', () => {
    const b = new StreamsBuilder();
    const table = b.table('in', { keySerde: S, valueSerde: S });
    table.toStream().to('out');
    const topology = builtTopology(b.build());
    expect(table.queryableStoreName).toBe('in-STATE-STORE-0000000000');
    expect(topology.describe().toString()).toBe(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000001 (topics: [in])\n' +
        '      --> KTABLE-SOURCE-0000000002\n' +
        '    Processor: KTABLE-SOURCE-0000000002 (stores: [in-STATE-STORE-0000000000])\n' +
        '      --> KTABLE-TOSTREAM-0000000003\n' +
        '      <-- KSTREAM-SOURCE-0000000001\n' +
        '    Processor: KTABLE-TOSTREAM-0000000003 (stores: [])\n' +
        '      --> KSTREAM-SINK-0000000004\n' +
        '      <-- KTABLE-SOURCE-0000000002\n' +
        '    Sink: KSTREAM-SINK-0000000004 (topic: out)\n' +
        '      <-- KTABLE-TOSTREAM-0000000003\n' +
        '\n',
    );
    expect(topology.generatedNames()).toEqual({
      stores: ['in-STATE-STORE-0000000000'],
      internalTopics: ['in-STATE-STORE-0000000000-changelog'],
    });
    expect([...topology.internalTopics.keys()]).toEqual(['in-STATE-STORE-0000000000-changelog']);
  });

  it('names the source and the table processor after `name`, and an in-memory store when asked', () => {
    const b = new StreamsBuilder();
    const t = b.table('in', { name: 'users', materialized: Materialized.as('users-store', { storeType: 'in-memory', loggingEnabled: false }) });
    t.toStream().to('out');
    const topology = builtTopology(b.build());
    const nodes = topology.describe().subtopologies[0]!.nodes.map((n) => n.name);
    expect(nodes.slice(0, 2)).toEqual(['users-source', 'users']);
    expect(topology.stores.get('users-store')!.builder.persistent).toBe(false);
    expect(topology.internalTopics.size).toBe(0);
    expect(topology.generatedNames()).toEqual({ stores: [], internalTopics: [] });
  });

  it('drops records without a key', () => {
    const b = new StreamsBuilder();
    b.table('in', { keySerde: NS, valueSerde: S, materialized: Materialized.as('t') }).toStream().to('out', { valueSerde: NS });
    const d = start(builtTopology(b.build()));
    const inTopic = d.createInputTopic('in', NS, S);
    inTopic.pipeInput(null, 'x');
    inTopic.pipeInput('a', 'y');
    expect(d.createOutputTopic('out', NS, NS).readKeyValuesToList()).toEqual([['a', 'y']]);
  });

  it('rejects a topic read twice', () => {
    const b = new StreamsBuilder();
    b.stream('in');
    expect(() => b.table('in')).toThrow(/already read by another source/);
    expect(() => b.globalTable('in')).toThrow(/already read by another source/);
  });
});

describe('KTable.filter / filterNot', () => {
  const input = [
    ['a', 20],
    ['b', 3],
    ['a', 5],
    ['a', 30],
    ['a', null],
  ] as const;

  it('turns an update that no longer passes into a tombstone downstream', () => {
    // Without old values (nothing downstream asks), every filtered-out update is a tombstone, as in Kafka Streams.
    expect(runTable((t) => t.filter((_k, v) => v > 10), input, N)).toEqual([
      ['a', 20],
      ['b', null],
      ['a', null],
      ['a', 30],
      ['a', null],
    ]);
  });

  it('filterNot keeps what the predicate rejects', () => {
    expect(runTable((t) => t.filterNot((_k, v) => v > 10), input, N)).toEqual([
      ['a', null],
      ['b', 3],
      ['a', 5],
      ['a', null],
      ['a', null],
    ]);
  });

  it('materialized, keeps only passing rows and forwards nothing for rows that never passed', () => {
    const b = new StreamsBuilder();
    const filtered = b.table('in', { keySerde: S, valueSerde: N }).filter((_k, v) => v > 10, { materialized: Materialized.as('big') });
    filtered.toStream().to('out', { valueSerde: NN });
    const d = start(builtTopology(b.build()));
    const inTopic = d.createInputTopic('in', S, NN);
    for (const [k, v] of input.slice(0, 4)) inTopic.pipeInput(k, v);
    expect(d.createOutputTopic('out', S, NN).readKeyValuesToList()).toEqual([
      ['a', 20],
      ['a', null],
      ['a', 30],
    ]);
    expect(filtered.queryableStoreName).toBe('big');
    const store = d.getKeyValueStore<string, number>('big')!;
    expect([...store.all()]).toEqual([['a', 30]]);
  });
});

describe('KTable.mapValues', () => {
  it('maps values and keeps deletions', () => {
    const out = runTable((t) => t.mapValues((v, k) => `${k}:${v * 2}`), [['a', 1], ['b', 2], ['a', 3], ['b', null]], S);
    expect(out).toEqual([
      ['a', 'a:2'],
      ['b', 'b:4'],
      ['a', 'a:6'],
      ['b', null],
    ]);
  });

  it('materialized, stores the mapped values with the given serde', () => {
    const b = new StreamsBuilder();
    b.table('in', { keySerde: S, valueSerde: N }).mapValues((v) => `#${v}`, { materialized: Materialized.as('labels', { valueSerde: S }) });
    const d = start(builtTopology(b.build()));
    const inTopic = d.createInputTopic('in', S, NN);
    inTopic.pipeInput('a', 1);
    inTopic.pipeInput('b', 2);
    inTopic.pipeInput('a', null);
    expect([...d.getKeyValueStore<string, string>('labels')!.all()]).toEqual([['b', '#2']]);
  });
});

describe('KStream.toTable', () => {
  it('upserts and deletes like a source table', () => {
    const b = new StreamsBuilder();
    const table = b.stream('in', { keySerde: S, valueSerde: NS }).toTable({ materialized: Materialized.as('latest') });
    table.toStream().to('out', { valueSerde: NS });
    const d = start(builtTopology(b.build()), { cacheMaxBytes: 0 });
    const inTopic = d.createInputTopic('in', S, NS);
    inTopic.pipeInput('a', 'x');
    inTopic.pipeInput('a', 'y');
    inTopic.pipeInput('b', 'z');
    inTopic.pipeInput('a', null);
    expect(d.createOutputTopic('out', S, NS).readKeyValuesToList()).toEqual([
      ['a', 'x'],
      ['a', 'y'],
      ['b', 'z'],
      ['a', null],
    ]);
    expect([...d.getKeyValueStore<string, string>('latest')!.all()]).toEqual([['b', 'z']]);
  });

  it('repartitions a re-keyed stream first (Kafka Streams names the topic after the toTable processor)', () => {
    const b = new StreamsBuilder();
    b.stream('in', { keySerde: S, valueSerde: S })
      .selectKey((_k, v) => v.toUpperCase())
      .toTable({ materialized: Materialized.as('by-value', { keySerde: S, valueSerde: S }) });
    const topology = builtTopology(b.build());
    expect([...topology.internalTopics.keys()].sort()).toEqual(['KSTREAM-TOTABLE-0000000002-repartition', 'by-value-changelog']);
    expect(topology.generatedNames().internalTopics).toEqual(['KSTREAM-TOTABLE-0000000002-repartition']);
    const d = start(topology);
    d.createInputTopic('in', S, S).pipeKeyValueList([
      ['1', 'x'],
      ['2', 'y'],
      ['3', 'x'],
    ]);
    expect([...d.getKeyValueStore<string, string>('by-value')!.all()]).toEqual([
      ['X', 'x'],
      ['Y', 'y'],
    ]);
    expect(d.producedTopicNames()).toContain('topology-test-driver-KSTREAM-TOTABLE-0000000002-repartition');
  });
});
