// The commit protocol (DESIGN §3), both variants in numbered steps. The stream thread calls `commit` only while
// it processes nothing, so step 1 ("finish the record in hand, then take no new one") holds by construction. The
// guarantee strategies (thread/guarantees/) run them; the thread knows only the strategy.
import { GroupRebalancingError, ProducerFencedError } from '../../client/client-errors.js';
import type { GroupConsumerPort, GroupMetadata, TransactionalProducerPort } from '../../client/kafka-client.js';
import type { ActiveTask } from './active-task.js';
import type { BufferedCollector } from './buffered-collector.js';

export interface CommitResult {
  readonly committed: readonly ActiveTask[];
  /** Fenced by a newer owner (exactly_once): close without committing; the rebalance re-creates them. */
  readonly migrated: readonly ActiveTask[];
  /**
   * The commit failed for another reason. Its uncommitted work was abandoned (exactly_once: aborted); the thread
   * cannot rewind a kafkajs consumer's position safely while it fetches, so it stops (the instance goes to ERROR).
   */
  readonly failed: ReadonlyArray<{ readonly task: ActiveTask; readonly error: unknown }>;
  /** at_least_once: not committed because the group is rebalancing; the rebalance restarts from committed offsets. */
  readonly deferred: readonly ActiveTask[];
}

export interface CommitProtocol {
  readonly guarantee: 'at_least_once' | 'exactly_once';
  commit(tasks: readonly ActiveTask[]): Promise<CommitResult>;
  /** Gives up the tasks' uncommitted work (exactly_once: aborts their open transactions). */
  abandon(tasks: readonly ActiveTask[]): Promise<void>;
}

/**
 * exactly_once (EOS v1: one transactional producer per task, `transactional.id = <applicationId>-<taskId>`).
 * Per task, all tasks in parallel:
 *   1. (the thread is not processing)
 *   2. flush the task's stores: cached updates go downstream (processors run) and every change's changelog
 *      record is sent into the transaction;
 *   3. wait until every send of the task is acknowledged (inside its open transaction);
 *   4. add the task's consumed offsets (last processed + 1) to the transaction, with the consumer's group
 *      metadata;
 *   5. commit the transaction. Fenced: the task is a zombie, close it without committing. Any other error:
 *      abort; the thread then stops (see CommitResult.failed);
 *   6. only then write persistent stores, with the changelog offsets they reflect, in one LMDB transaction. A
 *      crash before 6 leaves the store at the previous commit, and restore replays the committed changelog tail.
 */
export function exactlyOnceCommit(
  group: () => GroupMetadata,
  producerOf: (task: ActiveTask) => TransactionalProducerPort,
): CommitProtocol {
  return {
    guarantee: 'exactly_once',
    async commit(tasks) {
      const results = await Promise.all(
        tasks.map(async (task) => {
          let producer: TransactionalProducerPort | undefined;
          try {
            producer = producerOf(task);
            await commitOne(task, producer, group());
            return { task, outcome: 'committed' as const };
          } catch (error) {
            if (error instanceof ProducerFencedError) return { task, outcome: 'migrated' as const };
            if (producer) await abandonOne(task, producer).catch(() => {});
            return { task, outcome: 'failed' as const, error };
          }
        }),
      );
      return {
        committed: results.filter((r) => r.outcome === 'committed').map((r) => r.task),
        migrated: results.filter((r) => r.outcome === 'migrated').map((r) => r.task),
        failed: results.flatMap((r) => (r.outcome === 'failed' ? [{ task: r.task, error: r.error }] : [])),
        deferred: [],
      };
    },
    async abandon(tasks) {
      await Promise.all(tasks.map((t) => abandonOne(t, producerOf(t)).catch(() => {})));
    },
  };
}

async function commitOne(task: ActiveTask, producer: TransactionalProducerPort, group: GroupMetadata): Promise<void> {
  // 2. (and the offsets step 4 commits)
  const offsets = task.stream.prepareCommit();
  // 3.
  await task.collector.flush();
  // 4.
  if (offsets.length === 0 && !producer.inTransaction) {
    task.stream.postCommit(offsets);
    return;
  }
  if (!producer.inTransaction) await producer.beginTransaction();
  await producer.sendOffsets(offsets, group);
  // 5.
  await producer.commitTransaction();
  task.stream.state.logger.trace({ offsets: offsets.map((o) => `${o.partition}@${o.offset}`) }, 'committed transaction');
  // 6.
  task.stream.postCommit(offsets);
}

async function abandonOne(task: ActiveTask, producer: TransactionalProducerPort): Promise<void> {
  await task.collector.discard();
  await producer.abortTransaction();
}

/**
 * at_least_once: the same steps without a transaction, over all tasks at once:
 *   2. flush store caches; 3. wait for every send's acknowledgement; 4–5. commit the consumer offsets;
 *   6. write persistent stores and their checkpoints.
 * A commit refused because the group is rebalancing is deferred: the rebalance restarts from the committed
 * offsets, so those records are processed again (duplicates, nothing lost). Any other failure stops the thread.
 */
export function atLeastOnceCommit(consumer: GroupConsumerPort, collector: BufferedCollector): CommitProtocol {
  return {
    guarantee: 'at_least_once',
    async commit(tasks) {
      try {
        // 2. (and the offsets 4–5 commit)
        const perTask = tasks.map((t) => ({ task: t, offsets: t.stream.prepareCommit() }));
        // 3.
        await collector.flush();
        // 4–5.
        const all = perTask.flatMap((p) => p.offsets);
        if (all.length > 0) await consumer.commitOffsets(all);
        // 6.
        for (const p of perTask) p.task.stream.postCommit(p.offsets);
        return { committed: tasks, migrated: [], failed: [], deferred: [] };
      } catch (error) {
        if (error instanceof GroupRebalancingError) return { committed: [], migrated: [], failed: [], deferred: tasks };
        return { committed: [], migrated: [], failed: tasks.map((task) => ({ task, error })), deferred: [] };
      }
    },
    async abandon() {
      await collector.discard();
    },
  };
}
