// Where each partition of new tasks starts: the group's committed offset, else the source's offset reset
// (earliest by default, as Kafka Streams). The reset applies only to partitions without a committed offset:
// the admin client answers watermarks for whole topics, and those must never replace a committed offset.
import { type AdminPort } from '../../client/kafka-client.js';
import { partitionKey } from '../../record/topic-partition.js';
import type { TopicPartition } from '../../record/topic-partition.js';

export async function startOffsets(
  admin: AdminPort,
  groupId: string,
  partitions: readonly TopicPartition[],
  resetOf: (topic: string) => 'earliest' | 'latest',
): Promise<Map<string, number>> {
  const committed = await admin.committedOffsets(groupId, partitions);
  const missing = partitions.filter((p) => !committed.has(partitionKey(p.topic, p.partition)));
  const earliest = missing.filter((p) => resetOf(p.topic) === 'earliest');
  const latest = missing.filter((p) => resetOf(p.topic) === 'latest');
  const [low, high] = await Promise.all([
    earliest.length ? admin.beginningOffsets(earliest) : new Map<string, number>(),
    latest.length ? admin.endOffsets(latest) : new Map<string, number>(),
  ]);
  const out = new Map<string, number>();
  for (const p of partitions) {
    const key = partitionKey(p.topic, p.partition);
    const offset = committed.get(key) ?? (resetOf(p.topic) === 'earliest' ? low.get(key) : high.get(key));
    if (offset !== undefined) out.set(key, offset);
  }
  return out;
}
