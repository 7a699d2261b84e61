// The task-start protocol: what an assignment does before its tasks process a record. The order is what keeps
// exactly-once under rebalances and zombies (DESIGN §8: a wrong order duplicated records), so it lives here, in
// numbered steps, and nowhere else:
//   1. pause   the client paused the assignment's partitions when it delivered it (nothing is fetched until 8);
//   2. close   the previous tasks, without committing: their open transactions are aborted (eager rebalancing);
//   3. fence   create the new tasks and open their output: under exactly_once each task's producer calls
//              initTransactions, which fences the task's previous owner and aborts its open transaction;
//   4. restore the tasks' stores from their changelogs (read_committed, up to the last stable offset), then
//              initialize their processors;
//   5. offsets read the committed offsets and their metadata (partition times, processor metadata), only now:
//              after step 3 no zombie can commit any more;
//   6. seek    each partition to its committed offset (else the source's offset reset);
//   7. ends    tasks with several inputs (joins) learn their end offsets, so they wait for the lagging ones;
//   8. resume  the thread takes the partitions' records from here on, then the client fetches them.
// After every await the start checks that its assignment is still the latest: a newer assignment (or a
// revocation) makes it stale, and it stops; the newest one redoes every step and resumes its own partitions.
import type { Logger } from 'pino';
import { type AdminPort, type GroupAssignment, type GroupConsumerPort, type KafkaClientPort } from '../../client/kafka-client.js';
import { partitionKey } from '../../record/topic-partition.js';
import { noteInputEndOffsets } from './input-end-offsets.js';
import { startOffsets } from './start-offsets.js';
import { restoreTasks, type RestoreProgress } from './state-restorer.js';
import type { TaskLayout } from './task-layout.js';
import type { TaskManager } from './task-manager.js';


export interface TaskStartDeps {
  readonly applicationId: string;
  readonly client: KafkaClientPort;
  readonly admin: AdminPort;
  readonly consumer: Pick<GroupConsumerPort, 'seek' | 'resume'>;
  readonly tasks: TaskManager;
  /** The tasks of the topology on the cluster as it is now. */
  readonly layouts: () => readonly TaskLayout[];
  readonly offsetResetOf: (topic: string) => 'earliest' | 'latest';
  readonly logger: Logger;
  readonly onRestoreProgress?: (progress: RestoreProgress) => void;
}

/**
 * Starts the tasks of `assignment`. `current()` says whether the assignment is still the latest; `started()` is
 * called right before step 8, so that records fetched after it are taken. Returns false when it stopped stale.
 */
export async function startTasks(
  assignment: GroupAssignment,
  deps: TaskStartDeps,
  current: () => boolean,
  started: () => void,
): Promise<boolean> {
  const { tasks, consumer } = deps;
  // 1. pause: done by the client (GroupConsumerHandlers.onAssign).
  if (!current()) return false;
  // 2. close
  await tasks.closeAll();
  if (!current()) return false;
  // 3. fence
  const owned = new Set(assignment.partitions.map((p) => partitionKey(p.topic, p.partition)));
  const layouts = deps.layouts().filter((l) => l.partitions.length > 0 && l.partitions.every((p) => owned.has(partitionKey(p.topic, p.partition))));
  const settled = await Promise.allSettled(layouts.map((l) => tasks.factory.create(l, layouts.length)));
  settled.forEach((r, i) => r.status === 'fulfilled' && tasks.add(r.value, layouts[i]!)); // closed with the others later
  const failure = settled.find((r) => r.status === 'rejected');
  if (failure) throw failure.reason;
  const created = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  if (!current()) return false;
  // 4. restore
  const streams = created.map((t) => t.stream);
  await restoreTasks(streams, {
    applicationId: deps.applicationId,
    client: deps.client,
    admin: deps.admin,
    logger: deps.logger,
    onProgress: deps.onRestoreProgress,
  });
  if (!current()) return false;
  for (const stream of streams) stream.initialize();
  // 5. offsets
  const partitions = layouts.flatMap((l) => l.partitions);
  const [offsets, committedMetadata] = await Promise.all([
    startOffsets(deps.admin, deps.applicationId, partitions, deps.offsetResetOf),
    deps.admin.committedMetadata(deps.applicationId, partitions),
  ]);
  if (!current()) return false;
  // Partition times and processor metadata the previous owner committed (Kafka Streams' initializeTaskTime).
  for (const stream of streams) stream.restoreCommittedMetadata(committedMetadata);
  // 6. seek
  for (const p of partitions) {
    const key = partitionKey(p.topic, p.partition);
    const offset = offsets.get(key) ?? 0;
    tasks.setStartOffset(key, offset);
    consumer.seek(p, offset);
  }
  deps.logger.debug({ startOffsets: partitions.map((p) => `${p.topic}-${p.partition}@${tasks.startOffset(partitionKey(p.topic, p.partition))}`) }, 'start offsets');
  // 7. end offsets
  await noteInputEndOffsets(deps.admin, streams, (key) => tasks.startOffset(key));
  if (!current()) return false;
  // 8. resume
  started();
  consumer.resume(assignment.partitions);
  deps.logger.info({ tasks: tasks.ids, generation: assignment.generationId }, 'tasks assigned');
  return true;
}
