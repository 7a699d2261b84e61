// Aggregations through TopologyTestDriver: KGroupedStream count/reduce/aggregate, KGroupedTable with subtractors.
import { describe, expect, it } from 'vitest';
import { Materialized, Serdes, StreamsBuilder } from '@kstreams/core';
import type { TopologyTestDriverConfig } from '@kstreams/test-utils';
import { driverPerTest } from './driver-per-test.js';
import { builtTopology } from '../../src/topology/built-topology.js';

const S = Serdes.string();
const N = Serdes.int32();
const L = Serdes.int64Number();
const NS = Serdes.nullable(S);

const start = driverPerTest();

describe('KGroupedStream', () => {
  it('count: one update per record without a cache (cacheMaxBytes: 0)', () => {
    const b = new StreamsBuilder();
    const counts = b.stream('in', { keySerde: S, valueSerde: S }).groupByKey().count({ materialized: Materialized.as('counts') });
    counts.toStream().to('out');
    const d = start(builtTopology(b.build()), { cacheMaxBytes: 0 });
    d.createInputTopic('in', S, S).pipeKeyValueList([
      ['a', 'x'],
      ['b', 'y'],
      ['a', 'z'],
    ]);
    expect(d.createOutputTopic('out', S, L).readKeyValuesToList()).toEqual([
      ['a', 1],
      ['b', 1],
      ['a', 2],
    ]);
    expect(d.getKeyValueStore<string, number>('counts')!.get('a')).toBe(2);
  });

  it('count: the cache forwards one update per key per commit, without it every update', () => {
    const build = () => {
      const b = new StreamsBuilder();
      b.stream('in', { keySerde: S, valueSerde: S })
        .flatMapValues((v) => v.split(' '))
        .groupByKey()
        .count()
        .toStream()
        .to('out');
      return builtTopology(b.build());
    };
    const cached = start(build());
    cached.createInputTopic('in', S, S).pipeInput('a', 'one two three');
    cached.createInputTopic('in', S, S).pipeInput('a', 'four');
    expect(cached.createOutputTopic('out', S, L).readKeyValuesToList()).toEqual([
      ['a', 3],
      ['a', 4],
    ]);
    cached.close();
    const uncached = start(build(), { cacheMaxBytes: 0 });
    uncached.createInputTopic('in', S, S).pipeInput('a', 'one two three');
    expect(uncached.createOutputTopic('out', S, L).readKeyValuesToList()).toEqual([
      ['a', 1],
      ['a', 2],
      ['a', 3],
    ]);
  });

  it('count skips records with a null value', () => {
    const b = new StreamsBuilder();
    b.stream('in', { keySerde: S, valueSerde: NS }).groupByKey().count().toStream().to('out');
    const d = start(builtTopology(b.build()), { cacheMaxBytes: 0 });
    const inTopic = d.createInputTopic('in', S, NS);
    inTopic.pipeInput('a', null);
    inTopic.pipeInput('a', 'x');
    expect(d.createOutputTopic('out', S, L).readKeyValuesToList()).toEqual([['a', 1]]);
  });

  it('groupBy repartitions through a topic named after the store, as Kafka Streams does', () => {
    const b = new StreamsBuilder();
    b.stream('in', { keySerde: S, valueSerde: S })
      .groupBy((_k, v) => v, { keySerde: S })
      .count()
      .toStream()
      .to('out');
    const topology = builtTopology(b.build());
    const topic = 'KSTREAM-AGGREGATE-STATE-STORE-0000000002-repartition';
    expect([...topology.internalTopics.keys()].sort()).toEqual(['KSTREAM-AGGREGATE-STATE-STORE-0000000002-changelog', topic]);
    expect(topology.generatedNames()).toEqual({
      stores: ['KSTREAM-AGGREGATE-STATE-STORE-0000000002'],
      internalTopics: [topic, 'KSTREAM-AGGREGATE-STATE-STORE-0000000002-changelog'],
    });
    const described = topology.describe();
    // Kafka Streams 4.3.1 names these nodes so (its describe()): the aggregation takes its number before the
    // repartition, whose sink, filter and source take three more.
    expect(described.subtopologies.map((s) => s.nodes.map((n) => n.name))).toEqual([
      ['KSTREAM-SOURCE-0000000000', 'KSTREAM-KEY-SELECT-0000000001', 'KSTREAM-FILTER-0000000005', 'KSTREAM-SINK-0000000004'],
      ['KSTREAM-SOURCE-0000000006', 'KSTREAM-AGGREGATE-0000000003', 'KTABLE-TOSTREAM-0000000007', 'KSTREAM-SINK-0000000008'],
    ]);
    expect(described.toString()).toContain(
      'Processor: KSTREAM-AGGREGATE-0000000003 (stores: [KSTREAM-AGGREGATE-STATE-STORE-0000000002])',
    );
    const d = start(topology, { cacheMaxBytes: 0 });
    d.createInputTopic('in', S, S).pipeKeyValueList([
      ['1', 'red'],
      ['2', 'blue'],
      ['3', 'red'],
    ]);
    expect(d.createOutputTopic('out', S, L).readKeyValuesToList()).toEqual([
      ['red', 1],
      ['blue', 1],
      ['red', 2],
    ]);
    expect(d.producedTopicNames()).toContain(`topology-test-driver-${topic}`);
  });

  it('a Grouped name names the repartition topic (and is not reported as generated)', () => {
    const b = new StreamsBuilder();
    b.stream('in', { keySerde: S, valueSerde: S })
      .groupBy((_k, v) => v, { name: 'by-colour', keySerde: S })
      .count({ materialized: Materialized.as('colour-counts') });
    const topology = builtTopology(b.build());
    expect([...topology.internalTopics.keys()].sort()).toEqual(['by-colour-repartition', 'colour-counts-changelog']);
    expect(topology.generatedNames()).toEqual({ stores: [], internalTopics: [] });
    expect(topology.describe().subtopologies[0]!.nodes.map((n) => n.name)).toEqual([
      'KSTREAM-SOURCE-0000000000',
      'by-colour',
      'by-colour-repartition-filter',
      'by-colour-repartition-sink',
    ]);
  });

  it('groupByKey after a key change repartitions; without one it does not', () => {
    const b = new StreamsBuilder();
    const s = b.stream('in', { keySerde: S, valueSerde: S });
    s.groupByKey().count({ materialized: Materialized.as('direct') });
    s.selectKey((_k, v) => v).groupByKey({ keySerde: S }).count({ materialized: Materialized.as('rekeyed') });
    const topology = builtTopology(b.build());
    expect([...topology.internalTopics.keys()].filter((t) => t.endsWith('-repartition'))).toEqual(['rekeyed-repartition']);
    const d = start(topology);
    d.createInputTopic('in', S, S).pipeKeyValueList([
      ['1', 'red'],
      ['1', 'blue'],
      ['2', 'red'],
    ]);
    expect([...d.getKeyValueStore<string, number>('direct')!.all()]).toEqual([
      ['1', 2],
      ['2', 1],
    ]);
    expect([...d.getKeyValueStore<string, number>('rekeyed')!.all()]).toEqual([
      ['blue', 1],
      ['red', 2],
    ]);
  });

  it('reduce combines values per key', () => {
    const b = new StreamsBuilder();
    b.stream('in', { keySerde: S, valueSerde: N })
      .groupByKey()
      .reduce((agg, v) => Math.max(agg, v), { materialized: Materialized.as('max') })
      .toStream()
      .to('out');
    const d = start(builtTopology(b.build()), { cacheMaxBytes: 0 });
    d.createInputTopic('in', S, N).pipeKeyValueList([
      ['a', 3],
      ['a', 1],
      ['b', 2],
      ['a', 7],
    ]);
    expect(d.createOutputTopic('out', S, N).readKeyValuesToList()).toEqual([
      ['a', 3],
      ['a', 3],
      ['b', 2],
      ['a', 7],
    ]);
    expect(d.getKeyValueStore<string, number>('max')!.get('a')).toBe(7);
  });

  it('aggregate folds from the initializer, with the materialized serdes', () => {
    const b = new StreamsBuilder();
    b.stream('in', { keySerde: S, valueSerde: S })
      .groupByKey()
      .aggregate(
        () => [] as string[],
        (_k, v, agg) => [...agg, v],
        { materialized: Materialized.as('seen', { valueSerde: Serdes.json<string[]>() }) },
      )
      .toStream()
      .to('out');
    const d = start(builtTopology(b.build()), { cacheMaxBytes: 0 });
    d.createInputTopic('in', S, S).pipeKeyValueList([
      ['a', 'x'],
      ['a', 'y'],
      ['b', 'z'],
    ]);
    expect(d.createOutputTopic('out', S, Serdes.json<string[]>()).readKeyValuesToList()).toEqual([
      ['a', ['x']],
      ['a', ['x', 'y']],
      ['b', ['z']],
    ]);
  });

  it('matches the closed form over many records: each key carries 1..N', () => {
    const n = 300;
    const keys = ['k0', 'k1', 'k2', 'k3', 'k4'];
    const b = new StreamsBuilder();
    // In-memory stores: the driver commits after every record, and each commit of an LMDB store costs ~0.3 ms.
    const inMemory = { storeType: 'in-memory' } as const;
    const grouped = b.stream('in', { keySerde: S, valueSerde: N }).groupByKey();
    grouped.count({ materialized: Materialized.as('count', inMemory) });
    grouped.reduce((a, v) => a + v, { materialized: Materialized.as('sum', inMemory) });
    grouped
      .aggregate(
        () => ({ min: Number.MAX_SAFE_INTEGER, max: 0 }),
        (_k, v, agg) => ({ min: Math.min(agg.min, v), max: Math.max(agg.max, v) }),
        { materialized: Materialized.as('range', { ...inMemory, valueSerde: Serdes.json<{ min: number; max: number }>() }) },
      )
      .toStream()
      .to('ranges', { valueSerde: Serdes.nullable(Serdes.json<{ min: number; max: number }>()) });
    // Records with a re-keyed copy: the sum per new key (key mod 2) is known too.
    b.stream('odd-even', { keySerde: S, valueSerde: N })
      .groupBy((_k, v) => (v % 2 === 0 ? 'even' : 'odd'), { keySerde: S })
      .reduce((a, v) => a + v, { materialized: Materialized.as('parity-sum', inMemory) });
    const d = start(builtTopology(b.build()));
    const inTopic = d.createInputTopic('in', S, N);
    const parity = d.createInputTopic('odd-even', S, N);
    for (let i = 1; i <= n; i++) {
      for (const k of keys) inTopic.pipeInput(k, i);
      parity.pipeInput('any', i);
    }
    const count = d.getKeyValueStore<string, number>('count')!;
    const sum = d.getKeyValueStore<string, number>('sum')!;
    const range = d.getKeyValueStore<string, { min: number; max: number }>('range')!;
    for (const k of keys) {
      expect(count.get(k)).toBe(n);
      expect(sum.get(k)).toBe((n * (n + 1)) / 2);
      expect(range.get(k)).toEqual({ min: 1, max: n });
    }
    const last = d.createOutputTopic('ranges', S, Serdes.json<{ min: number; max: number }>()).readKeyValuesToMap();
    expect(last).toEqual(new Map(keys.map((k) => [k, { min: 1, max: n }])));
    const parityStore = d.getKeyValueStore<string, number>('parity-sum')!;
    expect(parityStore.get('even')).toBe((n / 2) * (n / 2 + 1));
    expect(parityStore.get('odd')).toBe((n / 2) ** 2);
  });
});

describe('KGroupedTable', () => {
  /** Users table (user → region); counts users per region. */
  function regionCounts(config: TopologyTestDriverConfig = { cacheMaxBytes: 0 }) {
    const b = new StreamsBuilder();
    b.table('users', { keySerde: S, valueSerde: S })
      .groupBy((user, region) => [region, user], { keySerde: S, valueSerde: S })
      .count({ materialized: Materialized.as('per-region') })
      .toStream()
      .to('out', { valueSerde: Serdes.nullable(L) });
    const d = start(builtTopology(b.build()), config);
    return { d, users: d.createInputTopic('users', S, NS), out: d.createOutputTopic('out', S, Serdes.nullable(L)) };
  }

  it('count: a row moving between groups decrements the old group and increments the new one', () => {
    const { d, users, out } = regionCounts();
    users.pipeInput('alice', 'eu');
    users.pipeInput('bob', 'eu');
    users.pipeInput('carol', 'us');
    expect(out.readKeyValuesToList()).toEqual([
      ['eu', 1],
      ['eu', 2],
      ['us', 1],
    ]);
    users.pipeInput('alice', 'us');
    expect(out.readKeyValuesToList()).toEqual([
      ['eu', 1],
      ['us', 2],
    ]);
    users.pipeInput('bob', null);
    expect(out.readKeyValuesToList()).toEqual([['eu', 0]]);
    const store = d.getKeyValueStore<string, number>('per-region')!;
    expect([...store.all()]).toEqual([
      ['eu', 0],
      ['us', 2],
    ]);
  });

  it('count: an update within the same group is one change, subtracted and added in one step (KIP-904)', () => {
    const cached = regionCounts({});
    cached.users.pipeInput('alice', 'eu');
    cached.users.pipeInput('alice', 'eu');
    expect(cached.out.readKeyValuesToList()).toEqual([
      ['eu', 1],
      ['eu', 1],
    ]);
    cached.d.close();
    const uncached = regionCounts({ cacheMaxBytes: 0 });
    uncached.users.pipeInput('alice', 'eu');
    uncached.users.pipeInput('alice', 'eu');
    uncached.users.pipeInput('alice', 'us');
    expect(uncached.out.readKeyValuesToList()).toEqual([
      ['eu', 1],
      ['eu', 1],
      ['eu', 0],
      ['us', 1],
    ]);
  });

  it('aggregate with an adder and a subtractor keeps exact sums per group', () => {
    const b = new StreamsBuilder();
    // account → "region:balance"; total balance per region.
    b.table('accounts', { keySerde: S, valueSerde: S })
      .groupBy((_account, v) => {
        const [region, balance] = v.split(':');
        return [region!, Number(balance)];
      }, { keySerde: S, valueSerde: N })
      .aggregate(
        () => 0,
        (_region, balance, total) => total + balance,
        (_region, balance, total) => total - balance,
        { materialized: Materialized.as('totals', { valueSerde: N }) },
      );
    const d = start(builtTopology(b.build()));
    const accounts = d.createInputTopic('accounts', S, NS);
    accounts.pipeInput('a1', 'eu:100');
    accounts.pipeInput('a2', 'eu:50');
    accounts.pipeInput('a3', 'us:10');
    accounts.pipeInput('a1', 'eu:70');
    accounts.pipeInput('a2', 'us:50');
    accounts.pipeInput('a3', null);
    expect([...d.getKeyValueStore<string, number>('totals')!.all()]).toEqual([
      ['eu', 70],
      ['us', 50],
    ]);
  });

  it('reduce with an adder and a subtractor', () => {
    const b = new StreamsBuilder();
    b.table('scores', { keySerde: S, valueSerde: N })
      .groupBy((player, score) => [player.slice(0, 1), score], { keySerde: S, valueSerde: N })
      .reduce(
        (agg, v) => agg + v,
        (agg, v) => agg - v,
        { materialized: Materialized.as('team-scores') },
      );
    const d = start(builtTopology(b.build()));
    const scores = d.createInputTopic('scores', S, Serdes.nullable(N));
    scores.pipeInput('a1', 5);
    scores.pipeInput('a2', 7);
    scores.pipeInput('b1', 1);
    scores.pipeInput('a1', 6);
    scores.pipeInput('a2', null);
    expect([...d.getKeyValueStore<string, number>('team-scores')!.all()]).toEqual([
      ['a', 6],
      ['b', 1],
    ]);
  });

  it('repartitions through `<store or Grouped name>-repartition`, marking the halves of an update in a header', () => {
    const b = new StreamsBuilder();
    b.table('users', { keySerde: S, valueSerde: S })
      .groupBy((user, region) => [region, user], { name: 'by-region', keySerde: S, valueSerde: S })
      .count({ materialized: Materialized.as('per-region') })
      .toStream()
      .to('out');
    const topology = builtTopology(b.build());
    expect([...topology.internalTopics.keys()].sort()).toEqual(['by-region-repartition', 'per-region-changelog', 'users-STATE-STORE-0000000000-changelog']);
    const d = start(topology);
    d.createInputTopic('users', S, NS).pipeInput('alice', 'eu');
    const out = d.createOutputTopic('out', S, L).readRecordsToList();
    expect(out.map((r) => [r.key, r.value])).toEqual([['eu', 1]]);
    expect(out[0]!.headers.size).toBe(0);
  });

  it('matches the closed form when rows move between groups many times', () => {
    const b = new StreamsBuilder();
    b.table('items', { keySerde: S, valueSerde: N })
      .groupBy((item, v) => [`g${v % 3}`, Number(item.slice(1))], { keySerde: S, valueSerde: N })
      .aggregate(
        () => 0,
        (_g, x, total) => total + x,
        (_g, x, total) => total - x,
        { materialized: Materialized.as('group-sums', { valueSerde: N, storeType: 'in-memory' }) },
      );
    const d = start(builtTopology(b.build()));
    const items = d.createInputTopic('items', S, N);
    const n = 60;
    // Every item i (worth i) is written 5 times with different values; the last write decides its group.
    for (let round = 0; round < 5; round++) for (let i = 1; i <= n; i++) items.pipeInput(`i${i}`, i + round);
    const expected = new Map<string, number>();
    for (let i = 1; i <= n; i++) expected.set(`g${(i + 4) % 3}`, (expected.get(`g${(i + 4) % 3}`) ?? 0) + i);
    expect(new Map(d.getKeyValueStore<string, number>('group-sums')!.all())).toEqual(expected);
  });
});
