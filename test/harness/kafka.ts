// Helpers for integration tests: the broker chosen by the global setup, unique names, admin access.
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Admin, type ITopicConfig } from 'kafkajs';
import { inject } from 'vitest';

export function bootstrapServers(): string {
  return inject('kafkaBootstrapServers');
}

/** A name no other test (or earlier run) uses: `<prefix>-<random>`. Use it for topics, groups, app ids. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

export function kafkaClient(clientId = uniqueName('test')): Kafka {
  return new Kafka({ clientId, brokers: bootstrapServers().split(','), logLevel: logLevel.WARN });
}

/**
 * Creates topics and waits until every partition has a leader in the metadata. kafkajs' own `waitForLeaders`
 * gives up when a loaded broker still answers UNKNOWN_TOPIC_OR_PARTITION ("This server does not host this
 * topic-partition") for a topic it has just created, so the wait is ours and tolerates that answer for 30 s.
 */
export async function createTopics(
  topics: Array<string | ITopicConfig>,
  admin?: Admin,
): Promise<void> {
  const own = admin ?? kafkaClient().admin();
  if (!admin) await own.connect();
  try {
    const specs = topics.map((t) => (typeof t === 'string' ? { topic: t, numPartitions: 1 } : t));
    await own.createTopics({ waitForLeaders: false, topics: specs });
    const names = specs.map((t) => t.topic);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const ready = await own
        .fetchTopicMetadata({ topics: names })
        .then((m) => m.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)))
        .catch(() => false);
      if (ready) break;
      if (Date.now() > deadline) throw new Error(`topics [${names.join(', ')}] have no leader after 30 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    if (!admin) await own.disconnect();
  }
}
