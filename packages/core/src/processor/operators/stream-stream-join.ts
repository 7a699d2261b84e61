// Stream–stream joins (Kafka Streams' KStreamJoinWindow and KStreamKStreamJoin): each side keeps its records in a
// window store for the join window plus grace, and each record is joined with the other side's records of its
// key within [t − before, t + after]. A left or outer join does not emit a record without a partner at once: it
// waits in the shared outer-join store until its window closes (stream time past t + after + grace), so a partner
// arriving late still joins it (no spurious left-only result), as Kafka Streams does since 3.1.
import type { OuterJoinKey, OuterJoinStore } from '../../state/join/outer-join-store.js';
import type { WindowStore } from '../../state/window/window-store.js';
import type { ProcessorSupplier } from '../processor.js';
import type { ProcessorContext } from '../processor-context.js';
import type { StreamRecord } from '../stream-record.js';
import { logSkippedRecord } from './skipped-record.js';

/** Stream time of both sides of one join in one task, and when left/outer results may be emitted next. */
export interface JoinTimeTracker {
  streamTime: number;
  /** The smallest timestamp waiting in the outer-join store (an upper bound). */
  minTime: number;
  /** Wall-clock time before which the outer-join store is not scanned again (Kafka Streams' emit interval). */
  nextTimeToEmit: number;
}

/** Kafka Streams' `emit.interval.ms.kstreams.outer.join.spurious.results.fix` default (its test driver uses 0). */
const EMIT_INTERVAL_MS = 1000;
/** "Nothing waits": Java's Long.MAX_VALUE. */
const EMPTY = Number.MAX_SAFE_INTEGER;

/** One tracker per task, shared by the two sides' processors (Kafka Streams' TimeTrackerSupplier). */
export function joinTimeTrackers(): (taskId: string) => JoinTimeTracker {
  const byTask = new Map<string, JoinTimeTracker>();
  return (taskId) => {
    let tracker = byTask.get(taskId);
    if (!tracker) byTask.set(taskId, (tracker = { streamTime: -1, minTime: EMPTY, nextTimeToEmit: 0 }));
    return tracker;
  };
}

/** KSTREAM-WINDOWED: forwards each record, then keeps it (if it has a key) in this side's window store. */
export function joinWindowOperator<K, V>(storeName: string): ProcessorSupplier<K, V, K, V> {
  return () => {
    let ctx: ProcessorContext<K, V>;
    let store: WindowStore<K, V>;
    return {
      init: (c) => {
        ctx = c;
        store = c.getStateStore<WindowStore<K, V>>(storeName);
      },
      process: (r) => {
        ctx.forward(r);
        if (r.key !== null && r.key !== undefined) store.put(r.key, r.value, r.timestamp);
      },
    };
  };
}

export interface JoinSideOptions<K, VL, VR, VOut> {
  readonly leftSide: boolean;
  /** The other side's window store. */
  readonly otherStore: string;
  /** This side's window: the other side's records in [t − beforeMs, t + afterMs] join (swapped on the right side). */
  readonly beforeMs: number;
  readonly afterMs: number;
  /** The JoinWindows' own before and after, and grace. */
  readonly windows: { readonly beforeMs: number; readonly afterMs: number; readonly gracePeriodMs: number };
  /** Whether this side's records without a partner are emitted (left join: the left side; outer: both). */
  readonly outer: boolean;
  readonly outerStore: string | undefined;
  readonly trackers: (taskId: string) => JoinTimeTracker;
  /** Always (key, left value, right value); null for the missing side. */
  readonly joiner: (key: K, left: VL | null, right: VR | null) => VOut;
  readonly processorName: string;
}

/** KSTREAM-JOINTHIS / -JOINOTHER (or OUTERTHIS / OUTEROTHER): one side of the join. */
export function streamStreamJoinOperator<K, VL, VR, VOut>(o: JoinSideOptions<K, VL, VR, VOut>): ProcessorSupplier<K, unknown, K, VOut> {
  const join = (key: K, thisValue: unknown, otherValue: unknown): VOut =>
    o.leftSide ? o.joiner(key, thisValue as VL | null, otherValue as VR | null) : o.joiner(key, otherValue as VL | null, thisValue as VR | null);
  return () => {
    let ctx: ProcessorContext<K, VOut>;
    let other: WindowStore<K, unknown>;
    let outerStore: OuterJoinStore<K, VL, VR> | undefined;
    let tracker: JoinTimeTracker;
    return {
      init: (c) => {
        ctx = c;
        other = c.getStateStore<WindowStore<K, unknown>>(o.otherStore);
        outerStore = o.outerStore === undefined ? undefined : c.getStateStore<OuterJoinStore<K, VL, VR>>(o.outerStore);
        tracker = o.trackers(c.taskId);
      },
      process: (r) => {
        const t = r.timestamp;
        if (t > tracker.streamTime) tracker.streamTime = t;
        const keyless = r.key === null || r.key === undefined;
        const valueless = r.value === null || r.value === undefined;
        if (o.outer && keyless && !valueless) {
          ctx.forward(r.withValue(join(r.key, r.value, null)));
          return;
        }
        if (keyless || valueless) {
          logSkippedRecord(ctx, o.processorName, 'a stream–stream join record needs a key and a value');
          return;
        }
        if (outerStore !== undefined && t === tracker.streamTime) emitClosed(ctx, outerStore, tracker, r, o, join);
        const timeFrom = Math.max(0, t - o.beforeMs);
        const timeTo = Math.max(0, t + o.afterMs);
        const matches = [...other.fetch(r.key, timeFrom, timeTo)];
        for (const [otherTime, otherValue] of matches) {
          if (outerStore !== undefined) {
            const waiting: OuterJoinKey<K> = { timestamp: otherTime, leftSide: !o.leftSide, key: r.key };
            if (outerStore.get(waiting) !== undefined) outerStore.delete(waiting);
          }
          ctx.forward(r.withValue(join(r.key, r.value, otherValue)).withTimestamp(Math.max(t, otherTime)));
        }
        if (!o.outer || matches.length > 0) return;
        if (outerStore === undefined || timeTo < tracker.streamTime) {
          ctx.forward(r.withValue(join(r.key, r.value, null)));
          return;
        }
        if (t < tracker.minTime) tracker.minTime = t;
        const key: OuterJoinKey<K> = { timestamp: t, leftSide: o.leftSide, key: r.key };
        outerStore.put(key, [...(outerStore.get(key) ?? []), { leftSide: o.leftSide, value: r.value as VL | VR }]);
      },
    };
  };
}

/** The emit interval: 1000 ms, or what the task says (the TopologyTestDriver: 0, as Kafka Streams' driver). */
function emitIntervalMs(ctx: unknown): number {
  return (ctx as { readonly outerJoinEmitIntervalMs?: number }).outerJoinEmitIntervalMs ?? EMIT_INTERVAL_MS;
}

/** Emits, joined with null, the waiting records whose window has closed, oldest first, and deletes them. */
function emitClosed<K, VL, VR, VOut>(
  ctx: ProcessorContext<K, VOut>,
  store: OuterJoinStore<K, VL, VR>,
  tracker: JoinTimeTracker,
  record: StreamRecord<K, unknown>,
  o: JoinSideOptions<K, VL, VR, VOut>,
  join: (key: K, thisValue: unknown, otherValue: unknown) => VOut,
): void {
  const { windows } = o;
  // Nothing can have closed yet. With nothing waiting, Kafka Streams' `Long.MAX_VALUE + after + grace` overflows
  // and the check passes whenever after + grace > 0, so such a record still takes the next scan: kept as is.
  const reach = o.afterMs + windows.gracePeriodMs;
  if (tracker.minTime === EMPTY ? reach <= 0 : tracker.minTime + reach >= tracker.streamTime) return;
  // The last scan was less than the emit interval ago (wall clock).
  const now = ctx.currentSystemTimeMs();
  if (now < tracker.nextTimeToEmit) return;
  tracker.nextTimeToEmit = now + emitIntervalMs(ctx);
  tracker.minTime = EMPTY;
  const emitted: OuterJoinKey<K>[] = [];
  let leftOpen = false;
  let rightOpen = false;
  for (const [key, values] of [...store.all()]) {
    tracker.minTime = key.timestamp;
    const lookBack = key.leftSide ? windows.afterMs : windows.beforeMs;
    const open = tracker.minTime + lookBack + windows.gracePeriodMs >= tracker.streamTime;
    if (open && key.leftSide) leftOpen = true;
    if (open && !key.leftSide) rightOpen = true;
    // Entries come by timestamp: once one of each side is still open, Kafka Streams stops the scan there.
    if (leftOpen && rightOpen) break;
    if (open) continue;
    for (const v of values) {
      // join() puts this side's value first: hand each waiting value to the side it came from.
      const value = v.leftSide === o.leftSide ? join(key.key, v.value, null) : join(key.key, null, v.value);
      ctx.forward(record.withKey(key.key).withValue(value).withTimestamp(key.timestamp));
    }
    emitted.push(key);
  }
  for (const key of emitted) store.delete(key);
}
