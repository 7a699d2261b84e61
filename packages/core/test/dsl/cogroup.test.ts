// cogroup (KIP-150) through TopologyTestDriver: several grouped streams, each with its own aggregator and value
// type, folded into one aggregate per key; node, store and repartition names as Kafka Streams 4.3.1 names them
// (its describe() output, copied into the expectations below).
import { describe, expect, it } from 'vitest';
import { BufferConfig, Materialized, Serdes, SessionWindows, Suppressed, SlidingWindows, StreamsBuilder, TimeWindows, type KTable, type Windowed } from '@kstreams/core';
import { driverPerTest } from './driver-per-test.js';

const S = Serdes.string();
const NS = Serdes.nullable(S);
const N = Serdes.int32();
const start = driverPerTest();

function twoInputs(name?: string) {
  const b = new StreamsBuilder();
  const a = b.stream('a', { keySerde: S, valueSerde: NS }).groupByKey();
  const bb = b.stream('b', { keySerde: S, valueSerde: NS }).groupByKey();
  const table = a
    .cogroup<string>((_k, v, agg) => `${agg}a${v}`)
    .cogroup(bb, (_k, v, agg) => `${agg}b${v}`)
    .aggregate(() => '', name === undefined ? { materialized: Materialized.as('both') } : { name });
  table.toStream().to('out', { keySerde: S, valueSerde: NS });
  return b;
}

describe('cogroup', () => {
  it('folds every input into one aggregate per key, each with its own aggregator (as Kafka Streams)', () => {
    const d = start(twoInputs().build(), { cacheMaxBytes: 0, defaultValueSerde: S });
    const a = d.createInputTopic('a', S, NS);
    const b = d.createInputTopic('b', S, NS);
    a.pipeInput('k', '1', { timestamp: 5 });
    b.pipeInput('k', '2', { timestamp: 3 });
    a.pipeInput('j', '3', { timestamp: 7 });
    b.pipeInput('k', null, { timestamp: 8 }); // null value: dropped
    b.pipeInput('k', '4', { timestamp: 2 });
    const out = d.createOutputTopic('out', S, S).readRecordsToList();
    // Kafka Streams 4.3.1's driver gives the same records (key, value, timestamp).
    expect(out.map((r) => [r.key, r.value, r.timestamp])).toEqual([
      ['k', 'a1', 5],
      ['k', 'a1b2', 5],
      ['j', 'a3', 7],
      ['k', 'a1b2b4', 5],
    ]);
    expect(d.getKeyValueStore<string, string>('both')!.get('k')).toBe('a1b2b4');
  });

  it('inputs of different value types fold into one aggregate type', () => {
    const b = new StreamsBuilder();
    const words = b.stream('words', { keySerde: S, valueSerde: S }).groupByKey();
    const numbers = b.stream('numbers', { keySerde: S, valueSerde: N }).groupByKey();
    words
      .cogroup<number>((_k, w, total) => total + w.length)
      .cogroup(numbers, (_k, n, total) => total + n)
      .aggregate(() => 0, { materialized: Materialized.with(S, N) })
      .toStream()
      .to('totals', { keySerde: S, valueSerde: Serdes.nullable(N) });
    const d = start(b.build(), { cacheMaxBytes: 0 });
    d.createInputTopic('words', S, S).pipeInput('x', 'abc', { timestamp: 1 });
    d.createInputTopic('numbers', S, N).pipeInput('x', 10, { timestamp: 2 });
    expect(d.createOutputTopic('totals', S, N).readValuesToList()).toEqual([3, 13]);
  });

  it('names nodes and the store as Kafka Streams does, one aggregation per input and a merge', () => {
    const text = twoInputs('both').build().describe().toString();
    // Kafka Streams: both-cogroup-agg-0/1 (stores: [COGROUPKSTREAM-AGGREGATE-STATE-STORE-0000000002]),
    // both-cogroup-merge, KTABLE-TOSTREAM-0000000006, KSTREAM-SINK-0000000007: a given name still takes its number.
    expect(text).toContain('Processor: both-cogroup-agg-0 (stores: [COGROUPKSTREAM-AGGREGATE-STATE-STORE-0000000002])');
    expect(text).toContain('Processor: both-cogroup-agg-1 (stores: [COGROUPKSTREAM-AGGREGATE-STATE-STORE-0000000002])');
    expect(text).toContain('<-- both-cogroup-agg-0, both-cogroup-agg-1');
    expect(text).toContain('Processor: both-cogroup-merge (stores: [])');
    expect(text).toContain('Processor: KTABLE-TOSTREAM-0000000006 (stores: [])');
    expect(text).toContain('Sink: KSTREAM-SINK-0000000007 (topic: out)');
  });

  it('repartitions an input whose key changed, through <store>-repartition, with Kafka Streams names', () => {
    const b = new StreamsBuilder();
    const g1 = b.stream('a', { keySerde: S, valueSerde: S }).groupByKey();
    const g2 = b.stream('b', { keySerde: S, valueSerde: S }).groupByKey();
    const g3 = b.stream('c', { keySerde: S, valueSerde: S }).selectKey((_k, v) => v).groupByKey();
    g1.cogroup<string>((_k, v, agg) => `${agg}a${v}`)
      .cogroup(g2, (_k, v, agg) => `${agg}b${v}`)
      .cogroup(g3, (_k, v, agg) => `${agg}c${v}`)
      .aggregate(() => '')
      .toStream()
      .to('out', { keySerde: S, valueSerde: NS });
    const topology = b.build();
    const text = topology.describe().toString();
    const store = 'COGROUPKSTREAM-AGGREGATE-STATE-STORE-0000000004';
    for (const line of [
      `Source: ${store}-repartition-source (topics: [${store}-repartition])`,
      `Processor: COGROUPKSTREAM-AGGREGATE-0000000008 (stores: [${store}])`,
      `Processor: COGROUPKSTREAM-AGGREGATE-0000000009 (stores: [${store}])`,
      `Processor: COGROUPKSTREAM-AGGREGATE-0000000010 (stores: [${store}])`,
      '<-- COGROUPKSTREAM-AGGREGATE-0000000008, COGROUPKSTREAM-AGGREGATE-0000000009, COGROUPKSTREAM-AGGREGATE-0000000010',
      `Processor: ${store}-repartition-filter (stores: [])`,
      `Sink: ${store}-repartition-sink (topic: ${store}-repartition)`,
      'Processor: KTABLE-TOSTREAM-0000000012 (stores: [])',
    ]) {
      expect(text).toContain(line);
    }
    const d = start(topology, { cacheMaxBytes: 0, defaultKeySerde: S, defaultValueSerde: S });
    d.createInputTopic('a', S, S).pipeInput('k', '1', { timestamp: 1 });
    d.createInputTopic('c', S, S).pipeInput('ignored', 'k', { timestamp: 2 }); // re-keyed to 'k'
    expect(d.createOutputTopic('out', S, S).readValuesToList()).toEqual(['a1', 'a1ck']);
  });

  it('a table of the cogroup can be joined and re-grouped like any aggregation', () => {
    const b = new StreamsBuilder();
    const a = b.stream('a', { keySerde: S, valueSerde: S }).groupByKey();
    const c = b.stream('c', { keySerde: S, valueSerde: S }).groupByKey();
    const totals = a.cogroup<string>((_k, v, agg) => agg + v).cogroup(c, (_k, v, agg) => agg + v.toUpperCase()).aggregate(() => '');
    b.stream('orders', { keySerde: S, valueSerde: S })
      .join(totals, (order, total) => `${order}:${total}`)
      .to('joined', { keySerde: S, valueSerde: S });
    const d = start(b.build(), { cacheMaxBytes: 0, defaultValueSerde: S });
    d.createInputTopic('a', S, S).pipeInput('k', 'x', { timestamp: 1 });
    d.createInputTopic('c', S, S).pipeInput('k', 'y', { timestamp: 2 });
    d.createInputTopic('orders', S, S).pipeInput('k', 'o1', { timestamp: 3 });
    expect(d.createOutputTopic('joined', S, S).readValuesToList()).toEqual(['o1:xY']);
  });

  it('two re-keyed inputs without Grouped names would share one repartition topic: a TopologyError, as in Kafka Streams', () => {
    const b = new StreamsBuilder();
    const g1 = b.stream('a', { keySerde: S, valueSerde: S }).selectKey((_k, v) => v).groupByKey();
    const g2 = b.stream('b', { keySerde: S, valueSerde: S }).selectKey((_k, v) => v).groupByKey();
    // Kafka Streams: "Invalid topology: Processor COGROUPKSTREAM-AGGREGATE-STATE-STORE-0000000004-repartition-filter is already added."
    expect(() => g1.cogroup<string>((_k, v, agg) => agg + v).cogroup(g2, (_k, v, agg) => agg + v).aggregate(() => '')).toThrow(
      /COGROUPKSTREAM-AGGREGATE-STATE-STORE-0000000004-repartition-filter' already exists/,
    );
    const n1 = b.stream('c', { keySerde: S, valueSerde: S }).selectKey((_k, v) => v).groupByKey({ name: 'by-c' });
    const n2 = b.stream('d', { keySerde: S, valueSerde: S }).selectKey((_k, v) => v).groupByKey({ name: 'by-d' });
    n1.cogroup<string>((_k, v, agg) => agg + v).cogroup(n2, (_k, v, agg) => agg + v).aggregate(() => '', { materialized: Materialized.as('cd') });
    expect(b.build().describe().toString()).toContain('Sink: by-d-repartition-sink (topic: by-d-repartition)');
  });

  describe('windowed', () => {
    /** Inputs a and b cogrouped, windowed by `window`, output as `key@start/end -> value @timestamp`. */
    function run(window: (streams: ReturnType<typeof cogrouped>) => KTable<Windowed<string>, string>) {
      const b = new StreamsBuilder();
      window(cogrouped(b))
        .toStream()
        .selectKey((w) => `${w.key}@${w.window.start}/${w.window.end}`)
        .to('out', { keySerde: S, valueSerde: NS });
      const topology = b.build();
      const d = start(topology, { cacheMaxBytes: 0, defaultValueSerde: S });
      const a = d.createInputTopic('a', S, S);
      const c = d.createInputTopic('b', S, S);
      a.pipeInput('k', '1', { timestamp: 5 });
      c.pipeInput('k', '2', { timestamp: 8 });
      a.pipeInput('k', '3', { timestamp: 12 });
      c.pipeInput('k', '4', { timestamp: 30 });
      a.pipeInput('k', '5', { timestamp: 9 });
      c.pipeInput('k', '6', { timestamp: 1 });
      const lines = d.createOutputTopic('out', S, NS).readRecordsToList().map((r) => `${r.key} -> ${r.value} @${r.timestamp}`);
      return { lines, described: topology.describe().toString() };
    }
    function cogrouped(b: StreamsBuilder) {
      return b
        .stream('a', { keySerde: S, valueSerde: S })
        .groupByKey()
        .cogroup<string>((_k, v, agg) => `${agg}a${v}`)
        .cogroup(b.stream('b', { keySerde: S, valueSerde: S }).groupByKey(), (_k, v, agg) => `${agg}b${v}`);
    }
    // Node names of every windowed cogroup in Kafka Streams 4.3.1 (its describe()).
    const javaNames = [
      'Processor: COGROUPKSTREAM-AGGREGATE-0000000003 (stores: [COGROUPKSTREAM-AGGREGATE-STATE-STORE-0000000002])',
      'Processor: COGROUPKSTREAM-AGGREGATE-0000000004 (stores: [COGROUPKSTREAM-AGGREGATE-STATE-STORE-0000000002])',
      'Processor: COGROUPKSTREAM-MERGE-0000000005 (stores: [])',
      'Processor: KTABLE-TOSTREAM-0000000006 (stores: [])',
    ];

    it('time windows: what Kafka Streams 4.3.1 outputs for the same inputs', () => {
      const { lines, described } = run((c) => c.windowedBy(TimeWindows.ofSizeAndGrace(10, 5)).aggregate(() => ''));
      expect(lines).toEqual(['k@0/10 -> a1 @5', 'k@0/10 -> a1b2 @8', 'k@10/20 -> a3 @12', 'k@30/40 -> b4 @30', 'k@0/10 -> a5 @9']);
      for (const line of javaNames) expect(described).toContain(line);
    });

    it('suppress(untilWindowCloses) finds the windows of a windowed cogroup through its merge node', () => {
      const { lines } = run((c) =>
        c
          .windowedBy(TimeWindows.ofSizeAndGrace(10, 5))
          .aggregate(() => '')
          .suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded())),
      );
      // What Kafka Streams 4.3.1 outputs too. At 30 suppress closes [0, 10) and [10, 20). Each input's aggregation
      // keeps its own stream time, so a's (12) still takes 9: [0, 10) had left the store (retention 15 behind
      // stream time 30), starts again as "a5" and, already closed for suppress, comes out at once.
      expect(lines).toEqual(['k@0/10 -> a1b2 @8', 'k@10/20 -> a3 @12', 'k@0/10 -> a5 @9']);
    });

    it('sliding windows: what Kafka Streams 4.3.1 outputs for the same inputs', () => {
      const { lines } = run((c) => c.windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(10, 5)).aggregate(() => ''));
      expect(lines).toEqual([
        'k@0/10 -> a1 @5',
        'k@6/16 -> b2 @8',
        'k@0/10 -> a1b2 @8',
        'k@6/16 -> b2a3 @12',
        'k@9/19 -> a3 @12',
        'k@2/12 -> a1b2a3 @12',
        'k@20/30 -> b4 @30',
        'k@2/12 -> a1b2a3a5 @12',
        'k@6/16 -> b2a3a5 @12',
        'k@9/19 -> a3a5 @12',
        'k@10/20 -> a3 @12',
        'k@0/10 -> a1b2a5 @9',
      ]);
    });

    it('session windows, with a merger: what Kafka Streams 4.3.1 outputs for the same inputs', () => {
      const { lines, described } = run((c) => c.windowedBy(SessionWindows.ofInactivityGapAndGrace(5, 5)).aggregate(() => '', (_k: string, x: string, y: string) => `${x}|${y}`));
      expect(lines).toEqual([
        'k@5/5 -> a1 @5',
        'k@5/5 -> null @5',
        'k@5/8 -> |a1b2 @8',
        'k@5/8 -> null @8',
        'k@5/12 -> ||a1b2a3 @12',
        'k@30/30 -> b4 @30',
        'k@9/9 -> a5 @9',
      ]);
      for (const line of javaNames) expect(described).toContain(line);
    });
  });
});
