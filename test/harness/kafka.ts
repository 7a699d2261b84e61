// Helpers for integration tests: the broker chosen by the global setup, unique names, admin access.
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Admin, type ITopicConfig } from 'kafkajs';
import { inject } from 'vitest';
import { installAbortedRecordsFix } from '../../packages/core/src/client/kafkajs/aborted-records.js';

export function bootstrapServers(): string {
  return inject('kafkaBootstrapServers');
}

/** A name no other test (or earlier run) uses: `<prefix>-<random>`. Use it for topics, groups, app ids. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

export function kafkaClient(clientId = uniqueName('test')): Kafka {
  installAbortedRecordsFix(); // the tests' own read_committed readers need the adapter's fix too (kafkajs findings §9)
  return new Kafka({ clientId, brokers: bootstrapServers().split(','), logLevel: logLevel.WARN });
}

/**
 * Creates topics and waits until their leaders are known (kafkajs' `waitForLeaders`). A loaded broker may answer
 * UNKNOWN_TOPIC_OR_PARTITION ("This server does not host this topic-partition") to that wait for a topic it has
 * just created, which kafkajs does not retry: then the wait goes on here, for up to 30 s, until every partition
 * has a leader and no error.
 */
export async function createTopics(
  topics: Array<string | ITopicConfig>,
  admin?: Admin,
): Promise<void> {
  const own = admin ?? kafkaClient().admin();
  if (!admin) await own.connect();
  try {
    const specs = topics.map((t) => (typeof t === 'string' ? { topic: t, numPartitions: 1 } : t));
    try {
      await own.createTopics({ waitForLeaders: true, topics: specs });
    } catch (e) {
      if (!isUnknownTopic(e)) throw e;
      const names = specs.map((t) => t.topic);
      const deadline = Date.now() + 30_000;
      const ready = () =>
        own
          .fetchTopicMetadata({ topics: names })
          .then((m) => m.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0 && p.partitionErrorCode === 0)))
          .catch(() => false);
      while (!(await ready())) {
        if (Date.now() > deadline) throw new Error(`topics [${names.join(', ')}] have no leader after 30 s`, { cause: e });
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    if (!admin) await own.disconnect();
  }
}

/** Whether kafkajs' error (or one it wraps) is UNKNOWN_TOPIC_OR_PARTITION. */
function isUnknownTopic(e: unknown): boolean {
  for (let cur = e as { type?: string; cause?: unknown; originalError?: unknown } | undefined, i = 0; cur && i < 8; i++) {
    if (cur.type === 'UNKNOWN_TOPIC_OR_PARTITION') return true;
    cur = (cur.cause ?? cur.originalError) as typeof cur;
  }
  return false;
}
