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

/** Creates topics and waits until their leaders are known. */
export async function createTopics(
  topics: Array<string | ITopicConfig>,
  admin?: Admin,
): Promise<void> {
  const own = admin ?? kafkaClient().admin();
  if (!admin) await own.connect();
  try {
    await own.createTopics({
      waitForLeaders: true,
      topics: topics.map((t) => (typeof t === 'string' ? { topic: t, numPartitions: 1 } : t)),
    });
  } finally {
    if (!admin) await own.disconnect();
  }
}
