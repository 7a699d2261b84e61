// The final results of emitStrategy(onWindowClose): which window times each aggregation reads at a close time,
// and what a runtime may hand the processor (Kafka Streams' emit interval, and the emit progress kept with the
// committed offsets): the windows come out once each, whenever the check runs.
import { describe, expect, it } from 'vitest';
import { StreamRecord } from '../../src/processor/stream-record.js';
import {
  sessionFinalResultRange,
  slidingFinalResultRange,
  timeFinalResultRange,
  WindowFinalResults,
  type FinalResult,
} from '../../src/processor/operators/window-final-results.js';
import { TimeWindows } from '../../src/dsl/windows/time-windows.js';
import { Windowed } from '../../src/state/window/windowed.js';
import type { ProcessorContext } from '../../src/processor/processor-context.js';

describe('final result ranges', () => {
  it('time windows: starts whose (exclusive) end reached the close time, read only when another window closed', () => {
    const range = timeFinalResultRange(TimeWindows.ofSizeWithNoGrace(10).advanceBy(5));
    expect([range.lower(-1), range.upper(25)]).toEqual([0, 15]);
    expect([range.lower(25), range.upper(27)]).toEqual([16, 17]);
    expect(range.shouldFetch(16, 17, 25)).toBe(false); // no window ends in (25, 27]
    expect(range.shouldFetch(16, 20, 25)).toBe(true); // [20, 30) closed at 30
  });

  it('sliding windows: inclusive ends before the close time; session windows: ends before it', () => {
    const sliding = slidingFinalResultRange(10);
    expect([sliding.lower(-1), sliding.upper(30)]).toEqual([0, 19]);
    expect(sliding.lower(30)).toBe(20);
    expect([sessionFinalResultRange.lower(-1), sessionFinalResultRange.upper(30), sessionFinalResultRange.lower(30)]).toEqual([0, 29, 30]);
    expect(sessionFinalResultRange.shouldFetch(30, 30, 30)).toBe(true);
    expect(sessionFinalResultRange.shouldFetch(30, 29, 30)).toBe(false);
  });
});

describe('WindowFinalResults', () => {
  /** Tumbling windows of 10: every window start in the store, one per 10 ms; a context with a settable clock. */
  function setup(hooks: Record<string, unknown> = {}) {
    const forwarded: string[] = [];
    let now = 0;
    const ctx = {
      currentSystemTimeMs: () => now,
      forward: (r: StreamRecord<Windowed<string>, { newValue: number }>) => forwarded.push(`${Windowed.toString(r.key)}=${r.value.newValue}@${r.timestamp}`),
      ...hooks,
    } as unknown as ProcessorContext<Windowed<string>, never>;
    const windows = function* (lower: number, upper: number): Generator<FinalResult<string, number>> {
      for (let s = Math.ceil(lower / 10) * 10; s <= upper; s += 10) yield { key: Windowed.of('k', s, s + 10), value: s, timestamp: s + 9 };
    };
    const results = new WindowFinalResults<string, number>(ctx, 'store', timeFinalResultRange(TimeWindows.ofSizeWithNoGrace(10)), windows);
    const at = (closeTime: number) => results.maybeEmit(new StreamRecord('k', 'v', closeTime), closeTime);
    return { forwarded, at, tick: (ms: number) => (now += ms) };
  }

  it('without an emit interval, checks on every record (as Kafka Streams’ TopologyTestDriver)', () => {
    const { forwarded, at } = setup();
    at(5);
    at(10);
    at(25);
    at(25);
    expect(forwarded).toEqual(['k@0/10=0@9', 'k@10/20=10@19']);
  });

  it('with an emit interval, checks at most once per interval of wall-clock time, and loses nothing', () => {
    const { forwarded, at, tick } = setup({ windowedAggregationEmitIntervalMs: 1000 });
    at(12); // emits [0,10) and sets the next check to 1000 ms
    at(25);
    at(38);
    expect(forwarded).toEqual(['k@0/10=0@9']);
    tick(1000);
    at(41);
    expect(forwarded).toEqual(['k@0/10=0@9', 'k@10/20=10@19', 'k@20/30=20@29', 'k@30/40=30@39']);
  });

  it('resumes from the emit progress a runtime kept, and hands it each new close time', () => {
    const kept: [string, number][] = [];
    const { forwarded, at } = setup({
      processorMetadataForKey: (key: string) => (key === 'store' ? 20 : undefined),
      addProcessorMetadataKeyValue: (key: string, value: number) => kept.push([key, value]),
    });
    at(35);
    expect(forwarded).toEqual(['k@20/30=20@29']); // [0,10) and [10,20) came out before the restart
    expect(kept).toEqual([['store', 35]]);
  });
});
