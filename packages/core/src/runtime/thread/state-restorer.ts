// Restores a task's stores from their changelogs before the task processes anything: each store replays its
// changelog partition from the offset its local data reflects (persistent stores) or from the beginning, up to
// the end offset a read_committed reader can reach, in bulk batches, reporting progress.
import type { Logger } from 'pino';
import type { AdminPort, KafkaClientPort } from '../../client/kafka-client.js';
import { partitionKey } from '../../record/topic-partition.js';
import type { ChangelogRecord } from '../../state/state-store-context.js';
import type { StreamTask } from '../task/stream-task.js';
import type { ChangelogPartition } from '../task/task-stores.js';

/** Progress of one store's restore (also the final report, with `done: true`). */
export interface RestoreProgress {
  readonly taskId: string;
  readonly storeName: string;
  readonly topic: string;
  readonly partition: number;
  /** First changelog offset read. */
  readonly startOffset: number;
  /** The end to reach (exclusive). */
  readonly endOffset: number;
  /** Records applied so far. */
  readonly restored: number;
  /** Offsets to read (`endOffset - startOffset`); compaction, markers and aborted records make it an upper bound. */
  readonly total: number;
  readonly done: boolean;
}

export interface RestoreDeps {
  readonly applicationId: string;
  readonly client: KafkaClientPort;
  readonly admin: AdminPort;
  readonly logger: Logger;
  readonly onProgress?: (progress: RestoreProgress) => void;
  /** Minimum time between progress logs and events per store. Default 1000 ms. */
  readonly progressIntervalMs?: number;
}

interface Plan {
  readonly task: StreamTask;
  readonly changelog: ChangelogPartition;
  readonly from: number;
  readonly end: number;
  restored: number;
  position: number;
  lastReport: number;
}

/**
 * Restores every store with a changelog of these tasks, with one reader for all of them (joining a reader's
 * group costs a round of group protocol, so one per assignment rather than one per task). Resolves when every
 * changelog partition reached its end offset.
 */
export async function restoreTasks(tasks: readonly StreamTask[], deps: RestoreDeps): Promise<RestoreProgress[]> {
  const changelogs = tasks.flatMap((task) => task.stores.changelogs.map((changelog) => ({ task, changelog })));
  if (changelogs.length === 0) return [];
  const tps = changelogs.map(({ changelog: c }) => ({ topic: c.topic, partition: c.partition }));
  const sourceTps = changelogs.filter(({ changelog: c }) => c.isSource).map(({ changelog: c }) => ({ topic: c.topic, partition: c.partition }));
  const [begins, ends, committed] = await Promise.all([
    deps.admin.beginningOffsets(tps),
    deps.admin.endOffsets(tps),
    sourceTps.length > 0 ? deps.admin.committedOffsets(deps.applicationId, sourceTps) : new Map<string, number>(),
  ]);
  const plans: Plan[] = changelogs.map(({ task, changelog: c }) => {
    const key = partitionKey(c.topic, c.partition);
    const begin = begins.get(key) ?? 0;
    // A source topic serving as changelog is restored up to the committed input offset: the task processes
    // (and puts) the records after it itself.
    const end = c.isSource ? Math.min(ends.get(key) ?? 0, committed.get(key) ?? begin) : (ends.get(key) ?? 0);
    const from = startOffset(task, c, begin, end, deps.logger);
    return { task, changelog: c, from, end, restored: 0, position: from, lastReport: 0 };
  });
  const todo = plans.filter((p) => p.from < p.end);
  const started = Date.now();
  for (const p of todo) {
    deps.logger.info(
      { taskId: p.task.id, store: p.changelog.storeName, changelog: `${p.changelog.topic}-${p.changelog.partition}`, from: p.from, end: p.end },
      `restoring state store ${p.changelog.storeName} of task ${p.task.id} from ${p.changelog.topic}-${p.changelog.partition} offsets ${p.from}..${p.end - 1} (up to ${p.end - p.from} records)`,
    );
    report(p, deps, false);
  }
  if (todo.length > 0) await readAll(todo, deps);
  const ms = Date.now() - started;
  for (const p of todo) {
    deps.logger.info(
      { taskId: p.task.id, store: p.changelog.storeName, restored: p.restored, ms },
      `restored ${p.restored} records into state store ${p.changelog.storeName} of task ${p.task.id} in ${ms} ms (${Math.round((p.restored * 1000) / Math.max(1, ms))} records/s)`,
    );
  }
  return plans.map((p) => report(p, deps, true));
}

/** Where to start: after the local checkpoint if it is trustworthy; else wipe and start at the beginning. */
function startOffset(task: StreamTask, c: ChangelogPartition, begin: number, end: number, logger: Logger): number {
  const checkpoint = task.stores.checkpointedOffset(c.storeName);
  if (checkpoint === undefined) {
    task.stores.wipe(c.storeName);
    return begin;
  }
  if (checkpoint >= end || checkpoint + 1 < begin) {
    logger.warn(
      { store: c.storeName, checkpoint, begin, end },
      `local state of store ${c.storeName} (task ${task.id}) is at changelog offset ${checkpoint}, outside ${c.topic}-${c.partition} [${begin}, ${end}); wiping it and restoring from the changelog`,
    );
    task.stores.wipe(c.storeName);
    return begin;
  }
  return checkpoint + 1;
}

async function readAll(plans: Plan[], deps: RestoreDeps): Promise<void> {
  const logger = deps.logger;
  const byPartition = new Map(plans.map((p) => [partitionKey(p.changelog.topic, p.changelog.partition), p]));
  const reader = deps.client.partitionReader();
  let remaining = plans.length;
  try {
    await new Promise<void>((resolve, reject) => {
      const advance = (p: Plan, next: number) => {
        if (p.position >= p.end) return;
        p.position = next;
        if (next >= p.end) {
          remaining--;
          if (remaining === 0) resolve();
        } else if (Date.now() - p.lastReport >= (deps.progressIntervalMs ?? 1000)) {
          report(p, deps, false);
          logger.info({ taskId: p.task.id, store: p.changelog.storeName, restored: p.restored, position: next, end: p.end }, 'restoring');
        }
      };
      reader
        .start(
          plans.map((p) => ({ topic: p.changelog.topic, partition: p.changelog.partition, from: p.from })),
          {
            onBatch: (batch) => {
              const p = byPartition.get(partitionKey(batch.topic, batch.partition));
              if (!p || p.position >= p.end) return;
              const records: ChangelogRecord[] = [];
              for (const r of batch.records) {
                if (r.offset >= p.end) break;
                if (r.key === null) continue; // a changelog record always has a key; nothing to apply
                records.push({ key: r.key, value: r.value, offset: r.offset, timestamp: r.timestamp });
              }
              if (records.length > 0) {
                p.task.stores.restoreBatch(p.changelog.storeName, records);
                p.restored += records.length;
              }
            },
            onProgress: (topic, partition, next) => {
              const p = byPartition.get(partitionKey(topic, partition));
              if (p) advance(p, next);
            },
            onCrash: reject,
          },
        )
        .catch(reject);
    });
  } finally {
    await reader.close().catch((e: unknown) => logger.warn({ err: e }, 'closing the restore reader failed'));
  }
}

function report(p: Plan, deps: RestoreDeps, done: boolean): RestoreProgress {
  p.lastReport = Date.now();
  const progress: RestoreProgress = {
    taskId: p.task.id,
    storeName: p.changelog.storeName,
    topic: p.changelog.topic,
    partition: p.changelog.partition,
    startOffset: p.from,
    endOffset: p.end,
    restored: p.restored,
    total: Math.max(0, p.end - p.from),
    done,
  };
  deps.onProgress?.(progress);
  return progress;
}
