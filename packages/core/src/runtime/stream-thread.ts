// A stream thread: a loop (not an OS thread) that owns a group consumer, its tasks and their producers.
//   fetch (the consumer's callbacks) → route each batch to the task of its partition → process, one record at
//   a time, in slices that yield to I/O → commit when the interval passed, a task asked, or output piled up.
// Rebalances are eager: on revocation everything is committed, on assignment every task is created anew
// (fenced under exactly_once), its partitions start at the committed offsets, and only then resume.
import type { Logger } from 'pino';
import { partitionKey, type AdminPort, type FetchedBatch, type GroupAssignment, type GroupConsumerPort, type KafkaClientPort, type ProducerPort } from '../client/kafka-client.js';
import type { ResolvedStreamsConfig } from '../config/streams-config.js';
import { StreamsProcessingError } from '../errors.js';
import type { Topology } from '../topology/topology.js';
import type { ActiveTask } from './active-task.js';
import { BufferedCollector } from './buffered-collector.js';
import { atLeastOnceCommit, exactlyOnceCommit, type CommitProtocol, type CommitResult } from './commit.js';
import type { StateStore } from '../state/state-store.js';
import { waitForLaggingInputs } from './start-catch-up.js';
import { startOffsets } from './start-offsets.js';
import { restoreTasks, type RestoreProgress } from './state-restorer.js';
import { StreamsAssignor } from './streams-assignor.js';
import type { TopicPartition } from './stream-task.js';
import { sharedProducer, TaskFactory } from './task-factory.js';
import type { TaskLayout } from './task-layout.js';

export interface StreamThreadDeps {
  readonly topology: Topology;
  readonly config: ResolvedStreamsConfig;
  readonly client: KafkaClientPort;
  readonly admin: AdminPort;
  /** Resolved source topics to subscribe to. */
  readonly sourceTopics: readonly string[];
  readonly layout: (partitionCount: (topic: string) => number) => TaskLayout[];
  readonly partitionCount: (topic: string) => number | undefined;
  readonly offsetResetOf: (topic: string) => 'earliest' | 'latest';
  readonly logger: Logger;
  readonly onRebalancing: () => void;
  readonly onRunning: () => void;
  /** A failure the thread cannot recover from (e.g. a record whose handler says `fail`). */
  readonly onFatal: (error: Error) => void;
  readonly onRestoreProgress?: (progress: RestoreProgress) => void;
  /** The instance's global stores (complete before the thread starts). */
  readonly globalStores: ReadonlyMap<string, StateStore>;
}

type Phase = 'created' | 'assigning' | 'running' | 'stopping' | 'stopped' | 'failed';

const SLICE_MS = 20;
/** The longest a new task waits for its lagging input partitions before it processes anyway. */
const CATCH_UP_MAX_WAIT_MS = 30_000;

export class StreamThread {
  private phase: Phase = 'created';
  private readonly tasks = new Map<string, ActiveTask>();
  private readonly taskByPartition = new Map<string, ActiveTask>();
  private readonly layoutById = new Map<string, TaskLayout>();
  private readonly startOffset = new Map<string, number>();
  private readonly backpressured = new Map<string, TopicPartition>();
  private consumer: GroupConsumerPort | undefined;
  private producer: ProducerPort | undefined;
  private commitProtocol!: CommitProtocol;
  private factory!: TaskFactory;
  private lock: Promise<unknown> = Promise.resolve();
  private lastCommit = Date.now();
  private wake: (() => void) | undefined;
  private loopDone: Promise<void> | undefined;
  private readonly maxBuffered: number;

  constructor(private readonly deps: StreamThreadDeps) {
    this.maxBuffered = deps.config.maxBufferedRecordsPerPartition;
  }

  get taskIds(): string[] {
    return [...this.tasks.keys()];
  }

  private processedTotal = 0;

  /** A snapshot for `KafkaStreams.metrics()`. */
  metrics(): { tasks: number; bufferedRecords: number; pausedPartitions: number; processedTotal: number } {
    let buffered = 0;
    for (const t of this.tasks.values()) buffered += t.stream.bufferedCount;
    return { tasks: this.tasks.size, bufferedRecords: buffered, pausedPartitions: this.backpressured.size, processedTotal: this.processedTotal };
  }

  async start(): Promise<void> {
    const { config, client, logger } = this.deps;
    let shared: BufferedCollector | undefined;
    if (config.processingGuarantee === 'at_least_once') {
      this.producer = sharedProducer(client);
      await this.producer.connect();
      shared = new BufferedCollector((records) => this.producer!.send(records), this.deps.partitionCount);
    }
    this.factory = new TaskFactory({ ...this.deps, sharedCollector: shared });
    this.consumer = client.groupConsumer({
      groupId: config.applicationId,
      assignor: new StreamsAssignor(this.deps.layout, () => this.taskIds),
      readCommitted: true,
      sessionTimeoutMs: config.sessionTimeoutMs,
      heartbeatIntervalMs: config.heartbeatIntervalMs,
      maxBytesPerPartition: config.maxFetchBytesPerPartition,
      fromBeginning: config.defaultOffsetReset === 'earliest',
    });
    this.commitProtocol =
      config.processingGuarantee === 'exactly_once'
        ? exactlyOnceCommit(config.applicationId)
        : atLeastOnceCommit(this.consumer, shared!);
    this.phase = 'assigning';
    this.loopDone = this.loop();
    await this.consumer.start(this.deps.sourceTopics, {
      onRevoke: () => this.onRevoke(),
      onAssign: (a) => this.onAssign(a),
      onBatch: (b) => this.onBatch(b),
      onPosition: (topic, partition, next) => {
        this.taskByPartition.get(partitionKey(topic, partition))?.stream.notePosition(topic, partition, next);
        this.wake?.();
      },
      onCrash: (e) => this.fail(e),
    });
    logger.info({ topics: this.deps.sourceTopics }, 'stream thread started');
  }

  /** Runs `fn` after everything queued before it (processing slices, commits, rebalance steps). */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => {});
    return run;
  }

  // ---- consumer callbacks ----------------------------------------------------------------------------------

  private async onRevoke(): Promise<void> {
    if (this.phase !== 'running') return;
    this.phase = 'assigning';
    this.deps.onRebalancing();
    try {
      await this.exclusive(async () => this.handle(await this.commitProtocol.commit([...this.tasks.values()])));
    } catch (e) {
      this.fail(e instanceof Error ? e : new Error(String(e)));
    }
  }

  private async onAssign(assignment: GroupAssignment): Promise<void> {
    if (this.phase === 'stopping' || this.phase === 'stopped' || this.phase === 'failed') return;
    this.phase = 'assigning';
    this.deps.onRebalancing();
    await this.exclusive(() => this.assign(assignment)).catch((e: unknown) => this.fail(e instanceof Error ? e : new Error(String(e))));
  }

  /** Closes every task, then creates (fences, restores, initializes) the assigned ones and seeks them. */
  private async assign(assignment: GroupAssignment): Promise<void> {
    for (const task of this.tasks.values()) await this.factory.close(task);
    this.tasks.clear();
    this.taskByPartition.clear();
    this.backpressured.clear();
    const owned = new Set(assignment.partitions.map((p) => partitionKey(p.topic, p.partition)));
    const layouts = this.deps
      .layout((t) => this.deps.partitionCount(t) ?? 0)
      .filter((l) => l.partitions.length > 0 && l.partitions.every((p) => owned.has(partitionKey(p.topic, p.partition))));
    // Fence every previous owner before restoring and before reading committed offsets.
    const created = await Promise.all(layouts.map((l) => this.factory.create(l, layouts.length)));
    created.forEach((task, i) => this.addTask(task, layouts[i]!));
    await restoreTasks(created.map((t) => t.stream), {
      applicationId: this.deps.config.applicationId,
      client: this.deps.client,
      admin: this.deps.admin,
      logger: this.deps.logger,
      onProgress: this.deps.onRestoreProgress,
    });
    for (const task of created) task.stream.initialize();
    await this.seekToCommitted(layouts.flatMap((l) => l.partitions));
    await waitForLaggingInputs(this.deps.admin, created.map((t) => t.stream), (key) => this.startOffset.get(key) ?? 0, CATCH_UP_MAX_WAIT_MS);
    if (this.phase !== 'assigning') return; // stopping, failed, or a newer revocation started
    // Running before resuming: a batch delivered right after resume() must not be dropped.
    this.phase = 'running';
    this.lastCommit = Date.now();
    this.consumer!.resume(assignment.partitions);
    this.deps.logger.info({ tasks: this.taskIds, generation: assignment.generationId }, 'tasks assigned');
    this.deps.onRunning();
  }

  private async onBatch(batch: FetchedBatch): Promise<void> {
    if (this.phase !== 'running') return; // dropped: the next generation re-reads from committed offsets
    const key = partitionKey(batch.topic, batch.partition);
    const task = this.taskByPartition.get(key);
    if (!task) return;
    const from = this.startOffset.get(key) ?? 0;
    const records = batch.records[0]!.offset >= from ? batch.records : batch.records.filter((r) => r.offset >= from);
    if (records.length === 0) return;
    task.stream.addRecords(batch.topic, batch.partition, records);
    if (task.stream.buffered(batch.topic, batch.partition) >= this.maxBuffered && !this.backpressured.has(key)) {
      const tp = { topic: batch.topic, partition: batch.partition };
      this.backpressured.set(key, tp);
      this.consumer!.pause([tp]);
    }
    this.wake?.();
  }

  private addTask(task: ActiveTask, layout: TaskLayout): void {
    this.tasks.set(task.id, task);
    this.layoutById.set(task.id, layout);
    for (const p of layout.partitions) this.taskByPartition.set(partitionKey(p.topic, p.partition), task);
  }

  private async seekToCommitted(partitions: readonly TopicPartition[]): Promise<void> {
    const offsets = await startOffsets(this.deps.admin, this.deps.config.applicationId, partitions, this.deps.offsetResetOf);
    for (const p of partitions) {
      const key = partitionKey(p.topic, p.partition);
      const offset = offsets.get(key) ?? 0;
      this.startOffset.set(key, offset);
      this.consumer!.seek(p, offset);
    }
    this.deps.logger.debug(
      { startOffsets: partitions.map((p) => `${p.topic}-${p.partition}@${this.startOffset.get(partitionKey(p.topic, p.partition))}`) },
      'start offsets',
    );
  }

  // ---- the loop --------------------------------------------------------------------------------------------

  private async loop(): Promise<void> {
    while (this.phase !== 'stopping' && this.phase !== 'stopped' && this.phase !== 'failed') {
      if (this.phase !== 'running') {
        await this.idle(50);
        continue;
      }
      let processed = 0;
      try {
        await this.exclusive(async () => {
          if (this.phase !== 'running') return;
          processed = this.processSlice();
          this.processedTotal += processed;
          for (const t of this.tasks.values()) t.stream.punctuateWallClock();
          // Hand the slice's output to the producer now, so network and processing overlap; commits only wait.
          for (const t of this.tasks.values()) t.collector.dispatch();
          this.resumeDrained();
          if (this.commitDue()) this.handle(await this.commitProtocol.commit([...this.tasks.values()]));
        });
      } catch (e) {
        this.fail(e instanceof Error ? e : new Error(String(e)));
        break;
      }
      if (processed === 0) await this.idle(Math.max(1, this.deps.config.commitIntervalMs - (Date.now() - this.lastCommit)));
      else await new Promise((r) => setImmediate(r));
    }
  }

  /** Processes records round-robin over the tasks for up to SLICE_MS. Returns how many. */
  private processSlice(): number {
    const deadline = Date.now() + SLICE_MS;
    let total = 0;
    let progressed = true;
    while (progressed && Date.now() < deadline) {
      progressed = false;
      for (const task of this.tasks.values()) {
        for (let i = 0; i < 100 && task.stream.process(); i++) {
          total++;
          progressed = true;
        }
      }
    }
    return total;
  }

  private commitDue(): boolean {
    if (this.tasks.size === 0) return false;
    if (Date.now() - this.lastCommit >= this.deps.config.commitIntervalMs) return true;
    for (const t of this.tasks.values()) {
      if (t.stream.state.commitRequested || t.collector.unacknowledged >= 10 * this.maxBuffered) return true;
    }
    return false;
  }

  private resumeDrained(): void {
    for (const [key, tp] of this.backpressured) {
      const task = this.taskByPartition.get(key);
      if (!task || task.stream.buffered(tp.topic, tp.partition) < this.maxBuffered / 2) {
        this.backpressured.delete(key);
        if (task) this.consumer!.resume([tp]);
      }
    }
  }

  private handle(result: CommitResult): void {
    this.lastCommit = Date.now();
    for (const task of result.migrated) {
      this.deps.logger.warn({ taskId: task.id }, 'task was fenced by a newer owner (migrated); closing it without commit');
      this.dropTask(task);
    }
    if (result.deferred.length > 0) {
      this.deps.logger.info({ tasks: result.deferred.map((t) => t.id) }, 'commit deferred: the group is rebalancing');
    }
    if (result.failed.length > 0) {
      const { task, error } = result.failed[0]!;
      const cause = error instanceof Error ? error : new Error(String(error));
      throw new StreamsProcessingError(`commit of task ${task.id} failed: ${cause.message}`, { taskId: task.id }, { cause });
    }
  }

  private dropTask(task: ActiveTask): void {
    const layout = this.layoutById.get(task.id)!;
    this.consumer!.pause(layout.partitions);
    this.tasks.delete(task.id);
    for (const p of layout.partitions) this.taskByPartition.delete(partitionKey(p.topic, p.partition));
    void this.factory.close(task);
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }

  // ---- shutdown --------------------------------------------------------------------------------------------

  private fail(error: Error): void {
    if (this.phase === 'failed' || this.phase === 'stopped') return;
    this.phase = 'failed';
    this.wake?.();
    this.deps.logger.error({ err: error }, 'stream thread failed');
    void this.commitProtocol?.abandon([...this.tasks.values()]);
    this.deps.onFatal(error);
  }

  /** Commits (unless failed), closes every task, producer and the consumer. */
  async close(): Promise<void> {
    const failed = this.phase === 'failed';
    if (this.phase === 'stopped') return;
    if (!failed) this.phase = 'stopping';
    this.wake?.();
    await this.loopDone;
    await this.exclusive(async () => {
      if (!failed && this.tasks.size > 0) {
        try {
          this.handle(await this.commitProtocol.commit([...this.tasks.values()]));
        } catch (e) {
          this.deps.logger.error({ err: e }, 'the final commit failed; uncommitted work is aborted');
        }
      }
      for (const task of this.tasks.values()) await this.factory.close(task);
      this.tasks.clear();
    });
    await this.consumer?.close().catch(() => {});
    await this.producer?.close().catch(() => {});
    this.phase = 'stopped';
  }
}
