// emitStrategy(EmitStrategy.onWindowClose()) through the TopologyTestDriver: time, sliding and session windows
// forward one final result per window once it closes, in the time-ordered store's order, and nothing before.
// The expected outputs are Kafka Streams' (test/differential/specs/emit-strategy.json runs the same inputs).
import { describe, expect, it } from 'vitest';
import { EmitStrategy, Serdes, SessionWindows, SlidingWindows, StreamsBuilder, TimeWindows, Windowed, type KTable } from '@kstreams/core';
import { driverPerTest } from './driver-per-test.js';

const S = Serdes.string();
const N = Serdes.int64Number();
const start = driverPerTest();

/** Pipes `records` ([key, timestamp]) into a topology whose windowed count table `build` makes; the output as text. */
function run(build: (b: StreamsBuilder) => KTable<Windowed<string>, number>, records: readonly (readonly [string, number])[]) {
  const b = new StreamsBuilder();
  build(b)
    .toStream()
    .selectKey((w) => Windowed.toString(w))
    .to('out', { keySerde: S, valueSerde: Serdes.nullable(N) });
  const driver = start(b.build());
  const input = driver.createInputTopic('in', S, S);
  for (const [key, timestamp] of records) input.pipeInput(key, 'x', { timestamp });
  const out = driver.createOutputTopic('out', S, Serdes.nullable(N)).readRecordsToList().map((r) => `${r.key}=${r.value}@${r.timestamp}`);
  return { driver, out };
}

const grouped = (b: StreamsBuilder) => b.stream('in', { keySerde: S, valueSerde: S }).groupByKey();

describe('emitStrategy(onWindowClose)', () => {
  it('time windows: one result per window once stream time reaches its end + grace, with its last timestamp', () => {
    const { out, driver } = run(
      (b) => grouped(b).windowedBy(TimeWindows.ofSizeAndGrace(10, 5)).emitStrategy(EmitStrategy.onWindowClose()).count(),
      [['a', 3], ['a', 12], ['a', 8], ['a', 14], ['a', 9], ['a', 16], ['a', 4], ['a', 22], ['a', 27], ['a', 40]],
    );
    // [0,10) closes at 15: 8 and 9 still count, 4 (stream time 16) is late; [10,20) closes at 25.
    expect(out).toEqual(['a@0/10=3@9', 'a@10/20=3@16']);
    expect(driver.metrics().droppedRecords.late).toBe(1);
  });

  it('windows that close together come out by window start, then key bytes', () => {
    const { out } = run(
      (b) => grouped(b).windowedBy(TimeWindows.ofSizeWithNoGrace(10)).emitStrategy(EmitStrategy.onWindowClose()).count(),
      [['c', 1], ['b', 2], ['bb', 3], ['a', 4], ['c', 5], ['a', 12], ['d', 14], ['b', 15], ['z', 21]],
    );
    expect(out).toEqual(['a@0/10=1@4', 'b@0/10=1@2', 'bb@0/10=1@3', 'c@0/10=2@5', 'a@10/20=1@12', 'b@10/20=1@15', 'd@10/20=1@14']);
  });

  it('a window the store dropped before it closed is never emitted: keep a retention that covers gaps in stream time', () => {
    const records = [['k2', 0], ['k1', 3], ['k2', 6], ['k3', 8], ['k1', 12], ['k1', 14], ['k9', 100]] as const;
    const windows = TimeWindows.ofSizeWithNoGrace(5);
    const close = (b: StreamsBuilder, retentionMs?: number) =>
      grouped(b).windowedBy(windows).emitStrategy(EmitStrategy.onWindowClose()).count({ materialized: retentionMs === undefined ? {} : { retentionMs } });
    expect(run((b) => close(b), records).out).toEqual(['k1@0/5=1@3', 'k2@0/5=1@0', 'k2@5/10=1@6', 'k3@5/10=1@8']);
    expect(run((b) => close(b, 200), records).out).toEqual(['k1@0/5=1@3', 'k2@0/5=1@0', 'k2@5/10=1@6', 'k3@5/10=1@8', 'k1@10/15=2@14']);
  });

  it('sliding windows: each window once stream time passes its inclusive end; early records trigger nothing', () => {
    const { out } = run(
      (b) => grouped(b).windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(10, 2)).emitStrategy(EmitStrategy.onWindowClose()).count(),
      [['a', 1], ['a', 5], ['b', 3], ['a', 9], ['a', 30], ['b', 31], ['a', 52]],
    );
    expect(out).toEqual(['a@0/10=3@9', 'b@0/10=1@3', 'a@2/12=2@9', 'a@6/16=1@9', 'a@20/30=1@30', 'b@21/31=1@31']);
  });

  it('session windows: no tombstones for merged sessions; each session once it closed, timestamped with its end', () => {
    const { out } = run(
      (b) => grouped(b).windowedBy(SessionWindows.ofInactivityGapWithNoGrace(5)).emitStrategy(EmitStrategy.onWindowClose()).count(),
      [['a', 1], ['a', 4], ['a', 20], ['a', 12], ['a', 16], ['b', 18], ['a', 40], ['b', 41]],
    );
    expect(out).toEqual(['a@1/4=2@4', 'b@18/18=1@18', 'a@16/20=2@20']);
  });

  it('emitStrategy returns a new stream: the one it was called on still forwards every update', () => {
    const b = new StreamsBuilder();
    const windowed = grouped(b).windowedBy(TimeWindows.ofSizeWithNoGrace(10));
    const onClose = windowed.emitStrategy(EmitStrategy.onWindowClose());
    expect(onClose).not.toBe(windowed);
    windowed
      .count({ materialized: { storeName: 'updates' } })
      .toStream()
      .selectKey((w) => Windowed.toString(w))
      .to('updates', { keySerde: S, valueSerde: Serdes.nullable(N) });
    onClose
      .count({ materialized: { storeName: 'finals', storeType: 'in-memory' } })
      .toStream()
      .selectKey((w) => Windowed.toString(w))
      .to('finals', { keySerde: S, valueSerde: Serdes.nullable(N) });
    const driver = start(b.build());
    const input = driver.createInputTopic('in', S, S);
    for (const ts of [1, 5, 12]) input.pipeInput('a', 'x', { timestamp: ts });
    const read = (topic: string) => driver.createOutputTopic(topic, S, Serdes.nullable(N)).readKeyValuesToList();
    expect(read('updates')).toEqual([['a@0/10', 1], ['a@0/10', 2], ['a@10/20', 1]]);
    expect(read('finals')).toEqual([['a@0/10', 2]]);
    // The final results' store is time-ordered: every key's windows by start.
    expect([...driver.getTimestampedWindowStore<string, number>('finals')!.all()].map(([w, v]) => `${Windowed.toString(w)}=${v.value}`)).toEqual([
      'a@0/10=2',
      'a@10/20=1',
    ]);
  });
});
