// Start step 7 (task-start.ts): a new task that reads several partitions (joins) waits for its lagging
// ones before it processes (runtime/task/start-catch-up.ts holds the task's side of the wait).
import type { AdminPort } from '../../client/kafka-client.js';
import { partitionKey } from '../../record/topic-partition.js';
import type { StreamTask } from '../task/stream-task.js';

/**
 * Makes each new task that reads several partitions (joins) wait for its lagging ones: their end offsets now
 * (admin; the last stable offsets) against where the task starts reading (`startOffsetOf(partitionKey)`).
 */
export async function waitForLaggingInputs(
  admin: AdminPort,
  tasks: readonly StreamTask[],
  startOffsetOf: (key: string) => number,
  maxWaitMs: number,
): Promise<void> {
  const joined = tasks.filter((t) => t.partitions.length > 1);
  if (joined.length === 0) return;
  const ends = await admin.endOffsets(joined.flatMap((t) => t.partitions));
  for (const task of joined) {
    const targets = task.partitions.map((p) => {
      const key = partitionKey(p.topic, p.partition);
      task.notePosition(p.topic, p.partition, startOffsetOf(key));
      return { ...p, end: ends.get(key) ?? 0 };
    });
    task.waitForCatchUp(targets, maxWaitMs);
  }
}
