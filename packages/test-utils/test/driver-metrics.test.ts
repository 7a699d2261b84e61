// TopologyTestDriver.metrics(): records processed and dropped (by reason), in total and per task, each counted
// from what the tasks did.
import { describe, expect, it } from 'vitest';
import { Materialized, Serdes, StreamsBuilder, StreamsProcessingError, deadLetter, type StreamsConfig } from '@kstreams/core';
import { driversPerTest } from './open-driver.js';

const S = Serdes.string();
const N = Serdes.int32();
const B = Serdes.nullable(Serdes.bytes());
const open = driversPerTest();

const good = (n: number) => N.serialize('in', n)!;
const corrupt = new TextEncoder().encode('xyz'); // 3 bytes: not an int32

/** in (string → int32) → doubled → out; 13 makes the processor throw. Input is raw bytes so a test can corrupt it. */
function doubler(config: Partial<StreamsConfig> = {}) {
  const b = new StreamsBuilder();
  b.stream('in', { keySerde: S, valueSerde: N })
    .mapValues((v) => {
      if (v === 13) throw new Error('unlucky');
      return v * 2;
    })
    .to('out', { keySerde: S, valueSerde: N });
  const d = open(b.build(), config);
  return { d, input: d.createInputTopic('in', S, B), out: d.createOutputTopic('out', S, N) };
}

describe('metrics', () => {
  it('starts at zero, in the shape of KafkaStreams.metrics()', () => {
    const { d } = doubler();
    expect(d.metrics()).toEqual({
      tasks: 1,
      bufferedRecords: 0,
      pausedPartitions: 0,
      processedTotal: 0,
      droppedRecords: { deserialization: 0, processing: 0, late: 0, invalidTimestamp: 0 },
      enforcedProcessingTotal: 0,
      perTask: new Map([['0_0', { processedTotal: 0, droppedRecords: { deserialization: 0, processing: 0, late: 0, invalidTimestamp: 0 }, enforcedProcessingTotal: 0 }]]),
    });
  });

  it('3 records, one not deserializable, logAndContinue: 2 processed, 1 dropped on deserialization', () => {
    const { d, input, out } = doubler({ deserializationExceptionHandler: 'logAndContinue' });
    input.pipeInput('a', good(1));
    input.pipeInput('b', corrupt);
    input.pipeInput('c', good(3));
    expect(out.readValuesToList()).toEqual([2, 6]);
    const m = d.metrics();
    expect(m.processedTotal).toBe(2);
    expect(m.droppedRecords).toEqual({ deserialization: 1, processing: 0, late: 0, invalidTimestamp: 0 });
    expect(m.perTask.get('0_0')).toEqual({
      processedTotal: 2,
      droppedRecords: { deserialization: 1, processing: 0, late: 0, invalidTimestamp: 0 },
      enforcedProcessingTotal: 0,
    });
  });

  it('a record sent to a dead-letter topic counts as dropped on deserialization', () => {
    const { d, input } = doubler({ deserializationExceptionHandler: deadLetter('dlq') });
    input.pipeInput('a', corrupt);
    input.pipeInput('b', corrupt);
    input.pipeInput('c', good(4));
    expect(d.createOutputTopic('dlq', B, B).getQueueSize()).toBe(2);
    expect(d.metrics().droppedRecords).toEqual({ deserialization: 2, processing: 0, late: 0, invalidTimestamp: 0 });
    expect(d.metrics().processedTotal).toBe(1);
  });

  it('a processing failure the handler skips: processed, and dropped on processing', () => {
    const { d, input, out } = doubler({ processingExceptionHandler: 'logAndContinue' });
    input.pipeInput('a', good(13));
    input.pipeInput('b', good(5));
    expect(out.readValuesToList()).toEqual([10]);
    expect(d.metrics().processedTotal).toBe(2);
    expect(d.metrics().droppedRecords).toEqual({ deserialization: 0, processing: 1, late: 0, invalidTimestamp: 0 });
  });

  it('a record that fails with the fail handler is neither processed nor dropped', () => {
    const { d, input } = doubler();
    input.pipeInput('a', good(1));
    expect(() => input.pipeInput('b', corrupt)).toThrow(StreamsProcessingError);
    expect(() => input.pipeInput('c', good(13))).toThrow(StreamsProcessingError);
    expect(d.metrics().processedTotal).toBe(1);
    expect(d.metrics().droppedRecords).toEqual({ deserialization: 0, processing: 0, late: 0, invalidTimestamp: 0 });
  });

  it('a failed punctuation the handler skips drops no record', () => {
    const b = new StreamsBuilder();
    b.stream('in', { keySerde: S, valueSerde: S }).process(() => ({
      init: (ctx) =>
        ctx.schedule(10, 'wall-clock', () => {
          throw new Error('punctuation failed');
        }),
      process: () => {},
    }));
    const d = open(b.build(), { processingExceptionHandler: 'logAndContinue' });
    d.createInputTopic('in', S, S).pipeInput('a', 'x');
    d.advanceWallClockTime(20);
    expect(d.metrics().processedTotal).toBe(1);
    expect(d.metrics().droppedRecords.processing).toBe(0);
  });

  it('counts per task: a repartitioned record is processed once in each sub-topology', () => {
    const b = new StreamsBuilder();
    b.stream('in', { keySerde: S, valueSerde: S })
      .filter((_k, v) => v !== 'skip')
      .selectKey((_k, v) => v)
      .groupByKey({ keySerde: S })
      .count({ materialized: Materialized.as('counts') });
    const d = open(b.build());
    d.createInputTopic('in', S, S).pipeKeyValueList([
      ['1', 'red'],
      ['2', 'skip'],
      ['3', 'blue'],
      ['4', 'red'],
    ]);
    const m = d.metrics();
    expect(m.tasks).toBe(2);
    expect(m.perTask.get('0_0')?.processedTotal).toBe(4);
    expect(m.perTask.get('1_0')?.processedTotal).toBe(3);
    expect(m.processedTotal).toBe(7);
    expect(m.bufferedRecords).toBe(0);
  });

  it('records piped into a global topic are not task records', () => {
    const b = new StreamsBuilder();
    b.globalTable('products', { keySerde: S, valueSerde: S, materialized: { storeName: 'products' } });
    b.stream('in', { keySerde: S, valueSerde: S }).to('out');
    const d = open(b.build());
    d.createInputTopic('products', S, S).pipeKeyValueList([
      ['p1', 'Widget'],
      ['p2', 'Gadget'],
    ]);
    expect(d.getKeyValueStore<string, string>('products')!.get('p2')).toBe('Gadget');
    expect(d.metrics().processedTotal).toBe(0);
    d.createInputTopic('in', S, S).pipeInput('k', 'v');
    expect(d.metrics().processedTotal).toBe(1);
  });

  it('a keyless record on a source with a non-null key serde is dropped by the deserialization handler', () => {
    const b = new StreamsBuilder();
    b.stream('in', { keySerde: S, valueSerde: S }).to('out');
    const d = open(b.build(), { deserializationExceptionHandler: 'logAndContinue' });
    const input = d.createInputTopic('in', S, S);
    input.pipeValue('no key');
    input.pipeInput('k', 'with key');
    expect(d.createOutputTopic('out', S, S).readValuesToList()).toEqual(['with key']);
    expect(d.metrics().droppedRecords.deserialization).toBe(1);
  });
});

describe('metrics of a pattern source', () => {
  it('topics matched by one pattern count as one task, as in the runtime', () => {
    const b = new StreamsBuilder();
    b.stream(/^events-/, { keySerde: S, valueSerde: S }).to('out', { keySerde: S, valueSerde: S });
    const d = open(b.build());
    expect(d.metrics().tasks).toBe(0);
    d.createInputTopic('events-a', S, S).pipeInput('k', 'v');
    d.createInputTopic('events-b', S, S).pipeKeyValueList([
      ['k', 'v'],
      ['k', 'w'],
    ]);
    const m = d.metrics();
    expect(m.tasks).toBe(1);
    expect(m.processedTotal).toBe(3);
    expect(m.perTask.get('0_0')?.processedTotal).toBe(3);
  });
});
