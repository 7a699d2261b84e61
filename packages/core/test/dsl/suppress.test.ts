// KTable.suppress through the TopologyTestDriver: one final result per window once it closed, at most one update
// per key and time limit, buffer limits, and the buffer store's contents surviving in its changelog.
import { describe, expect, it } from 'vitest';
import { BufferConfig, Serdes, SessionWindows, StreamsBuilder, Suppressed, TimeWindows, Windowed } from '@kstreams/core';
import { TopologyTestDriver } from '@kstreams/test-utils';

const S = Serdes.string();
const N = Serdes.nullable(Serdes.int64Number());

function finalCounts(windows: TimeWindows, suppressed = Suppressed.untilWindowCloses(BufferConfig.unbounded())) {
  const b = new StreamsBuilder();
  b.stream('in', { keySerde: S, valueSerde: S })
    .groupByKey()
    .windowedBy(windows)
    .count()
    .suppress(suppressed)
    .toStream()
    .selectKey((w) => Windowed.toString(w))
    .to('out', { keySerde: S, valueSerde: N });
  const driver = new TopologyTestDriver(b.build());
  const input = driver.createInputTopic('in', S, S);
  const output = driver.createOutputTopic('out', S, N);
  return { driver, input, read: () => output.readRecordsToList().map((r) => `${r.key}=${r.value}@${r.timestamp}`) };
}

describe('suppress', () => {
  it('untilWindowCloses: one final count per window, when stream time passes its end plus grace', () => {
    const { driver, input, read } = finalCounts(TimeWindows.ofSizeAndGrace(10, 5));
    input.pipeInput('a', 'x', { timestamp: 1 });
    input.pipeInput('a', 'x', { timestamp: 4 });
    input.pipeInput('b', 'x', { timestamp: 12 });
    input.pipeInput('a', 'x', { timestamp: 8 }); // late but within grace: counts
    expect(read()).toEqual([]); // [0,10) closes at 15
    input.pipeInput('c', 'x', { timestamp: 15 });
    expect(read()).toEqual(['a@0/10=3@8']);
    input.pipeInput('c', 'x', { timestamp: 40 });
    expect(read()).toEqual(['b@10/20=1@12', 'c@10/20=1@15']);
    driver.close();
  });

  it('untilWindowCloses needs a windowed table and a strict buffer', () => {
    const b = new StreamsBuilder();
    const table = b.stream('in', { keySerde: S, valueSerde: S }).groupByKey().count();
    expect(() => table.suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded()))).toThrow(/needs a windowed KTable/);
    expect(() => Suppressed.untilWindowCloses(BufferConfig.maxRecords(10))).toThrow(/strict buffer/);
  });

  it('session windows close a gap after their end plus grace', () => {
    const b = new StreamsBuilder();
    b.stream('in', { keySerde: S, valueSerde: S })
      .groupByKey()
      .windowedBy(SessionWindows.ofInactivityGapAndGrace(10, 0))
      .count()
      .suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded()))
      .toStream()
      .selectKey((w) => Windowed.toString(w))
      .to('out', { keySerde: S, valueSerde: N });
    const driver = new TopologyTestDriver(b.build());
    const input = driver.createInputTopic('in', S, S);
    for (const ts of [0, 5, 12]) input.pipeInput('u', 'x', { timestamp: ts });
    input.pipeInput('v', 'x', { timestamp: 22 }); // the session [0,12] closes at 12 + 10
    const out = driver.createOutputTopic('out', S, N).readRecordsToList().map((r) => `${r.key}=${r.value}@${r.timestamp}`);
    expect(out).toEqual(['u@0/12=3@12']); // merged sessions' tombstones are not final results
    driver.close();
  });

  it('untilTimeLimit: a key’s latest value, the time limit after its first buffered update', () => {
    const b = new StreamsBuilder();
    b.table('in', { keySerde: S, valueSerde: S })
      .suppress(Suppressed.untilTimeLimit(10, BufferConfig.unbounded()))
      .toStream()
      .to('out', { keySerde: S, valueSerde: Serdes.nullable(S) });
    const driver = new TopologyTestDriver(b.build());
    const input = driver.createInputTopic('in', S, S);
    input.pipeInput('k', 'v1', { timestamp: 0 });
    input.pipeInput('k', 'v2', { timestamp: 6 });
    input.pipeInput('j', 'w1', { timestamp: 9 });
    input.pipeInput('z', 'tick', { timestamp: 10 }); // k's first update was at 0: due now, with its latest value
    const read = () => driver.createOutputTopic('out', S, Serdes.nullable(S)).readRecordsToList().map((r) => `${r.key}=${r.value}@${r.timestamp}`);
    expect(read()).toEqual(['k=v2@6']);
    driver.close();
  });

  it('a full buffer emits its oldest entries early, or fails the task when it must not', () => {
    const early = finalCounts(TimeWindows.ofSizeWithNoGrace(100), Suppressed.untilTimeLimit(1000, BufferConfig.maxRecords(2)));
    for (const k of ['a', 'b', 'c']) early.input.pipeInput(k, 'x', { timestamp: 1 });
    expect(early.read()).toEqual(['a@0/100=1@1']);
    early.driver.close();
    const strict = finalCounts(TimeWindows.ofSizeWithNoGrace(100), Suppressed.untilWindowCloses(BufferConfig.shutDownWhenFull(BufferConfig.maxRecords(2))));
    strict.input.pipeInput('a', 'x', { timestamp: 1 });
    strict.input.pipeInput('b', 'x', { timestamp: 1 });
    expect(() => strict.input.pipeInput('c', 'x', { timestamp: 1 })).toThrow(/suppression buffer is full \(3 records/);
    strict.driver.close();
  });
});
