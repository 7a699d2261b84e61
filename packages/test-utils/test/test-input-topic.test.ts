// TestInputTopic against Java's TestInputTopic semantics: keyless records, topic time (start, auto-advance,
// advanceTime), explicit list timing that leaves topic time alone, and TestRecord-shaped input.
import { describe, expect, it } from 'vitest';
import { Headers, SerializationError, Serdes, StreamsBuilder } from '@kstreams/core';
import { driversPerTest } from './open-driver.js';

const S = Serdes.string();
const NS = Serdes.nullable(S);
const open = driversPerTest();

/** in → out unchanged; keys may be null. */
function passThrough(config = {}) {
  const b = new StreamsBuilder();
  b.stream('in', { keySerde: NS, valueSerde: S }).to('out', { keySerde: NS, valueSerde: S });
  const d = open(b.build(), config);
  const out = d.createOutputTopic('out', NS, S);
  const read = () => out.readRecordsToList().map((r) => [r.key, r.value, r.timestamp] as const);
  return { d, read };
}

describe('keyless records (Java pipeInput(V value))', () => {
  it('pipeValue pipes a record whose key is null', () => {
    const { d, read } = passThrough();
    const input = d.createInputTopic('in', NS, S);
    input.pipeValue('v1', { timestamp: 5 });
    input.pipeInput('k', 'v2', { timestamp: 6 });
    expect(read()).toEqual([
      [null, 'v1', 5],
      ['k', 'v2', 6],
    ]);
  });

  it('pipeValue does not call the key serde, so a non-null key serde is fine', () => {
    const { d, read } = passThrough();
    const input = d.createInputTopic('in', S, S);
    // Through the key serde a null key is rejected; pipeValue sends no key bytes at all.
    expect(() => input.pipeInput(null as unknown as string, 'x')).toThrow(SerializationError);
    input.pipeValue('y', { timestamp: 1 });
    expect(read()).toEqual([[null, 'y', 1]]);
  });

  it('pipeValue passes headers on', () => {
    const b = new StreamsBuilder();
    b.stream('in', { keySerde: NS, valueSerde: S }).to('out', { keySerde: NS, valueSerde: S });
    const d = open(b.build());
    d.createInputTopic('in', NS, S).pipeValue('v', { headers: new Headers().add('trace', 'abc') });
    const r = d.createOutputTopic('out', NS, S).readRecord();
    expect(r.headers.lastString('trace')).toBe('abc');
  });

  it('pipeValueList pipes each value without a key, on topic time', () => {
    const { d, read } = passThrough();
    const input = d.createInputTopic('in', NS, S, { startTimestamp: 100, autoAdvanceMs: 10 });
    input.pipeValueList(['a', 'b', 'c']);
    expect(read()).toEqual([
      [null, 'a', 100],
      [null, 'b', 110],
      [null, 'c', 120],
    ]);
  });
});

describe('topic time (Java createInputTopic(topic, k, v, startTimestamp, autoAdvance))', () => {
  it('records without a timestamp get startTimestamp, then +autoAdvanceMs each', () => {
    const { d, read } = passThrough();
    const input = d.createInputTopic('in', NS, S, { startTimestamp: 1000, autoAdvanceMs: 250 });
    input.pipeInput('a', '1');
    input.pipeValue('2');
    input.pipeRecord({ key: 'c', value: '3' });
    expect(read().map((r) => r[2])).toEqual([1000, 1250, 1500]);
  });

  it('an explicit timestamp neither uses nor moves topic time', () => {
    const { d, read } = passThrough();
    const input = d.createInputTopic('in', NS, S, { startTimestamp: 1000, autoAdvanceMs: 100 });
    input.pipeInput('a', '1');
    input.pipeInput('b', '2', { timestamp: 7 });
    input.pipeValue('3', { timestamp: 8 });
    input.pipeRecord({ key: 'd', value: '4', timestamp: 9 });
    input.pipeInput('e', '5');
    expect(read().map((r) => r[2])).toEqual([1000, 7, 8, 9, 1100]);
  });

  it('without options, topic time starts at the driver wall clock and does not advance', () => {
    const { d, read } = passThrough({ initialWallClockTimeMs: 42 });
    d.advanceWallClockTime(8);
    const input = d.createInputTopic('in', NS, S);
    input.pipeInput('a', '1');
    input.pipeInput('b', '2');
    expect(read().map((r) => r[2])).toEqual([50, 50]);
  });

  it('advanceTime moves topic time only', () => {
    const { d, read } = passThrough();
    const input = d.createInputTopic('in', NS, S, { startTimestamp: 0, autoAdvanceMs: 1 });
    input.pipeInput('a', '1');
    input.advanceTime(100);
    input.pipeInput('b', '2');
    expect(read().map((r) => r[2])).toEqual([0, 101]);
  });

  it('rejects a negative autoAdvanceMs and a negative advanceTime, as Java does', () => {
    const { d } = passThrough();
    expect(() => d.createInputTopic('in', NS, S, { autoAdvanceMs: -1 })).toThrow(RangeError);
    const input = d.createInputTopic('in', NS, S);
    expect(() => input.advanceTime(-5)).toThrow(RangeError);
  });
});

describe('lists with explicit timing (Java pipeKeyValueList / pipeValueList(list, start, advance))', () => {
  it('pipeKeyValueList: startTimestamp, then +advanceMs; topic time is left alone', () => {
    const { d, read } = passThrough();
    const input = d.createInputTopic('in', NS, S, { startTimestamp: 500, autoAdvanceMs: 1 });
    input.pipeKeyValueList(
      [
        ['a', '1'],
        ['b', '2'],
        ['c', '3'],
      ],
      { startTimestamp: 10, advanceMs: 5 },
    );
    input.pipeInput('d', '4');
    expect(read()).toEqual([
      ['a', '1', 10],
      ['b', '2', 15],
      ['c', '3', 20],
      ['d', '4', 500],
    ]);
  });

  it('pipeValueList: advanceMs defaults to 0', () => {
    const { d, read } = passThrough();
    const input = d.createInputTopic('in', NS, S, { startTimestamp: 500, autoAdvanceMs: 3 });
    input.pipeValueList(['a', 'b'], { startTimestamp: 20 });
    input.pipeValue('c');
    expect(read()).toEqual([
      [null, 'a', 20],
      [null, 'b', 20],
      [null, 'c', 500],
    ]);
  });

  it('pipeKeyValueList without timing uses topic time and auto-advance', () => {
    const { d, read } = passThrough();
    const input = d.createInputTopic('in', NS, S, { startTimestamp: 7, autoAdvanceMs: 2 });
    input.pipeKeyValueList([
      ['a', '1'],
      ['b', '2'],
    ]);
    expect(read()).toEqual([
      ['a', '1', 7],
      ['b', '2', 9],
    ]);
  });

  it('pipeRecordList: each record with its own timestamp, or topic time when it has none', () => {
    const { d, read } = passThrough();
    const input = d.createInputTopic('in', NS, S, { startTimestamp: 300, autoAdvanceMs: 10 });
    input.pipeRecordList([
      { key: 'a', value: '1' },
      { key: 'b', value: '2', timestamp: 3 },
      { key: null, value: '3' },
    ]);
    expect(read()).toEqual([
      ['a', '1', 300],
      ['b', '2', 3],
      [null, '3', 310],
    ]);
  });
});
