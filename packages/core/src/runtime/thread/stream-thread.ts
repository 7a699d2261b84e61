// A stream thread: a loop (not an OS thread) that owns a group consumer, its tasks and their output.
//   fetch (the consumer's callbacks) → route each batch to the task of its partition → process, one record at
//   a time, in slices that yield to I/O → commit when the interval passed or a task asked (output that piles up
//   waits for its acknowledgements instead).
// Rebalances are eager: on revocation everything is committed, on assignment the task-start protocol
// (task-start.ts) replaces every task. The guarantee is a strategy (guarantees/) it is handed. It tells its
// instance what happens only through messages (thread-messages.ts), and takes its commands the same way.
import type { Logger } from 'pino';
import { type AdminPort, type FetchedBatch, type GroupAssignment, type GroupConsumerPort, type KafkaClientPort } from '../../client/kafka-client.js';
import { partitionKey } from '../../record/topic-partition.js';
import type { ResolvedStreamsConfig } from '../../config/streams-config.js';
import type { BuiltTopology } from '../../topology/built-topology.js';
import type { CommitResult } from './commit.js';
import { settleCommit } from './commit-outcome.js';
import type { StateStore } from '../../state/state-store.js';
import { StreamsAssignor } from './streams-assignor.js';
import { TaskFactory } from './task-factory.js';
import { createGuarantee } from './guarantees/create-guarantee.js';
import type { Guarantee } from './guarantees/guarantee.js';
import { Backpressure } from './backpressure.js';
import { TaskManager } from './task-manager.js';
import { startTasks } from './task-start.js';
import { serializeError, type ThreadCommand, type ThreadEvent, type ThreadSetup } from './thread-messages.js';
import { threadTopics, type ThreadTopics } from './thread-topics.js';

/**
 * What the thread is built with on its side of the boundary (not messages: a worker would build these itself,
 * the topology from the application's module and the client from the factory).
 */
export interface StreamThreadDeps {
  readonly topology: BuiltTopology;
  readonly config: ResolvedStreamsConfig;
  readonly client: KafkaClientPort;
  readonly admin: AdminPort;
  readonly logger: Logger;
  /** The instance's global stores (complete before the thread starts). */
  readonly globalStores: ReadonlyMap<string, StateStore>;
  /** The instance's topics, as data. */
  readonly setup: ThreadSetup;
  /** Sends a message to the instance. */
  readonly post: (event: ThreadEvent) => void;
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

  private readonly topics: ThreadTopics;

  constructor(private readonly deps: StreamThreadDeps) {
    this.maxBuffered = deps.config.maxBufferedRecordsPerPartition;
    this.backpressure = new Backpressure(() => this.consumer!, this.maxBuffered);
    this.topics = threadTopics(deps.topology, deps.setup, deps.config.defaultOffsetReset);
  }

  get taskIds(): string[] {
    return this.tasks?.ids ?? [];
  }

  /** Handles a command of the instance; resolves when it is done. */
  async receive(command: ThreadCommand): Promise<void> {
    switch (command.type) {
      case 'start':
        return this.start();
      case 'metrics':
        return this.postMetrics();
      case 'close':
        return this.close();
    }
  }

  private postMetrics(): void {
    const tasks = this.tasks?.size ?? 0;
    const bufferedRecords = this.tasks?.bufferedCount ?? 0;
    this.deps.post({ type: 'metrics', metrics: { tasks, bufferedRecords, pausedPartitions: this.backpressure.size, processedTotal: this.processedTotal } });
  }

  private async start(): Promise<void> {
    const { config, client, logger } = this.deps;
    const consumer = (this.consumer = client.groupConsumer({
      groupId: config.applicationId,
      assignor: new StreamsAssignor(this.topics.layout, () => this.taskIds),
      readCommitted: true,
      sessionTimeoutMs: config.sessionTimeoutMs,
      heartbeatIntervalMs: config.heartbeatIntervalMs,
      maxBytesPerPartition: config.maxFetchBytesPerPartition,
      fromBeginning: config.defaultOffsetReset === 'earliest',
    }));
    const guarantee = (this.guarantee = await createGuarantee(config, client, consumer, this.topics.partitionCount));
    this.tasks = new TaskManager(new TaskFactory({ ...this.deps, guarantee }));
    this.phase = 'assigning';
    this.loopDone = this.loop();
    await consumer.start(this.deps.setup.sourceTopics, {
      onRevoke: () => this.onRevoke(),
      onAssign: (a) => this.onAssign(a),
      onBatch: (b) => this.onBatch(b),
      onPosition: (topic, partition, next, end) => {
        this.tasks.taskOf(topic, partition)?.stream.notePosition(topic, partition, next, end);
        this.wake?.();
      },
      onCrash: (e) => this.fail(e),
    });
    logger.info({ topics: this.deps.setup.sourceTopics }, 'stream thread started');
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
    this.deps.post({ type: 'rebalancing' });
    try {
      await this.exclusive(async () => this.settle(await this.guarantee!.commit(this.tasks.all())));
    } catch (e) {
      this.fail(e instanceof Error ? e : new Error(String(e)));
    }
  }

  private async onAssign(assignment: GroupAssignment): Promise<void> {
    if (this.phase === 'stopping' || this.phase === 'stopped' || this.phase === 'failed') return;
    const generation = ++this.generation;
    this.phase = 'assigning';
    this.deps.post({ type: 'rebalancing' });
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
        layouts: () => this.topics.layout((t) => this.topics.partitionCount(t) ?? 0),
        offsetResetOf: this.topics.offsetResetOf,
        logger: this.deps.logger,
        onRestoreProgress: (progress) => this.deps.post({ type: 'restore-progress', progress: { ...progress } }),
      }, current, running);
    try {
      if (await this.exclusive(start)) {
        const tasks = this.tasks.all();
        this.deps.post({ type: 'running', tasks: tasks.map((t) => t.id), partitions: tasks.flatMap((t) => t.stream.partitions) });
        this.postMetrics();
      }
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
          processed = this.tasks.processUntil(Date.now() + SLICE_MS);
          this.processedTotal += processed;
          const tasks = this.tasks.all();
          for (const t of tasks) t.stream.punctuateWallClock();
          // Hand the slice's output to the producer now, so network and processing overlap; commits only wait.
          for (const t of tasks) t.collector.dispatch();
          await this.relieveOutputPressure();
          this.backpressure.resumeDrained((topic, partition) => this.tasks.taskOf(topic, partition));
          if (this.commitDue()) this.settle(await this.guarantee!.commit(tasks));
        });
      } catch (e) {
        this.fail(e instanceof Error ? e : new Error(String(e)));
        break;
      }
      if (processed > 0) this.postMetrics();
      if (processed === 0) await this.idle(this.idleMs());
      else await new Promise((r) => setImmediate(r));
    }
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

  private settle(result: CommitResult): void {
    this.lastCommit = Date.now();
    settleCommit(result, this.tasks, this.consumer!, this.deps.logger);
  }

  /** How long to sleep when nothing was processed: until the next commit, or a task's wait for an empty input ends. */
  private idleMs(): number {
    const now = Date.now();
    let until = this.lastCommit + this.deps.config.commitIntervalMs;
    for (const t of this.tasks.all()) {
      const deadline = t.stream.idleDeadline();
      if (deadline !== undefined && deadline < until) until = deadline;
    }
    return Math.max(1, until - now);
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
    this.deps.post({ type: 'fatal', error: serializeError(error) });
  }

  /** Commits (unless failed), closes every task, producer and the consumer. */
  private async close(): Promise<void> {
    const failed = this.phase === 'failed';
    if (this.phase === 'stopped') return;
    if (!failed) this.phase = 'stopping';
    this.wake?.();
    await this.loopDone;
    await this.exclusive(async () => {
      if (!failed && this.tasks && this.tasks.size > 0) {
        try {
          this.settle(await this.guarantee!.commit(this.tasks.all()));
        } catch (e) {
          this.deps.logger.error({ err: e }, 'the final commit failed; uncommitted work is aborted');
        }
      }
      await this.tasks?.closeAll();
    });
    await this.consumer?.close().catch(() => {});
    await this.guarantee?.close();
    this.phase = 'stopped';
    this.postMetrics();
  }
}
