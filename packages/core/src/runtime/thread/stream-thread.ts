// A stream thread: a loop (not an OS thread) that owns a group consumer, its tasks and their output.
//   fetch (the consumer's callbacks) → route each batch to the task of its partition → process, one record at
//   a time, in slices that yield to I/O → commit when the interval passed or a task asked (output that piles up
//   waits for its acknowledgements instead).
// Rebalances are eager: on revocation everything is committed, on assignment the task-start protocol
// (task-start.ts) replaces every task. The guarantee is a strategy (guarantees/) it is handed.
import type { Logger } from 'pino';
import { type AdminPort, type FetchedBatch, type GroupAssignment, type GroupConsumerPort, type KafkaClientPort } from '../../client/kafka-client.js';
import { partitionKey } from '../../record/topic-partition.js';
import type { ResolvedStreamsConfig } from '../../config/streams-config.js';
import { StreamsProcessingError } from '../../errors.js';
import type { BuiltTopology } from '../../topology/built-topology.js';
import type { CommitResult } from './commit.js';
import type { StateStore } from '../../state/state-store.js';
import type { RestoreProgress } from './state-restorer.js';
import { StreamsAssignor } from './streams-assignor.js';
import { TaskFactory } from './task-factory.js';
import type { TaskLayout } from './task-layout.js';
import { createGuarantee } from './guarantees/create-guarantee.js';
import type { Guarantee } from './guarantees/guarantee.js';
import { Backpressure } from './backpressure.js';
import { TaskManager } from './task-manager.js';
import { startTasks } from './task-start.js';

export interface StreamThreadDeps {
  readonly topology: BuiltTopology;
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

export class StreamThread {
  private phase: Phase = 'created';
  private consumer: GroupConsumerPort | undefined;
  private guarantee: Guarantee | undefined;
  private tasks!: TaskManager;
  private lock: Promise<unknown> = Promise.resolve();
  /** Counts assignments and revocations: an assignment's start goes on only while it is the latest. */
  private generation = 0;
  private lastCommit = Date.now();
  private wake: (() => void) | undefined;
  private loopDone: Promise<void> | undefined;
  private readonly maxBuffered: number;
  private readonly backpressure: Backpressure;
  private processedTotal = 0;

  constructor(private readonly deps: StreamThreadDeps) {
    this.maxBuffered = deps.config.maxBufferedRecordsPerPartition;
    this.backpressure = new Backpressure(() => this.consumer!, this.maxBuffered);
  }

  get taskIds(): string[] {
    return this.tasks?.ids ?? [];
  }

  /** A snapshot for `KafkaStreams.metrics()`. */
  metrics(): { tasks: number; bufferedRecords: number; pausedPartitions: number; processedTotal: number } {
    let buffered = 0;
    for (const t of this.tasks?.all() ?? []) buffered += t.stream.bufferedCount;
    return { tasks: this.tasks?.size ?? 0, bufferedRecords: buffered, pausedPartitions: this.backpressure.size, processedTotal: this.processedTotal };
  }

  async start(): Promise<void> {
    const { config, client, logger } = this.deps;
    const consumer = (this.consumer = client.groupConsumer({
      groupId: config.applicationId,
      assignor: new StreamsAssignor(this.deps.layout, () => this.taskIds),
      readCommitted: true,
      sessionTimeoutMs: config.sessionTimeoutMs,
      heartbeatIntervalMs: config.heartbeatIntervalMs,
      maxBytesPerPartition: config.maxFetchBytesPerPartition,
      fromBeginning: config.defaultOffsetReset === 'earliest',
    }));
    const guarantee = (this.guarantee = await createGuarantee(config, client, consumer, this.deps.partitionCount));
    this.tasks = new TaskManager(new TaskFactory({ ...this.deps, guarantee }));
    this.phase = 'assigning';
    this.loopDone = this.loop();
    await consumer.start(this.deps.sourceTopics, {
      onRevoke: () => this.onRevoke(),
      onAssign: (a) => this.onAssign(a),
      onBatch: (b) => this.onBatch(b),
      onPosition: (topic, partition, next) => {
        this.tasks.taskOf(topic, partition)?.stream.notePosition(topic, partition, next);
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
    this.generation++; // an assignment still starting its tasks is stale now: a new one follows the rebalance
    if (this.phase !== 'running') return;
    this.phase = 'assigning';
    this.deps.onRebalancing();
    try {
      await this.exclusive(async () => this.handle(await this.guarantee!.commit(this.tasks.all())));
    } catch (e) {
      this.fail(e instanceof Error ? e : new Error(String(e)));
    }
  }

  private async onAssign(assignment: GroupAssignment): Promise<void> {
    if (this.phase === 'stopping' || this.phase === 'stopped' || this.phase === 'failed') return;
    const generation = ++this.generation;
    this.phase = 'assigning';
    this.deps.onRebalancing();
    const current = () => generation === this.generation && this.phase === 'assigning';
    const running = () => {
      // Running before the partitions resume: a batch delivered right after resume() must not be dropped.
      this.phase = 'running';
      this.lastCommit = Date.now();
      this.backpressure.clear();
    };
    const start = () =>
      startTasks(assignment, {
        applicationId: this.deps.config.applicationId,
        client: this.deps.client,
        admin: this.deps.admin,
        consumer: this.consumer!,
        tasks: this.tasks,
        layouts: () => this.deps.layout((t) => this.deps.partitionCount(t) ?? 0),
        offsetResetOf: this.deps.offsetResetOf,
        logger: this.deps.logger,
        onRestoreProgress: this.deps.onRestoreProgress,
      }, current, running);
    try {
      if (await this.exclusive(start)) this.deps.onRunning();
    } catch (e) {
      this.fail(e instanceof Error ? e : new Error(String(e)));
    }
  }

  private async onBatch(batch: FetchedBatch): Promise<void> {
    if (this.phase !== 'running') return; // dropped: the next generation re-reads from committed offsets
    const key = partitionKey(batch.topic, batch.partition);
    const task = this.tasks.taskOf(batch.topic, batch.partition);
    if (!task) return;
    const from = this.tasks.startOffset(key);
    const records = batch.records[0]!.offset >= from ? batch.records : batch.records.filter((r) => r.offset >= from);
    if (records.length === 0) return;
    task.stream.addRecords(batch.topic, batch.partition, records);
    this.backpressure.check(task, batch);
    this.wake?.();
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
          const tasks = this.tasks.all();
          for (const t of tasks) t.stream.punctuateWallClock();
          // Hand the slice's output to the producer now, so network and processing overlap; commits only wait.
          for (const t of tasks) t.collector.dispatch();
          await this.relieveOutputPressure();
          this.backpressure.resumeDrained((topic, partition) => this.tasks.taskOf(topic, partition));
          if (this.commitDue()) this.handle(await this.guarantee!.commit(tasks));
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
    const tasks = this.tasks.all();
    let total = 0;
    let progressed = true;
    while (progressed && Date.now() < deadline) {
      progressed = false;
      for (const task of tasks) {
        for (let i = 0; i < 100 && task.stream.process(); i++) {
          total++;
          progressed = true;
        }
      }
    }
    return total;
  }

  /**
   * When a collector has much output waiting for acknowledgements, waits for them before processing more.
   * Output pressure never forces a commit: that would defeat the commit interval and the stores' caches, which
   * flush at commit or eviction only, as in Kafka Streams.
   */
  private async relieveOutputPressure(): Promise<void> {
    const limit = 10 * this.maxBuffered;
    const loaded = new Set(this.tasks.all().map((t) => t.collector).filter((c) => c.unacknowledged >= limit));
    for (const collector of loaded) await collector.flush();
  }

  private commitDue(): boolean {
    if (this.tasks.size === 0) return false;
    if (Date.now() - this.lastCommit >= this.deps.config.commitIntervalMs) return true;
    for (const t of this.tasks.all()) if (t.stream.state.commitRequested) return true;
    return false;
  }

  private handle(result: CommitResult): void {
    this.lastCommit = Date.now();
    for (const task of result.migrated) {
      this.deps.logger.warn({ taskId: task.id }, 'task was fenced by a newer owner (migrated); closing it without commit');
      this.consumer!.pause(this.tasks.partitionsOf(task));
      this.tasks.remove(task);
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

  /** Sleeps up to `ms`; `wake()` (new records, a stop) ends it early. */
  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wake?.(), ms);
      this.wake = () => {
        this.wake = undefined;
        clearTimeout(timer);
        resolve();
      };
    });
  }

  // ---- shutdown --------------------------------------------------------------------------------------------

  private fail(error: Error): void {
    if (this.phase === 'failed' || this.phase === 'stopped') return;
    this.phase = 'failed';
    this.wake?.();
    this.deps.logger.error({ err: error }, 'stream thread failed');
    // Under the lock: a commit in flight finishes first, so its transaction is not aborted under it.
    void this.exclusive(async () => this.guarantee?.abandon(this.tasks?.all() ?? []));
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
      if (!failed && this.tasks && this.tasks.size > 0) {
        try {
          this.handle(await this.guarantee!.commit(this.tasks.all()));
        } catch (e) {
          this.deps.logger.error({ err: e }, 'the final commit failed; uncommitted work is aborted');
        }
      }
      await this.tasks?.closeAll();
    });
    await this.consumer?.close().catch(() => {});
    await this.guarantee?.close();
    this.phase = 'stopped';
  }
}
