// The differential suite's spec format (README.md beside this file): a topology as data, its inputs and the
// output topics to compare. Both interpreters (Java in java/, kstreams in run-kstreams.ts) read it.
import type { DescribedTopology } from './topology-description.js';

/**
 * `string`, `long`, `bytes` (raw bytes, written in specs and outputs as lowercase hex), and the key serde of a
 * windowed aggregation's table, `windowed-string:<sizeMs>` / `windowed-long:<sizeMs>` (Kafka Streams' time-windowed
 * key bytes: the inner key, then the window start as int64 BE), and that of a session-windowed aggregation's
 * table, `session-string` / `session-long` (the inner key, then the session's end and start as int64 BE). Outputs
 * take `string`, `long` or `bytes` only.
 */
export type SerdeName =
  | 'string'
  | 'long'
  | 'bytes'
  | `windowed-${'string' | 'long'}:${number}`
  | `session-${'string' | 'long'}`;
export type Scalar = string | number | null;

/** A function of the shared vocabulary (functions.ts), by name, with an optional argument. */
export type FnRef = string | { readonly name: string; readonly arg?: string | number };

export interface Step {
  readonly op: string;
  readonly id?: string;
  readonly from?: string;
  readonly other?: string;
  readonly topic?: string;
  readonly topics?: readonly string[];
  readonly keySerde?: SerdeName;
  readonly valueSerde?: SerdeName;
  readonly materialized?: string;
  readonly name?: string;
  readonly fn?: FnRef;
  readonly subtractor?: FnRef;
  readonly initializer?: FnRef;
  /** Session-windowed `aggregate`: the merger of two sessions' aggregates. */
  readonly merger?: FnRef;
  readonly joiner?: FnRef;
  readonly keySelector?: FnRef;
  readonly foreignKey?: FnRef;
  readonly topicFn?: FnRef;
  readonly branches?: readonly { readonly id: string; readonly fn: FnRef }[];
  readonly defaultId?: string;
  /**
   * split: no names at all (`split()`, `branch(fn)`, `defaultBranch()`), so both sides generate them
   * (`KSTREAM-BRANCH-<10 digits><position>`, the default branch `…0`); else the split is `split-` and each branch
   * is named by its id.
   */
  readonly unnamedSplit?: boolean;
  /** Source steps: a timestamp extractor of the vocabulary (functions.ts). */
  readonly timestampExtractor?: FnRef;
  /** `process` / `processValues`: a processor of the vocabulary (processors.ts), and the state store it uses. */
  readonly processor?: FnRef;
  readonly store?: string;
  /** `repartition`: the repartition topic's partition count. */
  readonly numberOfPartitions?: number;
  /** With `materialized`: false disables the store's cache (Java `withCachingDisabled()`). */
  readonly caching?: boolean;
  /**
   * `windowedBy`: time windows (`sizeMs`; no `advanceMs` is tumbling, no `graceMs` is `ofSizeWithNoGrace`), or
   * session windows (`sessionGapMs`; no `graceMs` is `ofInactivityGapWithNoGrace`).
   */
  readonly windows?: WindowsSpec;
  /** Windowed `count` / `reduce` / `aggregate`: the window or session store's retention (Java `withRetention`). */
  readonly retentionMs?: number;
  /** Stream–stream `join` / `leftJoin` / `outerJoin`: the join windows (Java `JoinWindows`). */
  readonly joinWindows?: JoinWindowsSpec;
  /** Stream–stream joins: the other stream's value serde (`StreamJoined`'s third serde). */
  readonly otherValueSerde?: SerdeName;
  /** Stream–stream joins: the base name of the join's stores (Java `StreamJoined.withStoreName`). */
  readonly storeName?: string;
  /** Stream–stream joins: `persistent` (the default) or `in-memory` (Java `withDslStoreSuppliers(InMemoryDslStoreSuppliers)`). */
  readonly storeType?: 'persistent' | 'in-memory';
  /** Table `suppress`: what to hold back and the buffer. */
  readonly suppress?: SuppressSpec;
  /** `emitStrategy` on a (session-)windowed stream: Java `EmitStrategy.onWindowClose()` / `onWindowUpdate()`. */
  readonly emit?: 'onWindowClose' | 'onWindowUpdate';
}

/**
 * `untilWindowCloses: true` (Java `Suppressed.untilWindowCloses`) or `untilTimeLimitMs` (`untilTimeLimit`). The
 * buffer: no `maxRecords` / `maxBytes` is `BufferConfig.unbounded()` (strict); else `maxRecords(n)` / `maxBytes(n)`
 * (both: `maxRecords(n).withMaxBytes(b)`), emitting early when full. `whenFull` overrides that
 * (`shutDownWhenFull()` / `emitEarlyWhenFull()`); untilWindowCloses without it shuts down. `name`: `withName`.
 */
export interface SuppressSpec {
  readonly untilWindowCloses?: boolean;
  readonly untilTimeLimitMs?: number;
  readonly maxRecords?: number;
  readonly maxBytes?: number;
  readonly whenFull?: 'emit-early' | 'shut-down';
  readonly name?: string;
}

/**
 * `ofTimeDifferenceAndGrace(timeDifferenceMs, graceMs)` (no `graceMs`: `ofTimeDifferenceWithNoGrace`), then
 * `.before(beforeMs)` and `.after(afterMs)` when given.
 */
export interface JoinWindowsSpec {
  readonly timeDifferenceMs: number;
  readonly graceMs?: number;
  readonly beforeMs?: number;
  readonly afterMs?: number;
}

export interface WindowsSpec {
  /** Time windows: the window size. */
  readonly sizeMs?: number;
  /** Session windows: the inactivity gap (instead of `sizeMs`). */
  readonly sessionGapMs?: number;
  /** Sliding windows: the time difference (instead of `sizeMs`; no `graceMs` is `ofTimeDifferenceWithNoGrace`). */
  readonly timeDifferenceMs?: number;
  readonly advanceMs?: number;
  readonly graceMs?: number;
}

export interface SpecRecordInput {
  readonly topic: string;
  readonly key: Scalar;
  readonly value: Scalar;
  readonly timestamp: number;
}

/** Not a record: advances both drivers' wall clock (which starts at 0) by this many ms, firing wall-clock punctuations. */
export interface SpecWallClockInput {
  readonly advanceWallClockMs: number;
}

export type SpecInput = SpecRecordInput | SpecWallClockInput;

/** A window store read after the last input (its `all()`), compared as the records of the output `store:<name>`. */
export interface SpecStoreRead {
  readonly name: string;
}

export interface SpecOutput {
  readonly topic: string;
  readonly keySerde?: SerdeName;
  readonly valueSerde?: SerdeName;
}

export interface Spec {
  readonly name: string;
  readonly description?: string;
  readonly config?: {
    readonly cacheMaxBytes?: number;
    readonly optimization?: 'all' | 'none';
    /**
     * Java: the internal config `__emit.interval.ms.kstreams.outer.join.spurious.results.fix__` (its
     * TopologyTestDriver sets 0 unless given; KafkaStreams' default is 1000). kstreams has no such setting (its
     * interval is fixed at 1000 ms, in its driver too), so its interpreter accepts only 1000.
     */
    readonly outerJoinEmitIntervalMs?: number;
    /** Kafka Streams' `max.task.idle.ms` (both drivers: default 0; the wall clock moves only by advanceWallClockMs). */
    readonly maxTaskIdleMs?: number;
  };
  readonly topology: readonly Step[];
  readonly inputs: readonly SpecInput[];
  readonly outputs: readonly SpecOutput[];
  /** Window stores to read after the last input: `{ key: "key@start/end", value, timestamp }` per window, in the store's order. */
  readonly stores?: readonly SpecStoreRead[];
  /**
   * Why kstreams' topology description (names, nodes, topics) differs from Java's on purpose or for now (also in
   * docs/stateful-dsl.md); the names test then asserts that they differ.
   */
  readonly namesDifference?: string;
  /** Why kstreams differs on purpose (also in docs/stateful-dsl.md); the spec then asserts that outputs differ. */
  readonly difference?: string;
  /**
   * Both sides must fail (e.g. a strict suppress buffer over its limit): each reports `{ error }`, with messages of
   * its own, so only the failing is compared.
   */
  readonly expectError?: boolean;
}

export interface OutputRecord {
  readonly key: Scalar;
  readonly value: Scalar;
  readonly timestamp: number;
}

/**
 * What one interpreter made of one spec: the records of each output topic, or the error it failed with; and the
 * built topology's describe(), normalized (topology-description.ts), whenever the topology was built (kstreams:
 * `topologyError` when its describe() could not be read).
 */
export type SpecResult = (
  | { readonly outputs: Readonly<Record<string, readonly OutputRecord[]>> }
  | { readonly error: string }
) & { readonly topology?: DescribedTopology; readonly topologyError?: string };
