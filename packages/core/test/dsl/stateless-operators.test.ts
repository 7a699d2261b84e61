// Each stateless KStream operator through TopologyTestDriver (the same StreamTask the runtime runs).
import { describe, expect, it } from 'vitest';
import { Headers, Serdes, StreamsBuilder, type KStream, type Serde } from '@kstreams/core';
import { TopologyTestDriver } from '@kstreams/test-utils';

const S = Serdes.string();
const N = Serdes.int32();

/** Builds `input → op → output` with string keys and int values, pipes `[key, value]` pairs, returns the output. */
function run<K2, V2>(
  op: (s: KStream<string, number>) => KStream<K2, V2>,
  input: ReadonlyArray<readonly [string, number]>,
  out: { key: Serde<K2>; value: Serde<V2> },
) {
  const b = new StreamsBuilder();
  op(b.stream('in', { keySerde: S, valueSerde: N })).to('out', { keySerde: out.key, valueSerde: out.value });
  const driver = new TopologyTestDriver(b.build());
  const inTopic = driver.createInputTopic('in', S, N);
  const outTopic = driver.createOutputTopic('out', out.key, out.value);
  inTopic.pipeKeyValueList(input);
  const result = outTopic.readKeyValuesToList();
  driver.close();
  return result;
}

const input = [['a', 1], ['b', 2], ['c', 3], ['d', 4]] as const;

describe('stateless operators', () => {
  it('filter keeps matching records in order', () => {
    expect(run((s) => s.filter((_k, v) => v % 2 === 0), input, { key: S, value: N })).toEqual([
      ['b', 2],
      ['d', 4],
    ]);
  });

  it('filterNot drops matching records', () => {
    expect(run((s) => s.filterNot((_k, v) => v % 2 === 0), input, { key: S, value: N })).toEqual([
      ['a', 1],
      ['c', 3],
    ]);
  });

  it('map replaces key and value', () => {
    expect(run((s) => s.map((k, v) => [v, k.toUpperCase()] as const), input, { key: N, value: S })).toEqual([
      [1, 'A'],
      [2, 'B'],
      [3, 'C'],
      [4, 'D'],
    ]);
  });

  it('mapValues replaces the value and sees the key', () => {
    expect(run((s) => s.mapValues((v, k) => `${k}=${v * 10}`), input, { key: S, value: S })).toEqual([
      ['a', 'a=10'],
      ['b', 'b=20'],
      ['c', 'c=30'],
      ['d', 'd=40'],
    ]);
  });

  it('flatMap emits zero or more records per input', () => {
    const out = run(
      (s) => s.flatMap<string, number>((k, v) => Array.from({ length: v - 1 }, (_, i) => [`${k}${i}`, i] as const)),
      input.slice(0, 3),
      { key: S, value: N },
    );
    expect(out).toEqual([
      ['b0', 0],
      ['c0', 0],
      ['c1', 1],
    ]);
  });

  it('flatMapValues keeps the key', () => {
    expect(run((s) => s.flatMapValues((v) => (v > 2 ? [v, -v] : [])), input, { key: S, value: N })).toEqual([
      ['c', 3],
      ['c', -3],
      ['d', 4],
      ['d', -4],
    ]);
  });

  it('selectKey sets a key computed from the record', () => {
    expect(run((s) => s.selectKey<string>((_k, v) => (v > 2 ? 'big' : 'small')), input, { key: S, value: N })).toEqual([
      ['small', 1],
      ['small', 2],
      ['big', 3],
      ['big', 4],
    ]);
  });

  it('peek sees every record and passes it on unchanged', () => {
    const seen: string[] = [];
    const out = run((s) => s.peek((k, v) => seen.push(`${k}${v}`)), input, { key: S, value: N });
    expect(seen).toEqual(['a1', 'b2', 'c3', 'd4']);
    expect(out).toEqual(input.map(([k, v]) => [k, v]));
  });

  it('foreach ends the stream and sees every record', () => {
    const b = new StreamsBuilder();
    const seen: Array<[string, number]> = [];
    b.stream('in', { keySerde: S, valueSerde: N }).foreach((k, v) => seen.push([k, v]));
    const driver = new TopologyTestDriver(b.build());
    driver.createInputTopic('in', S, N).pipeKeyValueList(input);
    expect(seen).toEqual(input.map(([k, v]) => [k, v]));
    expect(driver.producedTopicNames()).toEqual([]);
  });

  it('keeps timestamps and headers through value operators', () => {
    const b = new StreamsBuilder();
    b.stream('in', { keySerde: S, valueSerde: N })
      .mapValues((v) => v + 1)
      .to('out', { keySerde: S, valueSerde: N });
    const driver = new TopologyTestDriver(b.build());
    driver.createInputTopic('in', S, N).pipeInput('k', 1, { timestamp: 42, headers: new Headers().add('h', 'x') });
    const r = driver.createOutputTopic('out', S, N).readRecord();
    expect(r.value).toBe(2);
    expect(r.timestamp).toBe(42);
    expect(r.headers.lastString('h')).toBe('x');
  });
});
