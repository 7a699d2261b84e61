// Start step 7 (task-start.ts): a new task that reads several partitions (joins) learns their end offsets, so it
// waits for the lagging ones before it processes (runtime/task/input-readiness.ts holds the task's side).
import type { AdminPort } from '../../client/kafka-client.js';
import { partitionKey } from '../../record/topic-partition.js';
import type { StreamTask } from '../task/stream-task.js';

/**
 * Tells each new task that reads several partitions (joins) where it starts reading each of them
 * (`startOffsetOf(partitionKey)`) and their end offsets now (admin; the last stable offsets), so that it waits
 * for a partition that has records before it processes the others. Fetches update both from then on.
 */
export async function noteInputEndOffsets(admin: AdminPort, tasks: readonly StreamTask[], startOffsetOf: (key: string) => number): Promise<void> {
  const joined = tasks.filter((t) => t.partitions.length > 1);
  if (joined.length === 0) return;
  const ends = await admin.endOffsets(joined.flatMap((t) => t.partitions));
  for (const task of joined) {
    for (const p of task.partitions) {
      const key = partitionKey(p.topic, p.partition);
      task.notePosition(p.topic, p.partition, startOffsetOf(key), ends.get(key) ?? 0);
    }
  }
}
