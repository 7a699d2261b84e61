// TestOutputTopic: reading consumes, in order; reading an empty topic throws (Java: NoSuchElementException).
import { describe, expect, it } from 'vitest';
import { Serdes, StreamsBuilder } from '@kstreams/core';
import { driversPerTest } from './open-driver.js';

const S = Serdes.string();
const NS = Serdes.nullable(S);
const open = driversPerTest();

function passThrough() {
  const b = new StreamsBuilder();
  b.stream('in', { keySerde: S, valueSerde: NS }).to('out', { keySerde: S, valueSerde: NS });
  const d = open(b.build());
  return { input: d.createInputTopic('in', S, NS), out: d.createOutputTopic('out', S, NS) };
}

describe('TestOutputTopic', () => {
  it('readRecord throws on a topic nothing was written to, and once every record was read', () => {
    const { input, out } = passThrough();
    expect(out.isEmpty()).toBe(true);
    expect(() => out.readRecord()).toThrow(/no unread record in output topic 'out'/);
    input.pipeInput('a', '1', { timestamp: 3 });
    expect(out.readRecord()).toMatchObject({ key: 'a', value: '1', timestamp: 3 });
    expect(() => out.readValue()).toThrow(/no unread record/);
  });

  it('getQueueSize and isEmpty follow what is unread', () => {
    const { input, out } = passThrough();
    input.pipeKeyValueList([
      ['a', '1'],
      ['b', '2'],
    ]);
    expect(out.getQueueSize()).toBe(2);
    expect(out.readKeyValue()).toEqual(['a', '1']);
    expect(out.getQueueSize()).toBe(1);
    expect(out.isEmpty()).toBe(false);
    out.readValue();
    expect(out.isEmpty()).toBe(true);
  });

  it('readKeyValuesToMap keeps the last value per key, tombstones included', () => {
    const { input, out } = passThrough();
    input.pipeKeyValueList([
      ['a', '1'],
      ['b', '2'],
      ['a', '3'],
      ['b', null],
    ]);
    expect(out.readKeyValuesToMap()).toEqual(
      new Map([
        ['a', '3'],
        ['b', null],
      ]),
    );
    expect(out.isEmpty()).toBe(true);
  });

  it('readRecordsToList returns keys, values, timestamps and headers in order', () => {
    const { input, out } = passThrough();
    input.pipeRecordList([
      { key: 'a', value: '1', timestamp: 10 },
      { key: 'b', value: '2', timestamp: 20 },
    ]);
    const records = out.readRecordsToList();
    expect(records.map((r) => [r.key, r.value, r.timestamp])).toEqual([
      ['a', '1', 10],
      ['b', '2', 20],
    ]);
    expect(records.every((r) => r.headers.size === 0)).toBe(true);
  });
});
