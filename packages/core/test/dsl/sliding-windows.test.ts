// Sliding-window aggregations through the TopologyTestDriver: left and right windows, the combined window of
// early records, grace and late records, windowed keys sized by the time difference, and the store's retention.
// The expected outputs are Kafka Streams' (test/differential/specs/sliding-windows.json runs the same inputs).
import { describe, expect, it } from 'vitest';
import { Serdes, SlidingWindows, StreamsBuilder, TopologyError, Windowed, WindowedSerdes } from '@kstreams/core';
import { driverPerTest } from './driver-per-test.js';

const S = Serdes.string();
const N = Serdes.int64Number();
const start = driverPerTest();

function slidingCount(windows: SlidingWindows, retentionMs?: number) {
  const b = new StreamsBuilder();
  b.stream('in', { keySerde: Serdes.nullable(S), valueSerde: Serdes.nullable(S) })
    .groupByKey()
    .windowedBy(windows)
    .count({ materialized: { storeName: 'counts', ...(retentionMs === undefined ? {} : { retentionMs }) } })
    .toStream()
    .to('out', { keySerde: WindowedSerdes.timeWindowedSerdeFrom(Serdes.nullable(S), windows.timeDifferenceMs), valueSerde: Serdes.nullable(N) });
  const driver = start(b.build());
  const input = driver.createInputTopic('in', Serdes.nullable(S), Serdes.nullable(S));
  const output = driver.createOutputTopic('out', WindowedSerdes.timeWindowedSerdeFrom(S, windows.timeDifferenceMs), Serdes.nullable(N));
  const read = () => output.readRecordsToList().map((r) => `${Windowed.toString(r.key!)}=${r.value}@${r.timestamp}`);
  const stored = () =>
    [...driver.getTimestampedWindowStore<string, number>('counts')!.all()].map(([w, v]) => `${Windowed.toString(w)}=${v.value}@${v.timestamp}`);
  return { driver, input, read, stored };
}

describe('sliding windows', () => {
  it('in order: a left window per record, the previous record’s right window when the next one falls in it', () => {
    const { driver, input, read, stored } = slidingCount(SlidingWindows.ofTimeDifferenceWithNoGrace(10));
    for (const ts of [10, 15, 22, 40]) input.pipeInput('a', 'x', { timestamp: ts });
    expect(read()).toEqual([
      'a@0/10=1@10',
      'a@11/21=1@15', // 10's right window, holding 15
      'a@5/15=2@15', // 15's left window takes 10's aggregate
      'a@16/26=1@22',
      'a@12/22=2@22',
      'a@30/40=1@40', // 22 is more than 10 before 40: no right window for it
    ]);
    // Retention is 2 · 10 + 0: at store time 30 the windows starting at or before 10 are gone.
    expect(stored()).toEqual(['a@11/21=1@15', 'a@12/22=2@22', 'a@16/26=1@22', 'a@30/40=1@40']);
    expect(driver.metrics().droppedRecords.late).toBe(0);
  });

  it('out of order within grace: updates the windows holding it, creates its own left and right windows', () => {
    const { input, read } = slidingCount(SlidingWindows.ofTimeDifferenceAndGrace(10, 20));
    for (const ts of [10, 30, 18, 25]) input.pipeInput('a', 'x', { timestamp: ts });
    expect(read()).toEqual([
      'a@0/10=1@10',
      'a@20/30=1@30',
      'a@11/21=1@18', // 10's right window, created for 18
      'a@8/18=2@18', // 18's left window, with 10
      'a@20/30=2@30', // 25 falls into 30's left window
      'a@19/29=1@25', // 18's right window, created for 25
      'a@15/25=2@25', // 25's left window, with 18
      'a@26/36=1@30', // 25's right window holds 30
    ]);
  });

  it('a record whose windows all closed is dropped; one partly in grace counts as late for each closed window', () => {
    const { driver, input, read } = slidingCount(SlidingWindows.ofTimeDifferenceAndGrace(10, 5));
    for (const ts of [20, 50, 34, 35, 36, 51]) input.pipeInput('a', 'x', { timestamp: ts });
    // Close time 45: 34's right window would end at 44 (dropped); 35's and 36's left windows end before 45.
    expect(read()).toEqual(['a@10/20=1@20', 'a@40/50=1@50', 'a@51/61=1@51', 'a@41/51=2@51']);
    expect(driver.metrics().droppedRecords.late).toBe(3);
  });

  it('records below the time difference share the combined window [0, timeDifference]', () => {
    const { input, read, stored } = slidingCount(SlidingWindows.ofTimeDifferenceAndGrace(10, 30));
    for (const ts of [3, 7, 5]) input.pipeInput('a', 'x', { timestamp: ts });
    expect(read()).toEqual([
      'a@0/10=1@3',
      'a@4/14=1@7', // 3's right window
      'a@0/10=2@7',
      'a@4/14=2@7', // 5 falls into 3's right window
      'a@6/16=1@7', // 5's right window holds 7
      'a@0/10=3@7',
    ]);
    expect(stored()).toEqual(['a@0/10=3@7', 'a@4/14=2@7', 'a@6/16=1@7']);
  });

  it('records with a null key or value are skipped, not counted as late', () => {
    const { driver, input, read } = slidingCount(SlidingWindows.ofTimeDifferenceWithNoGrace(10));
    input.pipeInput('a', 'x', { timestamp: 10 });
    input.pipeInput(null, 'x', { timestamp: 12 });
    input.pipeInput('a', null, { timestamp: 13 });
    input.pipeInput('a', 'x', { timestamp: 14 });
    expect(read()).toEqual(['a@0/10=1@10', 'a@11/21=1@14', 'a@4/14=2@14']);
    expect(driver.metrics().droppedRecords.late).toBe(0);
  });

  it('a longer retention keeps closed windows for queries', () => {
    const { input, stored } = slidingCount(SlidingWindows.ofTimeDifferenceAndGrace(10, 2), 100);
    for (const ts of [10, 15, 40]) input.pipeInput('a', 'x', { timestamp: ts });
    expect(stored()).toEqual(['a@0/10=1@10', 'a@5/15=2@15', 'a@11/21=1@15', 'a@30/40=1@40']);
  });

  it('reduce: a left window starts from the previous window’s aggregate, a right window from the later records’', () => {
    const b = new StreamsBuilder();
    b.stream('in', { keySerde: S, valueSerde: S })
      .groupByKey()
      .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(10, 10))
      .reduce((agg, v) => `${agg}+${v}`)
      .toStream()
      .selectKey((w) => Windowed.toString(w))
      .to('out', { keySerde: S, valueSerde: Serdes.nullable(S) });
    const driver = start(b.build());
    const input = driver.createInputTopic('in', S, S);
    input.pipeInput('a', 'p', { timestamp: 10 });
    input.pipeInput('a', 'q', { timestamp: 14 });
    input.pipeInput('a', 'r', { timestamp: 19 });
    input.pipeInput('a', 's', { timestamp: 12 });
    expect(driver.createOutputTopic('out', S, S).readKeyValuesToList()).toEqual([
      ['a@0/10', 'p'],
      ['a@11/21', 'q'],
      ['a@4/14', 'p+q'],
      ['a@11/21', 'q+r'],
      ['a@15/25', 'r'],
      ['a@9/19', 'p+q+r'],
      ['a@11/21', 'q+r+s'],
      ['a@9/19', 'p+q+r+s'],
      ['a@4/14', 'p+q+s'],
      ['a@2/12', 'p+s'],
      ['a@13/23', 'q+r'],
    ]);
  });
});

describe('SlidingWindows', () => {
  it('rejects a time difference below 1 ms and a negative grace', () => {
    // Kafka Streams accepts a time difference of 0 but fails on the first record.
    expect(() => SlidingWindows.ofTimeDifferenceWithNoGrace(0)).toThrow(/time difference/);
    expect(() => SlidingWindows.ofTimeDifferenceAndGrace(10, -1)).toThrow(/grace period/);
    expect(SlidingWindows.ofTimeDifferenceAndGrace(10, 5)).toMatchObject({ timeDifferenceMs: 10, gracePeriodMs: 5 });
  });

  it('a retention shorter than 2 · time difference + grace is refused', () => {
    const b = new StreamsBuilder();
    const windowed = b.stream('in', { keySerde: S, valueSerde: S }).groupByKey().windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(10, 5));
    expect(() => windowed.count({ materialized: { retentionMs: 24 } })).toThrow(TopologyError);
    expect(() => windowed.count({ materialized: { retentionMs: 24 } })).toThrow(/2 \* the time difference plus the grace period \(25 ms\)/);
  });
});
