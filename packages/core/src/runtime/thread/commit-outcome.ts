// What the stream thread does with a commit's result: fenced tasks are closed without commit (a newer owner has
// them; the rebalance that follows re-creates them), a commit deferred by a rebalance is logged, and a failed one
// becomes the thread's fatal error, naming the task.
import type { Logger } from 'pino';
import type { GroupConsumerPort } from '../../client/kafka-client.js';
import { StreamsProcessingError } from '../../errors.js';
import type { CommitResult } from './commit.js';
import type { TaskManager } from './task-manager.js';

export function settleCommit(result: CommitResult, tasks: TaskManager, consumer: Pick<GroupConsumerPort, 'pause'>, logger: Logger): void {
  for (const task of result.migrated) {
    logger.warn({ taskId: task.id }, 'task was fenced by a newer owner (migrated); closing it without commit');
    consumer.pause(tasks.partitionsOf(task));
    tasks.remove(task);
  }
  if (result.deferred.length > 0) {
    logger.info({ tasks: result.deferred.map((t) => t.id) }, 'commit deferred: the group is rebalancing');
  }
  if (result.failed.length > 0) {
    const { task, error } = result.failed[0]!;
    const cause = error instanceof Error ? error : new Error(String(error));
    throw new StreamsProcessingError(`commit of task ${task.id} failed: ${cause.message}`, { taskId: task.id }, { cause });
  }
}
