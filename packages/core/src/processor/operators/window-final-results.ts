// emitStrategy(EmitStrategy.onWindowClose()) of a windowed aggregation (Kafka Streams 3.3+, KIP-825): instead of
// every update, one final result per window, forwarded once stream time has passed the window's close. What the
// time, sliding and session aggregations share: which closed windows to read from the store, and when.
import type { ProcessorContext } from '../processor-context.js';
import type { StreamRecord } from '../stream-record.js';
import type { TimestampedWindowStore } from '../../state/window/window-store.js';
import type { Windowed } from '../../state/window/windowed.js';
import type { Change } from './table/change.js';

/** A closed window's final result, as the store holds it. */
export interface FinalResult<K, VA> {
  readonly key: Windowed<K>;
  readonly value: VA;
  readonly timestamp: number;
}

/**
 * The window times (starts, or for sessions ends) to emit at a close time, as each of Kafka Streams' aggregations
 * computes them. Bounds are inclusive; `lastEmitCloseTime` is -1 before the first emit.
 */
export interface FinalResultRange {
  lower(lastEmitCloseTime: number): number;
  upper(closeTime: number): number;
  shouldFetch(lower: number, upper: number, lastEmitCloseTime: number): boolean;
}

/**
 * What a runtime may offer beyond ProcessorContext (Kafka Streams' internal config
 * `__emit.interval.ms.kstreams.windowed.aggregation__`, and its processor metadata committed with the offsets).
 * Without them the check runs on every record, and the emit progress lives in memory only. kstreams' runtime
 * offers the processor metadata (committed with the offsets, read back when a task starts), not the interval.
 */
interface EmitFinalContext {
  readonly windowedAggregationEmitIntervalMs?: number;
  processorMetadataForKey?(key: string): number | undefined;
  addProcessorMetadataKeyValue?(key: string, value: number): void;
}

/** Time windows: starts whose window (end exclusive) ends at or before the close time. */
export function timeFinalResultRange(windows: {
  readonly size: number;
  windowsFor(timestamp: number): readonly { readonly start: number; readonly end: number }[];
}): FinalResultRange {
  const same = (a: readonly { start: number }[], b: readonly { start: number }[]) => a.length === b.length && a.every((w, i) => w.start === b[i]!.start);
  return {
    lower: (last) => (last === -1 ? 0 : Math.max(0, last - windows.size) + 1),
    upper: (close) => close - windows.size,
    // As Kafka Streams: no read unless the close time moved past another window's end.
    shouldFetch: (lower, upper, last) => last === -1 || !same(windows.windowsFor(upper), windows.windowsFor(lower - 1)),
  };
}

/** Sliding windows (both ends inclusive): starts whose window ends before the close time. */
export function slidingFinalResultRange(timeDifferenceMs: number): FinalResultRange {
  return {
    lower: (last) => (last === -1 ? 0 : Math.max(0, last - timeDifferenceMs)),
    upper: (close) => close - timeDifferenceMs - 1,
    shouldFetch: () => true,
  };
}

/** Sessions (both ends inclusive): ends before the close time. */
export const sessionFinalResultRange: FinalResultRange = Object.freeze({
  lower: (last: number) => Math.max(0, last),
  upper: (close: number) => close - 1,
  // A session can be a single point: read even when both bounds are equal.
  shouldFetch: (lower: number, upper: number) => upper >= lower,
});

/** The windows of a (time-ordered) window store that start in [lower, upper], timestamped as stored. */
export function windowStoreFinalResults<K, VA>(store: TimestampedWindowStore<K, VA>) {
  return function* (lower: number, upper: number): Generator<FinalResult<K, VA>, void, undefined> {
    for (const [key, stored] of store.fetchAll(lower, upper)) yield { key, value: stored.value, timestamp: stored.timestamp };
  };
}

/**
 * Kafka Streams' maybeForwardFinalResult: after a record, when the close time (stream time − grace, for sessions
 * − gap too) has moved since the last emit, forwards the results of the windows that closed since then, in the
 * store's order, each timestamped as stored and with the current record's headers. The windows stay in the store
 * until retention drops them.
 */
export class WindowFinalResults<K, VA> {
  /** Undefined until the first record: the task reads its committed processor metadata after `init`. */
  private emittedUpTo: number | undefined = undefined;
  private nextTimeToEmit = 0;
  private readonly emitIntervalMs: number;

  constructor(
    private readonly ctx: ProcessorContext<Windowed<K>, Change<VA>>,
    private readonly storeName: string,
    private readonly range: FinalResultRange,
    private readonly closedWindows: (lower: number, upper: number) => Iterable<FinalResult<K, VA>>,
  ) {
    const hooks = ctx as unknown as EmitFinalContext;
    this.emitIntervalMs = hooks.windowedAggregationEmitIntervalMs ?? 0;
  }

  /** The close time of the last emit (-1: none), from the committed processor metadata the first time. */
  private get lastEmitCloseTime(): number {
    this.emittedUpTo ??= (this.ctx as unknown as EmitFinalContext).processorMetadataForKey?.(this.storeName) ?? -1;
    return this.emittedUpTo;
  }

  maybeEmit<V>(record: StreamRecord<K, V>, closeTime: number): void {
    if (!this.due(closeTime)) return;
    const upper = this.range.upper(closeTime);
    if (upper < 0) return; // no window has closed yet
    const lower = this.range.lower(this.lastEmitCloseTime);
    if (!this.range.shouldFetch(lower, upper, this.lastEmitCloseTime)) return;
    for (const result of [...this.closedWindows(lower, upper)]) {
      const change: Change<VA> = { newValue: result.value, oldValue: null };
      this.ctx.forward(record.withKey(result.key).withValue(change).withTimestamp(result.timestamp));
    }
    this.emittedUpTo = closeTime;
    (this.ctx as unknown as EmitFinalContext).addProcessorMetadataKeyValue?.(this.storeName, closeTime);
  }

  /** At most once per emit interval of wall-clock time, and only when the close time moved. */
  private due(closeTime: number): boolean {
    const now = this.ctx.currentSystemTimeMs();
    if (now < this.nextTimeToEmit) return false;
    this.nextTimeToEmit = now + this.emitIntervalMs;
    return this.lastEmitCloseTime === -1 || this.lastEmitCloseTime < closeTime;
  }
}
