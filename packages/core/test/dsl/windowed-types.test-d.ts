// Types of windowed streams: sliding windows give the same TimeWindowedKStream as time windows, and
// emitStrategy keeps the stream's kind and types.
import { describe, expectTypeOf, it } from 'vitest';
import {
  EmitStrategy,
  Serdes,
  SessionWindows,
  SlidingWindows,
  StreamsBuilder,
  TimeWindows,
  type KTable,
  type SessionWindowedKStream,
  type TimeWindowedKStream,
  type Windowed,
} from '@kstreams/core';

describe('windowed stream types', () => {
  const grouped = new StreamsBuilder().stream('in', { keySerde: Serdes.string(), valueSerde: Serdes.int64Number() }).groupByKey();

  it('windowedBy(SlidingWindows) is a TimeWindowedKStream', () => {
    expectTypeOf(grouped.windowedBy(SlidingWindows.ofTimeDifferenceWithNoGrace(10))).toEqualTypeOf<TimeWindowedKStream<string, number>>();
    expectTypeOf(grouped.windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(10, 5)).count()).toEqualTypeOf<KTable<Windowed<string>, number>>();
  });

  it('emitStrategy keeps the kind of windowed stream', () => {
    expectTypeOf(grouped.windowedBy(TimeWindows.ofSizeWithNoGrace(10)).emitStrategy(EmitStrategy.onWindowClose())).toEqualTypeOf<
      TimeWindowedKStream<string, number>
    >();
    expectTypeOf(grouped.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(10)).emitStrategy(EmitStrategy.onWindowUpdate())).toEqualTypeOf<
      SessionWindowedKStream<string, number>
    >();
  });
});
