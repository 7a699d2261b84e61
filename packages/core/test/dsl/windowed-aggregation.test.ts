// Windowed aggregations through the TopologyTestDriver: tumbling and hopping windows, grace, late records,
// windowed keys in Kafka Streams' bytes, and the window store the driver exposes.
import { describe, expect, it } from 'vitest';
import { Serdes, StreamsBuilder, TimeWindows, Windowed, WindowedSerdes } from '@kstreams/core';
import { TopologyTestDriver } from '@kstreams/test-utils';

const S = Serdes.string();
const N = Serdes.int64Number();

function countPerWindow(windows: TimeWindows) {
  const b = new StreamsBuilder();
  b.stream('in', { keySerde: S, valueSerde: S })
    .groupByKey()
    .windowedBy(windows)
    .count({ materialized: { storeName: 'counts' } })
    .toStream()
    .to('out', { keySerde: WindowedSerdes.timeWindowedSerdeFrom(S, windows.size), valueSerde: Serdes.nullable(N) });
  const driver = new TopologyTestDriver(b.build());
  const input = driver.createInputTopic('in', S, S);
  const output = driver.createOutputTopic('out', WindowedSerdes.timeWindowedSerdeFrom(S, windows.size), Serdes.nullable(N));
  const read = () => output.readRecordsToList().map((r) => `${Windowed.toString(r.key!)}=${r.value}@${r.timestamp}`);
  return { driver, input, read };
}

describe('windowed count', () => {
  it('tumbling windows with no grace: a record after its window closed is dropped and counted as late', () => {
    const { driver, input, read } = countPerWindow(TimeWindows.ofSizeWithNoGrace(10));
    input.pipeInput('a', 'x', { timestamp: 1 });
    input.pipeInput('a', 'x', { timestamp: 9 });
    input.pipeInput('b', 'x', { timestamp: 12 });
    input.pipeInput('a', 'x', { timestamp: 5 }); // window [0,10) closed at stream time 12
    input.pipeInput('a', 'x', { timestamp: 15 });
    expect(read()).toEqual(['a@0/10=1@1', 'a@0/10=2@9', 'b@10/20=1@12', 'a@10/20=1@15']);
    expect(driver.metrics().droppedRecords.late).toBe(1);
    const store = driver.getWindowStore<string, number>('counts')!;
    expect(store.fetch('a', 10)).toBe(1);
    // Retention defaults to size + grace (10): at stream time 15 the window at 0 is out of the store.
    expect([...store.fetch('a', 0, 20)]).toEqual([[10, 1]]);
    expect(store.fetch('a', 0)).toBeUndefined();
    driver.close();
  });

  it('hopping windows: a record counts in every window that contains it; grace keeps a closed-by-end window open', () => {
    const { driver, input, read } = countPerWindow(TimeWindows.ofSizeAndGrace(10, 5).advanceBy(5));
    input.pipeInput('k', 'x', { timestamp: 7 });
    input.pipeInput('k', 'x', { timestamp: 14 });
    input.pipeInput('k', 'x', { timestamp: 3 }); // [0,10) ends at 10, closes at 15: still open at stream time 14
    input.pipeInput('k', 'x', { timestamp: 21 });
    input.pipeInput('k', 'x', { timestamp: 4 }); // now closed (stream time 21 - grace 5 = 16 >= 10)
    expect(read()).toEqual([
      'k@0/10=1@7', 'k@5/15=1@7',
      'k@5/15=2@14', 'k@10/20=1@14',
      'k@0/10=2@7',
      'k@15/25=1@21', 'k@20/30=1@21',
    ]);
    expect(driver.metrics().droppedRecords.late).toBe(1);
    driver.close();
  });
});

describe('TimeWindows', () => {
  it('rejects sizes, graces and advances Kafka Streams rejects', () => {
    expect(() => TimeWindows.ofSizeWithNoGrace(0)).toThrow(/window size/);
    expect(() => TimeWindows.ofSizeAndGrace(10, -1)).toThrow(/grace period/);
    expect(() => TimeWindows.ofSizeWithNoGrace(10).advanceBy(11)).toThrow(/advance/);
    expect(TimeWindows.ofSizeWithNoGrace(10).advanceBy(5).windowsFor(12)).toEqual([{ start: 5, end: 15 }, { start: 10, end: 20 }]);
  });

  it('windowed keys are Kafka Streams’ bytes: the inner key, then the window start as int64 big-endian', () => {
    const serde = WindowedSerdes.timeWindowedSerdeFrom(S, 60_000);
    const bytes = serde.serialize('t', Windowed.of('ab', 120_000, 180_000))!;
    expect([...bytes]).toEqual([0x61, 0x62, 0, 0, 0, 0, 0, 1, 0xd4, 0xc0]);
    expect(serde.deserialize('t', bytes)).toEqual(Windowed.of('ab', 120_000, 180_000));
    const session = WindowedSerdes.sessionWindowedSerdeFrom(S);
    expect([...session.serialize('t', Windowed.of('a', 1, 2))!]).toEqual([0x61, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1]);
  });
});

describe('the timeline of docs/windows.md', () => {
  it('10 ms windows, 5 ms grace: 8 still counts at stream time 12, 9 is late at stream time 21', () => {
    const b = new StreamsBuilder();
    b.stream('in', { keySerde: S, valueSerde: S })
      .groupByKey()
      .windowedBy(TimeWindows.ofSizeAndGrace(10, 5))
      .count()
      .toStream()
      .selectKey((w) => Windowed.toString(w))
      .to('out', { keySerde: S, valueSerde: Serdes.nullable(N) });
    const driver = new TopologyTestDriver(b.build());
    const input = driver.createInputTopic('in', S, S);
    for (const ts of [3, 12, 8, 21, 9]) input.pipeInput('k', 'x', { timestamp: ts });
    const out = driver.createOutputTopic('out', S, Serdes.nullable(N)).readKeyValuesToList();
    expect(out).toEqual([
      ['k@0/10', 1],
      ['k@10/20', 1],
      ['k@0/10', 2],
      ['k@20/30', 1],
    ]);
    expect(driver.metrics().droppedRecords.late).toBe(1);
    driver.close();
  });
});
