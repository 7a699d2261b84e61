// Which tasks a topology has on a cluster: one per (sub-topology, partition number). Task `s_p` reads partition
// p of every source topic of sub-topology s that has a partition p (co-partitioned topics meet in one task).
import type { BuiltTopology } from '../../topology/built-topology.js';
import type { TopicPartition } from '../../record/topic-partition.js';
import { taskIdOf } from '../task/stream-task.js';

export interface TaskLayout {
  readonly subtopologyId: number;
  readonly taskId: string;
  readonly partitions: readonly TopicPartition[];
}

/**
 * @param sourceTopicsOf resolved source topics of a sub-topology (pattern sources already expanded)
 * @param partitionCount partitions of a resolved topic
 */
export function layoutTasks(
  topology: BuiltTopology,
  sourceTopicsOf: (subtopologyId: number) => readonly string[],
  partitionCount: (topic: string) => number,
): TaskLayout[] {
  const tasks: TaskLayout[] = [];
  for (const sub of topology.subtopologies) {
    const topics = sourceTopicsOf(sub.id);
    const counts = topics.map((t) => partitionCount(t));
    const max = Math.max(0, ...counts);
    for (let p = 0; p < max; p++) {
      const partitions = topics.filter((_, i) => counts[i]! > p).map((topic) => ({ topic, partition: p }));
      tasks.push({ subtopologyId: sub.id, taskId: taskIdOf(sub.id, p), partitions });
    }
  }
  return tasks;
}
