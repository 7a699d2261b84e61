// The built-in timestamp extractors (Kafka Streams' FailOnInvalidTimestamp, LogAndSkipOnInvalidTimestamp,
// UsePartitionTimeOnInvalidTimestamp, WallclockTimestampExtractor) and the config's default extractor.
import { describe, expect, it } from 'vitest';
import { Serdes, StreamsBuilder, StreamsProcessingError, TimestampExtractors, type TimestampExtractor } from '@kstreams/core';
import { TopologyTestDriver } from '@kstreams/test-utils';

const S = Serdes.string();

function passThrough(config: { extractor?: TimestampExtractor; defaultExtractor?: TimestampExtractor } = {}) {
  const b = new StreamsBuilder();
  b.stream('in', { keySerde: S, valueSerde: S, timestampExtractor: config.extractor }).to('out', { keySerde: S, valueSerde: S });
  const driver = new TopologyTestDriver(b.build(), config.defaultExtractor ? { defaultTimestampExtractor: config.defaultExtractor } : {});
  const input = driver.createInputTopic('in', S, S);
  const output = driver.createOutputTopic('out', S, S);
  return { driver, input, read: () => output.readRecordsToList().map((r) => `${r.value}@${r.timestamp}`) };
}

describe('TimestampExtractors', () => {
  it('by default a record with a negative timestamp fails the task, naming it', () => {
    const { driver, input } = passThrough();
    input.pipeInput('k', 'ok', { timestamp: 5 });
    let error: unknown;
    try {
      input.pipeInput('k', 'bad', { timestamp: -1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StreamsProcessingError);
    expect((error as Error).message).toMatch(/invalid \(negative\) timestamp -1.*topic in, partition 0, offset 1/);
    driver.close();
  });

  it('logAndSkipOnInvalidTimestamp skips the record and counts it', () => {
    const { driver, input, read } = passThrough({ defaultExtractor: TimestampExtractors.logAndSkipOnInvalidTimestamp() });
    input.pipeInput('k', 'a', { timestamp: 5 });
    input.pipeInput('k', 'bad', { timestamp: -1 });
    input.pipeInput('k', 'b', { timestamp: 7 });
    expect(read()).toEqual(['a@5', 'b@7']);
    expect(driver.metrics().droppedRecords.invalidTimestamp).toBe(1);
    driver.close();
  });

  it('usePartitionTimeOnInvalidTimestamp uses the partition’s time, and fails when it has none yet', () => {
    const { driver, input, read } = passThrough({ extractor: TimestampExtractors.usePartitionTimeOnInvalidTimestamp() });
    input.pipeInput('k', 'a', { timestamp: 9 });
    input.pipeInput('k', 'b', { timestamp: -1 });
    expect(read()).toEqual(['a@9', 'b@9']);
    driver.close();
    const fresh = passThrough({ extractor: TimestampExtractors.usePartitionTimeOnInvalidTimestamp() });
    expect(() => fresh.input.pipeInput('k', 'b', { timestamp: -1 })).toThrow(/partition has no time yet/);
    fresh.driver.close();
  });

  it('wallclock stamps records with the time they are processed', () => {
    const before = Date.now();
    const { driver, input } = passThrough({ extractor: TimestampExtractors.wallclock() });
    input.pipeInput('k', 'a', { timestamp: 1 });
    const [record] = driver.createOutputTopic('out', S, S).readRecordsToList();
    expect(record!.timestamp).toBeGreaterThanOrEqual(before);
    expect(record!.timestamp).toBeLessThanOrEqual(Date.now());
    driver.close();
  });

  it('a custom extractor that throws fails the task with the record’s location', () => {
    const { driver, input } = passThrough({ extractor: () => { throw new Error('no time field'); } });
    expect(() => input.pipeInput('k', 'a', { timestamp: 1 })).toThrow(/timestamp extraction failed: no time field \(task 0_0, topic in, partition 0, offset 0/);
    driver.close();
  });
});
