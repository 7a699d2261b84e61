// Table results carry Kafka Streams' timestamps (KIP-258): DSL stores hold values with timestamps, aggregations
// never go back in time, a table–table join result has the larger timestamp of its sides, value getters pass
// timestamps through, and the cache forwards with the stored value's timestamp.
import { describe, expect, it } from 'vitest';
import { Materialized, Serdes, StreamsBuilder, type KTable, type Serde } from '@kstreams/core';
import type { TopologyTestDriver } from '@kstreams/test-utils';
import { driverPerTest } from './driver-per-test.js';

const S = Serdes.string();
const NS = Serdes.nullable(S);
const L = Serdes.int64Number();
const sum = Serdes.from<number>(
  'decimal',
  (_t, n) => new TextEncoder().encode(String(n)),
  (_t, b) => Number(new TextDecoder().decode(b)),
);

const start = driverPerTest();

/** The records of `topic` as `[key, value, timestamp]` (values read with `valueSerde`, default strings). */
function read<V = string>(d: TopologyTestDriver, topic: string, valueSerde?: Serde<V>): [string, V | null, number][] {
  const serde = Serdes.nullable(valueSerde ?? (S as unknown as Serde<V>));
  return d.createOutputTopic(topic, S, serde).readRecordsToList().map((r) => [r.key, r.value, r.timestamp]);
}

describe.each([
  ['without a cache', { cacheMaxBytes: 0 }],
  ['with the cache', {}],
])('KGroupedStream aggregations %s', (_name, config) => {
  it('reduce: the aggregate keeps the larger of the record and aggregate timestamps', () => {
    const b = new StreamsBuilder();
    b.stream('in', { keySerde: S, valueSerde: sum })
      .groupByKey()
      .reduce((agg, v) => agg + v, { materialized: Materialized.as('sums') })
      .toStream()
      .to('out', { keySerde: S, valueSerde: Serdes.nullable(sum) });
    const d = start(b.build(), config);
    const input = d.createInputTopic('in', S, sum);
    input.pipeInput('a', 1, { timestamp: 100 });
    input.pipeInput('a', 2, { timestamp: 50 });
    input.pipeInput('a', 4, { timestamp: 150 });
    expect(read(d, 'out', sum)).toEqual([
      ['a', 1, 100],
      ['a', 3, 100],
      ['a', 7, 150],
    ]);
    expect(d.getTimestampedKeyValueStore<string, number>('sums')!.get('a')).toEqual({ value: 7, timestamp: 150 });
    expect(d.getKeyValueStore<string, number>('sums')!.get('a')).toBe(7);
  });

  it('count and aggregate follow the same rule, per key', () => {
    const b = new StreamsBuilder();
    const grouped = b.stream('in', { keySerde: S, valueSerde: S }).groupByKey();
    grouped.count({ materialized: Materialized.as('counts') }).toStream().to('counts', { keySerde: S, valueSerde: Serdes.nullable(L) });
    grouped
      .aggregate(() => '', (_k, v, agg) => agg + v, { materialized: Materialized.as('concat', { valueSerde: S }) })
      .toStream()
      .to('concat', { keySerde: S, valueSerde: NS });
    const d = start(b.build(), config);
    const input = d.createInputTopic('in', S, S);
    input.pipeInput('a', 'x', { timestamp: 20 });
    input.pipeInput('b', 'y', { timestamp: 5 });
    input.pipeInput('a', 'z', { timestamp: 10 });
    expect(read(d, 'counts', L)).toEqual([
      ['a', 1, 20],
      ['b', 1, 5],
      ['a', 2, 20],
    ]);
    expect(read(d, 'concat')).toEqual([
      ['a', 'x', 20],
      ['b', 'y', 5],
      ['a', 'xz', 20],
    ]);
  });
});

describe('KGroupedTable aggregations', () => {
  it.each([
    ['without a cache', { cacheMaxBytes: 0 }],
    ['with the cache', {}],
  ])('count %s: a group update keeps the larger of the record and aggregate timestamps', (_name, config) => {
    const b = new StreamsBuilder();
    b.table('in', { keySerde: S, valueSerde: S })
      .groupBy((k, group) => [group, k], { keySerde: S, valueSerde: S })
      .count({ materialized: Materialized.as('per-group') })
      .toStream()
      .to('out', { keySerde: S, valueSerde: Serdes.nullable(L) });
    const d = start(b.build(), config);
    const input = d.createInputTopic('in', S, NS);
    input.pipeInput('a', 'g', { timestamp: 100 });
    input.pipeInput('b', 'g', { timestamp: 50 }); // older than g's aggregate
    input.pipeInput('a', 'h', { timestamp: 70 }); // leaves g (older than g's aggregate), joins h (new)
    input.pipeInput('c', 'h', { timestamp: 200 });
    input.pipeInput('c', null, { timestamp: 60 }); // leaves h, older than h's aggregate
    expect(read(d, 'out', L)).toEqual([
      ['g', 1, 100],
      ['g', 2, 100],
      ['g', 1, 100],
      ['h', 1, 70],
      ['h', 2, 200],
      ['h', 1, 200],
    ]);
    expect(d.getTimestampedKeyValueStore<string, number>('per-group')!.get('g')).toEqual({ value: 1, timestamp: 100 });
  });
});

describe('table–table joins', () => {
  function tables(b: StreamsBuilder): [KTable<string, string>, KTable<string, string>] {
    return [b.table('left', { keySerde: S, valueSerde: S }), b.table('right', { keySerde: S, valueSerde: S })];
  }

  it.each(['join', 'leftJoin', 'outerJoin'] as const)(
    '%s: the result has the larger of the record timestamp and the other side row timestamp',
    (kind) => {
      const b = new StreamsBuilder();
      const [left, right] = tables(b);
      const joiner = (l: string | null, r: string | null) => `${l}+${r}`;
      const options = { materialized: Materialized.as<string, string>('joined', { valueSerde: S }) };
      const joined =
        kind === 'join'
          ? left.join(right, joiner, options)
          : kind === 'leftJoin'
            ? left.leftJoin(right, joiner, options)
            : left.outerJoin(right, joiner, options);
      joined
        .toStream()
        .to('out', { keySerde: S, valueSerde: NS });
      const d = start(b.build(), { cacheMaxBytes: 0 });
      const l = d.createInputTopic('left', S, NS);
      const r = d.createInputTopic('right', S, NS);
      l.pipeInput('a', 'l1', { timestamp: 1 });
      r.pipeInput('a', 'r1', { timestamp: 5 });
      l.pipeInput('a', 'l2', { timestamp: 3 });
      r.pipeInput('a', 'r2', { timestamp: 2 });
      l.pipeInput('a', null, { timestamp: 4 }); // a deletion: the other side's row still counts
      const expected: [string, string | null, number][] = [
        ...(kind === 'join' ? [] : [['a', 'l1+null', 1] as [string, string, number]]),
        ['a', 'l1+r1', 5],
        ['a', 'l2+r1', 5],
        ['a', 'l2+r2', 3],
        ['a', kind === 'outerJoin' ? 'null+r2' : null, 4],
      ];
      expect(read(d, 'out')).toEqual(expected);
      const stored = d.getTimestampedKeyValueStore<string, string>('joined')!.get('a');
      expect(stored).toEqual(kind === 'outerJoin' ? { value: 'null+r2', timestamp: 4 } : undefined);
    },
  );

  it('a deletion of a row without a match forwards with the record timestamp (left join)', () => {
    const b = new StreamsBuilder();
    const [left, right] = tables(b);
    left.leftJoin(right, (l, r) => `${l}+${r}`).toStream().to('out', { keySerde: S, valueSerde: NS });
    const d = start(b.build(), { cacheMaxBytes: 0 });
    const l = d.createInputTopic('left', S, NS);
    l.pipeInput('a', 'l1', { timestamp: 9 });
    l.pipeInput('a', null, { timestamp: 7 });
    expect(read(d, 'out')).toEqual([
      ['a', 'l1+null', 9],
      ['a', null, 7],
    ]);
  });

  it("the getter of a join result that is not materialized has both sides' larger timestamp", () => {
    const b = new StreamsBuilder();
    const [left, right] = tables(b);
    const joined = left.join(right, (l, r) => `${l}+${r}`);
    const third = b.table('third', { keySerde: S, valueSerde: S });
    // A change of `third` looks `joined` up through its getter.
    third.join(joined, (t, j) => `${t}|${j}`).toStream().to('out', { keySerde: S, valueSerde: NS });
    const d = start(b.build(), { cacheMaxBytes: 0 });
    d.createInputTopic('left', S, S).pipeInput('a', 'l', { timestamp: 10 });
    d.createInputTopic('right', S, S).pipeInput('a', 'r', { timestamp: 20 });
    d.createInputTopic('third', S, S).pipeInput('a', 't', { timestamp: 5 });
    // `joined`'s changes found no row in `third`; third's row at 5 finds `joined`'s row, at max(10, 20).
    expect(read(d, 'out')).toEqual([['a', 't|l+r', 20]]);
  });

  it('the getters of filter and mapValues pass their parent row timestamp through', () => {
    const b = new StreamsBuilder();
    const [left, right] = tables(b);
    const mapped = left.mapValues((v) => v.toUpperCase()).filter((_k, v) => v.length > 0);
    right.join(mapped, (r, m) => `${r}/${m}`).toStream().to('out', { keySerde: S, valueSerde: NS });
    const d = start(b.build(), { cacheMaxBytes: 0 });
    d.createInputTopic('left', S, S).pipeInput('a', 'x', { timestamp: 30 });
    d.createInputTopic('right', S, S).pipeInput('a', 'y', { timestamp: 5 });
    expect(read(d, 'out')).toEqual([['a', 'y/X', 30]]);
  });
});

describe('timestamped stores', () => {
  it('a source table, toTable and a global table store each value with its record timestamp', () => {
    const b = new StreamsBuilder();
    b.table('t', { keySerde: S, valueSerde: S, materialized: Materialized.as('t-store') });
    b.stream('s', { keySerde: S, valueSerde: S }).toTable({ materialized: Materialized.as('s-store') });
    b.globalTable('g', { keySerde: S, valueSerde: S, materialized: Materialized.as('g-store') });
    const d = start(b.build());
    d.createInputTopic('t', S, S).pipeInput('k', 'v1', { timestamp: 11 });
    d.createInputTopic('s', S, S).pipeInput('k', 'v2', { timestamp: 12 });
    d.createInputTopic('g', S, S).pipeInput('k', 'v3', { timestamp: 13 });
    expect(d.getTimestampedKeyValueStore<string, string>('t-store')!.get('k')).toEqual({ value: 'v1', timestamp: 11 });
    expect(d.getTimestampedKeyValueStore<string, string>('s-store')!.get('k')).toEqual({ value: 'v2', timestamp: 12 });
    expect(d.getTimestampedKeyValueStore<string, string>('g-store')!.get('k')).toEqual({ value: 'v3', timestamp: 13 });
    expect([...d.getTimestampedKeyValueStore<string, string>('t-store')!.all()]).toEqual([['k', { value: 'v1', timestamp: 11 }]]);
  });

  it('getKeyValueStore gives a plain view of a timestamped store; a store added with addStateStore stays plain', () => {
    const b = new StreamsBuilder();
    b.table('t', { keySerde: S, valueSerde: S, materialized: Materialized.as('t-store') });
    const d = start(b.build());
    d.createInputTopic('t', S, S).pipeInput('k', 'v', { timestamp: 3 });
    const plain = d.getKeyValueStore<string, string>('t-store')!;
    expect(plain.get('k')).toBe('v');
    expect([...plain.all()]).toEqual([['k', 'v']]);
    plain.put('m', 'w'); // written without a timestamp (-1), as Kafka's KeyValueStoreFacade does
    expect(d.getTimestampedKeyValueStore<string, string>('t-store')!.get('m')).toEqual({ value: 'w', timestamp: -1 });
    expect(plain.delete('m')).toBe('w');
    expect(d.getTimestampedKeyValueStore('missing')).toBeUndefined();
  });
});
