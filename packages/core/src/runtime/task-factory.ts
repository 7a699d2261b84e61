// Creates and closes the stream thread's tasks. Under exactly_once every task gets its own transactional
// producer (`<applicationId>-<taskId>`), and creating the task fences the previous owner first
// (initTransactions): only after that may the thread read the committed offsets (DESIGN §8).
import type { Logger } from 'pino';
import type { KafkaClientPort, ProducerPort } from '../client/kafka-client.js';
import type { ResolvedStreamsConfig } from '../config/streams-config.js';
import type { StateStore } from '../state/state-store.js';
import type { Topology } from '../topology/topology.js';
import type { ActiveTask } from './active-task.js';
import { BufferedCollector } from './buffered-collector.js';
import { systemClock } from './clock.js';
import { StreamTask } from './stream-task.js';
import type { TaskLayout } from './task-layout.js';

export interface TaskFactoryDeps {
  readonly topology: Topology;
  readonly config: ResolvedStreamsConfig;
  readonly client: KafkaClientPort;
  readonly partitionCount: (topic: string) => number | undefined;
  readonly logger: Logger;
  /** at_least_once: the thread's collector over its one idempotent producer. */
  readonly sharedCollector: BufferedCollector | undefined;
  readonly globalStores: ReadonlyMap<string, StateStore>;
}

export class TaskFactory {
  constructor(private readonly deps: TaskFactoryDeps) {}

  /**
   * A new task, its stores open but not restored and its processors not initialized (the thread restores all
   * new tasks together, then calls `stream.initialize()`). `taskCount`: tasks of this assignment, which share
   * the cache bytes.
   */
  async create(layout: TaskLayout, taskCount: number): Promise<ActiveTask> {
    const { topology, config, client, partitionCount, logger } = this.deps;
    const subtopology = topology.subtopologies[layout.subtopologyId]!;
    const cacheMaxBytes = Math.floor(config.cacheMaxBytes / Math.max(1, taskCount));
    const settings = {
      topology,
      subtopology,
      partitions: layout.partitions,
      clock: systemClock,
      settings: config,
      logger,
      cacheMaxBytes,
      globalStores: this.deps.globalStores,
    };
    if (config.processingGuarantee === 'at_least_once') {
      const collector = this.deps.sharedCollector!;
      const stream = new StreamTask({ ...settings, collector });
      return { id: layout.taskId, stream, collector, producer: undefined };
    }
    const producer = client.transactionalProducer({
      transactionalId: `${config.applicationId}-${layout.taskId}`,
      transactionTimeoutMs: config.transactionTimeoutMs,
    });
    await producer.connect();
    await producer.initTransactions();
    const collector = new BufferedCollector(async (records) => {
      if (!producer.inTransaction) await producer.beginTransaction();
      return producer.send(records);
    }, partitionCount);
    const stream = new StreamTask({ ...settings, collector });
    return { id: layout.taskId, stream, collector, producer };
  }

  /** Closes the task; its open transaction (if any) is aborted, not committed. */
  async close(task: ActiveTask): Promise<void> {
    task.stream.close();
    if (task.producer) {
      await task.collector.discard();
      await task.producer.abortTransaction().catch(() => {});
      await task.producer.close().catch(() => {});
    }
  }
}

/** The at_least_once thread's producer: idempotent, shared by all its tasks. */
export function sharedProducer(client: KafkaClientPort): ProducerPort {
  return client.producer({ idempotent: true });
}
