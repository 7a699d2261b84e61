// at_least_once: one idempotent producer and one collector for all the thread's tasks; consumer offsets are
// committed after every output is acknowledged (../commit.ts, atLeastOnceCommit).
import type { GroupConsumerPort, KafkaClientPort } from '../../../client/kafka-client.js';
import { BufferedCollector } from '../buffered-collector.js';
import { atLeastOnceCommit } from '../commit.js';
import type { Guarantee } from './guarantee.js';

export async function atLeastOnce(
  client: KafkaClientPort,
  consumer: GroupConsumerPort,
  partitionCount: (topic: string) => number | undefined,
): Promise<Guarantee> {
  const producer = client.producer({ idempotent: true });
  await producer.connect();
  const collector = new BufferedCollector((records) => producer.send(records), partitionCount);
  const protocol = atLeastOnceCommit(consumer, collector);
  return {
    name: 'at_least_once',
    openTask: async () => collector,
    commit: (tasks) => protocol.commit(tasks),
    abandon: (tasks) => protocol.abandon(tasks),
    // Records already handed to the shared producer stay: they belong to the processed, uncommitted input,
    // which the next owner processes again (duplicates, nothing lost).
    closeTask: async () => {},
    close: () => producer.close().catch(() => {}),
  };
}
