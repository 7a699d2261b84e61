// exactly_once, EOS v1 (DESIGN §3): one transactional producer per task, `transactional.id =
// <applicationId>-<taskId>`, fencing the previous owner of the task when it opens; outputs, changelog records and
// input offsets commit in the task's transaction (../commit.ts, exactlyOnceCommit).
import type { GroupConsumerPort, KafkaClientPort, TransactionalProducerPort } from '../../../client/kafka-client.js';
import type { ActiveTask } from '../active-task.js';
import { BufferedCollector } from '../buffered-collector.js';
import { exactlyOnceCommit } from '../commit.js';
import type { Guarantee } from './guarantee.js';

export interface ExactlyOnceSettings {
  readonly applicationId: string;
  readonly transactionTimeoutMs: number;
  readonly partitionCount: (topic: string) => number | undefined;
}

export function exactlyOncePerTask(client: KafkaClientPort, consumer: GroupConsumerPort, settings: ExactlyOnceSettings): Guarantee {
  const producers = new Map<string, TransactionalProducerPort>();
  const producerOf = (task: ActiveTask): TransactionalProducerPort => {
    const producer = producers.get(task.id);
    if (!producer) throw new Error(`task ${task.id} has no open output`);
    return producer;
  };
  const protocol = exactlyOnceCommit(() => consumer.groupMetadata(), producerOf);
  return {
    name: 'exactly_once',
    async openTask(taskId) {
      const producer = client.transactionalProducer({
        transactionalId: `${settings.applicationId}-${taskId}`,
        transactionTimeoutMs: settings.transactionTimeoutMs,
      });
      await producer.connect();
      await producer.initTransactions();
      producers.set(taskId, producer);
      return new BufferedCollector(async (records) => {
        if (!producer.inTransaction) await producer.beginTransaction();
        return producer.send(records);
      }, settings.partitionCount);
    },
    commit: (tasks) => protocol.commit(tasks),
    abandon: (tasks) => protocol.abandon(tasks),
    async closeTask(task) {
      const producer = producers.get(task.id);
      if (!producer) return;
      producers.delete(task.id);
      await task.collector.discard();
      await producer.abortTransaction().catch(() => {});
      await producer.close().catch(() => {});
    },
    async close() {
      // Producers of tasks that never started (a creation that failed half-way) would otherwise stay open.
      await Promise.all([...producers.values()].map((p) => p.close().catch(() => {})));
      producers.clear();
    },
  };
}
