// Keeps an instance's global stores up to date: at start it wipes them and reads every partition of every
// global topic from the beginning up to the end offsets (start() resolves then, before any task runs), and it
// keeps reading new records until close. Global stores keep no checkpoint yet: every start re-reads the topics.
import type { Logger } from 'pino';
import type { AdminPort, KafkaClientPort, PartitionReaderPort, ProducerPort } from '../../client/kafka-client.js';
import { partitionKey } from '../../record/topic-partition.js';
import type { ResolvedStreamsConfig } from '../../config/streams-config.js';
import { TopologyError } from '../../errors.js';
import type { StateStore } from '../../state/state-store.js';
import type { BuiltTopology } from '../../topology/built-topology.js';
import { BufferedCollector } from '../thread/buffered-collector.js';
import { systemClock } from '../task/clock.js';
import { GLOBAL_TASK_ID, GlobalTask } from '../task/global-task.js';
import type { RestoreProgress } from '../thread/state-restorer.js';

export interface GlobalStateUpdaterDeps {
  readonly topology: BuiltTopology;
  readonly config: ResolvedStreamsConfig;
  readonly client: KafkaClientPort;
  readonly admin: AdminPort;
  readonly logger: Logger;
  readonly onProgress?: (progress: RestoreProgress) => void;
  /** The updater failed after start (e.g. a record whose handler says `fail`). */
  readonly onFatal: (error: Error) => void;
}

export class GlobalStateUpdater {
  private task: GlobalTask | undefined;
  private reader: PartitionReaderPort | undefined;
  private timer: NodeJS.Timeout | undefined;
  private collector: BufferedCollector | undefined;
  private producer: ProducerPort | undefined;
  private closed = false;

  constructor(private readonly deps: GlobalStateUpdaterDeps) {}

  /** The global stores (empty before start or without global stores). */
  get stores(): ReadonlyMap<string, StateStore> {
    return this.task?.storesByName ?? new Map();
  }

  /** Reads every global topic to its end. Resolves when the stores are complete. */
  async start(): Promise<void> {
    const { topology, config, client, admin, logger } = this.deps;
    if (topology.globalStores.size === 0) return;
    // Dead-letter records of the global topics go out through a plain producer.
    const producer = (this.producer = client.producer({ idempotent: true }));
    await producer.connect();
    this.collector = new BufferedCollector((records) => producer.send(records), () => undefined);
    const task = (this.task = new GlobalTask(topology, config, systemClock, this.collector, logger));
    const topics = task.topics;
    const counts = await admin.partitionCounts(topics);
    const missing = topics.filter((t) => !counts.has(t));
    if (missing.length > 0) throw new TopologyError(`global table topic${missing.length > 1 ? 's' : ''} ${missing.join(', ')} not found; create before starting`);
    const partitions = topics.flatMap((topic) => Array.from({ length: counts.get(topic)! }, (_, partition) => ({ topic, partition })));
    const [begins, ends] = await Promise.all([admin.beginningOffsets(partitions), admin.endOffsets(partitions)]);
    task.wipe();
    task.initialize();
    const started = Date.now();
    const pending = new Map<string, { end: number; from: number; read: number }>();
    for (const p of partitions) {
      const key = partitionKey(p.topic, p.partition);
      const from = begins.get(key) ?? 0;
      const end = ends.get(key) ?? 0;
      if (from < end) pending.set(key, { end, from, read: 0 });
    }
    const total = [...pending.values()].reduce((n, p) => n + (p.end - p.from), 0);
    logger.info({ topics, partitions: partitions.length, total }, `restoring global stores from ${topics.join(', ')} (up to ${total} records)`);
    let applied = 0;
    let lastReport = 0;
    const report = (done: boolean) => {
      lastReport = Date.now();
      for (const store of task.stores.all) {
        this.deps.onProgress?.({
          taskId: GLOBAL_TASK_ID,
          storeName: store.name,
          topic: topics.join(','),
          partition: -1,
          startOffset: 0,
          endOffset: total,
          restored: applied,
          total,
          done,
        });
      }
    };
    report(pending.size === 0);
    let caughtUp!: () => void;
    let failed!: (e: Error) => void;
    const restored = new Promise<void>((resolve, reject) => {
      caughtUp = resolve;
      failed = reject;
    });
    let restoring = true;
    if (pending.size === 0) caughtUp();
    this.reader = client.partitionReader();
    await this.reader.start(
      partitions.map((p) => ({ ...p, from: begins.get(partitionKey(p.topic, p.partition)) ?? 0 })),
      {
        onBatch: (batch) => {
          if (this.closed) return;
          task.process(batch.records);
          if (restoring) applied += batch.records.length;
          if (task.commitRequested) task.commit();
        },
        onProgress: (topic, partition, next) => {
          if (!restoring) return;
          const key = partitionKey(topic, partition);
          const p = pending.get(key);
          if (p && next >= p.end) pending.delete(key);
          if (pending.size === 0) {
            restoring = false;
            task.commit();
            report(true);
            caughtUp();
          } else if (Date.now() - lastReport >= 1000) report(false);
        },
        onCrash: (e) => {
          if (restoring) failed(e);
          else this.deps.onFatal(e);
        },
      },
    );
    await restored;
    const ms = Date.now() - started;
    logger.info({ applied, ms }, `global stores restored: ${applied} records in ${ms} ms`);
    this.timer = setInterval(() => {
      try {
        task.commit();
        this.collector?.dispatch();
      } catch (e) {
        this.deps.onFatal(e instanceof Error ? e : new Error(String(e)));
      }
    }, config.commitIntervalMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    await this.reader?.close().catch(() => {});
    if (this.task) {
      try {
        this.task.commit();
      } catch (e) {
        this.deps.logger.warn({ err: e }, 'the final commit of the global stores failed');
      }
      this.task.close();
    }
    await this.collector?.flush().catch(() => {});
    await this.producer?.close().catch(() => {});
  }
}
