// TopologyTestDriver: runs a Topology without a broker, through the same StreamTask, processor nodes, serdes
// and error handlers as the runtime. Only the record collector, the clock and the input source are in-memory.
// Every topic has one partition, so there is one task per sub-topology (`<subtopologyId>_0`).
import type { Serde, StreamsConfig, Topology } from '@kstreams/core';
import { Headers } from '@kstreams/core';
import { ManualClock, StreamTask, resolveConfig, type InputRecord } from '@kstreams/core/internal';
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

  constructor(
    private readonly topology: Topology,
    config: TopologyTestDriverConfig = {},
  ) {
    const settings = resolveConfig({
      ...config,
      applicationId: config.applicationId ?? 'topology-test-driver',
      bootstrapServers: 'in-memory:0',
      logger: config.logger ?? pino({ name: 'kstreams-test-driver', level: process.env.KSTREAMS_LOG_LEVEL ?? 'warn' }),
    });
    this.applicationId = settings.applicationId;
    this.clock = new ManualClock(config.initialWallClockTimeMs ?? 0);
    this.collector = new DriverCollector((r) => this.feedBack(r));
    for (const sub of topology.subtopologies) {
      if (sub.sourcePatterns.length > 0 && sub.sourceTopics.length === 0) {
        // Pattern sources get their partitions when a matching topic is first piped.
        continue;
      }
      const partitions = sub.sourceTopics.map((t) => ({ topic: topology.resolveTopic(t, this.applicationId), partition: 0 }));
      this.tasks.push(new StreamTask({ topology, subtopology: sub, partitions, collector: this.collector, clock: this.clock, settings }));
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
    this.taskFor(topic);
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

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.tasks) t.close();
  }

  private pipe(topic: string, key: Uint8Array | null, value: Uint8Array | null, timestamp: number, headers: Headers): void {
    this.assertOpen();
    this.enqueue(topic, key, value, timestamp, headers);
    this.drain();
  }

  private enqueue(topic: string, key: Uint8Array | null, value: Uint8Array | null, timestamp: number, headers: Headers): void {
    const task = this.taskFor(topic);
    const offset = this.inputOffsets.get(topic) ?? 0;
    this.inputOffsets.set(topic, offset + 1);
    const record: InputRecord = { topic, partition: 0, offset, timestamp, key, value, headers };
    task.addRecords(topic, 0, [record]);
  }

  /** A record the topology wrote to a topic it also reads goes back in, like a real repartition topic. */
  private feedBack(r: CapturedRecord): void {
    if (!this.readsTopic(r.topic)) return;
    this.enqueue(r.topic, r.key, r.value, r.timestamp, r.headers.clone());
  }

  /** Processes until no task has buffered input. Re-entrant calls (from feedBack) are folded in. */
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
      }
      for (const t of this.tasks) t.markCommitted(t.consumedOffsets());
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
    });
    task.initialize();
    this.tasks.push(task);
    return task;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('TopologyTestDriver is closed');
  }
}
