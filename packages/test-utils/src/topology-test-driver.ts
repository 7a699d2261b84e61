// TopologyTestDriver: runs a Topology without a broker, through the same StreamTask, processor nodes, serdes
// and error handlers as the runtime. Only the record collector, the clock and the input source are in-memory.
// Every topic has one partition, so there is one task per sub-topology (`<subtopologyId>_0`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyValueStore, Serde, SessionStore, StateStore } from '@kstreams/core';
import type { TimestampedKeyValueStore, TimestampedWindowStore, Topology, WindowStore } from '@kstreams/core';
import { Headers } from '@kstreams/core';
import {
  GlobalTask,
  ManualClock,
  StreamTask,
  builtTopology,
  type BuiltTopology,
  type TaskSettings,
  resolveConfig,
  type InputRecord,
} from '@kstreams/core/internal';
import { pino } from 'pino';
import { keyValueView, sessionView, timestampedKeyValueView, timestampedWindowView, windowView } from './driver-store-views.js';
import { DriverCollector, type CapturedRecord } from './driver-collector.js';
import { driverMetrics, type TopologyTestDriverMetrics } from './driver-metrics.js';
import { TestInputTopic, type TestInputTopicOptions } from './test-input-topic.js';
import { TestOutputTopic } from './test-output-topic.js';
import type { TopologyTestDriverConfig } from './driver-config.js';

export type { TopologyTestDriverConfig };

export class TopologyTestDriver {
  private readonly clock: ManualClock;
  private readonly collector: DriverCollector;
  private readonly tasks: StreamTask[] = [];
  private readonly inputOffsets = new Map<string, number>();
  private readonly applicationId: string;
  private processing = false;
  private closed = false;
  /** The global stores and their processors, when the topology has any. */
  private readonly global: GlobalTask | undefined;
  /** A temporary state directory of the driver's own (deleted on close) unless the config names one. */
  private readonly ownStateDir: string | undefined;

  private readonly topology: BuiltTopology;

  /** Throws a TopologyError when `topology` is not what `StreamsBuilder.build()` returned. */
  constructor(topology: Topology, config: TopologyTestDriverConfig = {}) {
    this.topology = builtTopology(topology);
    this.ownStateDir = config.stateDir === undefined ? mkdtempSync(join(tmpdir(), 'kstreams-driver-')) : undefined;
    const resolved = resolveConfig({
      ...config,
      stateDir: config.stateDir ?? this.ownStateDir,
      applicationId: config.applicationId ?? 'topology-test-driver',
      bootstrapServers: 'in-memory:0',
      logger: config.logger ?? pino({ name: 'kstreams-test-driver', level: process.env.KSTREAMS_LOG_LEVEL ?? 'warn' }),
    }, DRIVER_KEYS);
    // As Kafka Streams' driver: left/outer stream–stream joins may emit on every record, not once a second.
    const settings: TaskSettings = { ...resolved, outerJoinEmitIntervalMs: config.outerJoinEmitIntervalMs ?? 0 };
    this.applicationId = settings.applicationId;
    this.clock = new ManualClock(config.initialWallClockTimeMs ?? 0);
    this.collector = new DriverCollector((r) => this.feedBack(r));
    if (this.topology.globalStores.size > 0) {
      this.global = new GlobalTask(this.topology, settings, this.clock, this.collector, settings.logger);
      this.global.initialize();
    }
    const globalStores = this.global?.storesByName;
    const built = this.topology;
    for (const sub of built.subtopologies) {
      if (sub.sourcePatterns.length > 0 && sub.sourceTopics.length === 0) {
        // Pattern sources get their partitions when a matching topic is first piped.
        continue;
      }
      const partitions = sub.sourceTopics.map((t) => ({ topic: built.resolveTopic(t, this.applicationId), partition: 0 }));
      this.tasks.push(
        new StreamTask({ topology: built, subtopology: sub, partitions, collector: this.collector, clock: this.clock, settings, globalStores }),
      );
    }
    this.settings = settings;
    for (const t of this.tasks) {
      t.initialize();
      caughtUp(t, 0);
    }
  }

  private readonly settings: TaskSettings;

  createInputTopic<K, V>(
    topic: string,
    keySerde: Serde<K>,
    valueSerde: Serde<V>,
    options: TestInputTopicOptions = {},
  ): TestInputTopic<K, V> {
    if (!this.global?.topics.includes(topic)) this.taskFor(topic);
    return new TestInputTopic(
      topic,
      keySerde,
      valueSerde,
      (t, k, v, ts, h) => this.pipe(t, k, v, ts, h),
      options.startTimestamp ?? this.clock.now(),
      options.autoAdvanceMs ?? 0,
    );
  }

  createOutputTopic<K, V>(topic: string, keySerde: Serde<K>, valueSerde: Serde<V>): TestOutputTopic<K, V> {
    return new TestOutputTopic(topic, keySerde, valueSerde, this.collector);
  }

  /** Moves the wall clock and fires the wall-clock punctuations that became due. */
  advanceWallClockTime(ms: number): void {
    this.assertOpen();
    this.clock.advance(ms);
    for (const t of this.tasks) t.punctuateWallClock();
    this.drain();
  }

  /** Topics the topology has written to so far, internal ones included (with the application id prefix). */
  producedTopicNames(): string[] {
    return this.collector.topicNames();
  }

  /** The full name of an internal topic, e.g. `repartitionTopic('KSTREAM-REPARTITION-0000000001-repartition')`. */
  internalTopicName(name: string): string {
    return this.topology.resolveTopic(name, this.applicationId);
  }

  /** A state store of the topology (the one of its task; every topic has one partition). */
  getStateStore<S extends StateStore = StateStore>(name: string): S | undefined {
    const global = this.global?.storesByName.get(name);
    if (global) return global as S;
    for (const t of this.tasks) {
      const store = t.state.stores.get(name);
      if (store) return store as S;
    }
    return undefined;
  }

  /**
   * A key-value store of the topology; undefined if there is none of that name. A timestamped store (every store
   * the DSL materializes) comes as a view of its plain values, as in Kafka's driver (KeyValueStoreFacade; a
   * value put through it has no timestamp): `getTimestampedKeyValueStore` gives the timestamps.
   */
  getKeyValueStore<K, V>(name: string): KeyValueStore<K, V> | undefined {
    return keyValueView(this.getStateStore(name));
  }

  /**
   * A timestamped key-value store of the topology (a table's or an aggregation's store), whose values are
   * `{ value, timestamp }`; undefined if there is none of that name or it is not timestamped.
   */
  getTimestampedKeyValueStore<K, V>(name: string): TimestampedKeyValueStore<K, V> | undefined {
    return timestampedKeyValueView(this.getStateStore(name));
  }

  /**
   * A window store of the topology (a windowed aggregation's, or one added with `Stores.windowStoreBuilder`);
   * a timestamped one is seen without timestamps (`getTimestampedWindowStore` gives them).
   */
  getWindowStore<K, V>(name: string): WindowStore<K, V> | undefined {
    return windowView(this.getStateStore(name));
  }

  /** A timestamped window store (a windowed aggregation's): values are `{ value, timestamp }`. */
  getTimestampedWindowStore<K, V>(name: string): TimestampedWindowStore<K, V> | undefined {
    return timestampedWindowView(this.getStateStore(name));
  }

  /** A session store of the topology (a session-windowed aggregation's). */
  getSessionStore<K, AGG>(name: string): SessionStore<K, AGG> | undefined {
    return sessionView(this.getStateStore(name));
  }

  /**
   * Every state store by name: the global stores and the stores of every task (a new map each call). Stores of
   * a sub-topology that reads a pattern appear once a matching topic has been piped (its task starts then).
   */
  getAllStateStores(): Map<string, StateStore> {
    const all = new Map<string, StateStore>(this.global?.storesByName ?? []);
    for (const t of this.tasks) {
      // First one wins, as in getStateStore (tasks of one pattern sub-topology share store names).
      for (const [name, store] of t.state.stores) if (!all.has(name)) all.set(name, store);
    }
    return all;
  }

  /** What the tasks counted so far: records processed and dropped (by reason), in total and per task. */
  metrics(): TopologyTestDriverMetrics {
    return driverMetrics(this.tasks);
  }

  /** Closes the tasks and their stores, and deletes the driver's temporary state directory. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.tasks) t.close();
    this.global?.close();
    if (this.ownStateDir) rmSync(this.ownStateDir, { recursive: true, force: true });
  }

  private pipe(topic: string, key: Uint8Array | null, value: Uint8Array | null, timestamp: number, headers: Headers): void {
    this.assertOpen();
    this.enqueue(topic, key, value, timestamp, headers);
    this.drain();
  }

  private enqueue(topic: string, key: Uint8Array | null, value: Uint8Array | null, timestamp: number, headers: Headers): void {
    const offset = this.inputOffsets.get(topic) ?? 0;
    this.inputOffsets.set(topic, offset + 1);
    const record: InputRecord = { topic, partition: 0, offset, timestamp, key, value, headers };
    if (this.global?.topics.includes(topic)) {
      // Global topics update their stores at once, as the runtime's global updater does between task batches.
      this.global.process([record]);
      this.global.commit();
      return;
    }
    const task = this.taskFor(topic);
    task.addRecords(topic, 0, [record]);
    // Nothing is ever left on a "broker": every partition is fetched up to its end (lag 0), as the mock consumer
    // of Kafka Streams' driver reports. So only `maxTaskIdleMs` makes a task wait for an empty input, until
    // advanceWallClockTime() passes it.
    task.notePosition(topic, 0, offset + 1, offset + 1);
  }

  /** A record the topology wrote to a topic it also reads goes back in, like a real repartition topic. */
  private feedBack(r: CapturedRecord): void {
    if (!this.readsTopic(r.topic)) return;
    this.enqueue(r.topic, r.key, r.value, r.timestamp, r.headers.clone());
  }

  /**
   * Processes until no task has buffered input, as Kafka Streams' driver does: one record at a time, the one
   * with the smallest timestamp over all tasks, and after each record the commit's step 2 for every task (stores
   * flush their caches, which may forward more records), so caches only deduplicate the updates one record
   * causes. Records written to a topic the topology reads come back in at once. Once the input is drained, every
   * task commits through the runtime's commit steps (`prepareCommit`, then `postCommit`: stores made durable);
   * the output is in memory, so there is no send to wait for and no transaction. Step 6 once per drain rather
   * than per record changes no output, and an LMDB write per record would be slow. Re-entrant calls (from
   * feedBack) are folded in.
   */
  private drain(): void {
    if (this.processing) return;
    this.processing = true;
    try {
      for (let task = this.nextTask(); task !== undefined; task = this.nextTask()) {
        task.process();
        for (const t of this.tasks) t.flushStores();
      }
      for (const t of this.tasks) t.postCommit(t.prepareCommit());
    } finally {
      this.processing = false;
    }
  }

  /** The task whose next record has the smallest timestamp (the first such task on a tie). */
  private nextTask(): StreamTask | undefined {
    let next: StreamTask | undefined;
    let nextTs = Infinity;
    for (const t of this.tasks) {
      const ts = t.nextTimestamp();
      if (ts !== undefined && ts < nextTs) {
        next = t;
        nextTs = ts;
      }
    }
    return next;
  }

  private readsTopic(topic: string): boolean {
    return this.tasks.some((t) => t.partitions.some((p) => p.topic === topic)) || this.patternSubtopology(topic) !== undefined;
  }

  private patternSubtopology(topic: string) {
    // As in the runtime (topic-setup.ts): a pattern never matches `__` topics or the application's internal
    // ones, so a store's changelog `<applicationId>-events-changelog` is not read back by a source /events-.*/.
    if (topic.startsWith('__') || topic.startsWith(`${this.applicationId}-`)) return undefined;
    return this.topology.subtopologies.find((s) => s.sourcePatterns.some((p) => p.test(topic)));
  }

  private taskFor(topic: string): StreamTask {
    const existing = this.tasks.find((t) => t.partitions.some((p) => p.topic === topic));
    if (existing) return existing;
    const sub = this.patternSubtopology(topic);
    if (!sub) {
      const known = this.tasks.flatMap((t) => t.partitions.map((p) => p.topic));
      throw new Error(`unknown input topic '${topic}': the topology reads [${known.join(', ')}]`);
    }
    const task = new StreamTask({
      topology: this.topology,
      subtopology: sub,
      partitions: [{ topic, partition: 0 }],
      collector: this.collector,
      clock: this.clock,
      settings: this.settings,
      globalStores: this.global?.storesByName,
    });
    task.initialize();
    caughtUp(task, 0);
    this.tasks.push(task);
    return task;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('TopologyTestDriver is closed');
  }
}

/** The driver's own settings beside StreamsConfig (TopologyTestDriverConfig). */
const DRIVER_KEYS = ['initialWallClockTimeMs', 'outerJoinEmitIntervalMs'];

/** Every input partition of the task fetched up to `offset`, its end. */
function caughtUp(task: StreamTask, offset: number): void {
  for (const p of task.partitions) task.notePosition(p.topic, p.partition, offset, offset);
}
