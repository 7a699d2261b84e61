// TopologyTestDriver: runs a Topology without a broker, through the same StreamTask, processor nodes, serdes
// and error handlers as the runtime. Only the record collector, the clock and the input source are in-memory.
// Every topic has one partition, so there is one task per sub-topology (`<subtopologyId>_0`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyValueStore, Serde, StateStore, StreamsConfig, Topology } from '@kstreams/core';
import { Headers } from '@kstreams/core';
import { GlobalTask, ManualClock, StreamTask, resolveConfig, type InputRecord } from '@kstreams/core/internal';
import { pino } from 'pino';
import { DriverCollector, type CapturedRecord } from './driver-collector.js';
import { TestInputTopic, type TestInputTopicOptions } from './test-input-topic.js';
import { TestOutputTopic } from './test-output-topic.js';

export interface TopologyTestDriverConfig extends Partial<Omit<StreamsConfig, 'bootstrapServers'>> {
  /** The wall-clock time the driver starts at (ms). Default 0, so tests are deterministic. */
  readonly initialWallClockTimeMs?: number;
}

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

  constructor(
    private readonly topology: Topology,
    config: TopologyTestDriverConfig = {},
  ) {
    this.ownStateDir = config.stateDir === undefined ? mkdtempSync(join(tmpdir(), 'kstreams-driver-')) : undefined;
    const settings = resolveConfig({
      ...config,
      stateDir: config.stateDir ?? this.ownStateDir,
      applicationId: config.applicationId ?? 'topology-test-driver',
      bootstrapServers: 'in-memory:0',
      logger: config.logger ?? pino({ name: 'kstreams-test-driver', level: process.env.KSTREAMS_LOG_LEVEL ?? 'warn' }),
    });
    this.applicationId = settings.applicationId;
    this.clock = new ManualClock(config.initialWallClockTimeMs ?? 0);
    this.collector = new DriverCollector((r) => this.feedBack(r));
    if (topology.globalStores.size > 0) {
      this.global = new GlobalTask(topology, settings, this.clock, this.collector, settings.logger);
      this.global.initialize();
    }
    const globalStores = this.global?.storesByName;
    for (const sub of topology.subtopologies) {
      if (sub.sourcePatterns.length > 0 && sub.sourceTopics.length === 0) {
        // Pattern sources get their partitions when a matching topic is first piped.
        continue;
      }
      const partitions = sub.sourceTopics.map((t) => ({ topic: topology.resolveTopic(t, this.applicationId), partition: 0 }));
      this.tasks.push(
        new StreamTask({ topology, subtopology: sub, partitions, collector: this.collector, clock: this.clock, settings, globalStores }),
      );
    }
    this.settings = settings;
    for (const t of this.tasks) t.initialize();
  }

  private readonly settings: ReturnType<typeof resolveConfig>;

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

  /** A key-value store of the topology; undefined if there is none of that name. */
  getKeyValueStore<K, V>(name: string): KeyValueStore<K, V> | undefined {
    return this.getStateStore<KeyValueStore<K, V>>(name);
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
    this.taskFor(topic).addRecords(topic, 0, [record]);
  }

  /** A record the topology wrote to a topic it also reads goes back in, like a real repartition topic. */
  private feedBack(r: CapturedRecord): void {
    if (!this.readsTopic(r.topic)) return;
    this.enqueue(r.topic, r.key, r.value, r.timestamp, r.headers.clone());
  }

  /**
   * Processes until no task has buffered input, then commits every task as the runtime does (stores flush their
   * caches, which may forward more records, then make their writes durable). Like Kafka Streams' driver, this
   * commits after every input record, so caches only deduplicate updates caused by one input record.
   * Re-entrant calls (from feedBack) are folded in.
   */
  private drain(): void {
    if (this.processing) return;
    this.processing = true;
    try {
      let progressed = true;
      while (progressed) {
        progressed = false;
        for (const t of this.tasks) {
          while (t.process()) progressed = true;
        }
        if (progressed) continue;
        for (const t of this.tasks) t.flushStores();
        // A flush may feed records to any task (also one earlier in the list).
        progressed = this.tasks.some((t) => t.bufferedCount > 0);
      }
      for (const t of this.tasks) {
        t.markCommitted(t.consumedOffsets());
        t.commitStores();
      }
    } finally {
      this.processing = false;
    }
  }

  private readsTopic(topic: string): boolean {
    return this.tasks.some((t) => t.partitions.some((p) => p.topic === topic)) || this.patternSubtopology(topic) !== undefined;
  }

  private patternSubtopology(topic: string) {
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
    this.tasks.push(task);
    return task;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('TopologyTestDriver is closed');
  }
}
