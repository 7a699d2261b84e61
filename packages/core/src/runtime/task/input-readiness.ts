// Whether a task that reads several partitions may process now, as Kafka Streams' PartitionGroup.readyToProcess
// (KIP-695): processing picks the buffered record with the smallest timestamp, which is only the right record if
// an empty partition has nothing older on its way. So, for each partition with nothing buffered:
//   - its end offset is unknown, or the broker has records past its fetch position (lag > 0): wait; they come
//     with the next fetch;
//   - it is caught up (lag 0): wait `maxTaskIdleMs` (wall clock) from when it was first seen empty and caught up
//     while other records waited, in case a record arrives, then process without it ("enforced processing",
//     counted). The wait is not renewed until the partition has had records again.
// `maxTaskIdleMs` -1 turns all waiting off. Kafka Streams waits for a lagging partition without limit; here a
// partition lagging longer than `maxLagWaitMs` is logged as a warning and processing goes on, so a wrong end
// offset can never stall a task silently.
import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import type { RecordQueue } from './record-queue.js';

/** A partition with nothing buffered that the task is waiting for. */
interface Waiting {
  /** Caught up: process without it at this time. */
  idleDeadline?: number;
  /** Lagging or of unknown end: since when. */
  laggingSince?: number;
  /** The lag wait ran out and was logged. */
  warned?: boolean;
}

export class InputReadiness {
  private readonly waiting = new Map<RecordQueue, Waiting>();
  /** Times the task processed while an empty partition's idle time had run out. */
  enforcedProcessingTotal = 0;
  private enforcing = false;

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly maxTaskIdleMs: number,
    private readonly maxLagWaitMs: number,
  ) {}

  /** True when the task may take its next record from `queues` now (false also when nothing is buffered). */
  ready(queues: readonly RecordQueue[]): boolean {
    if (queues.length < 2 || this.maxTaskIdleMs < 0) return true;
    // Idle time counts only while records wait: a quiet period with nothing buffered does not use it up (as in
    // Kafka Streams' driver, which asks only a task with queued records).
    if (!queues.some((q) => q.size > 0)) return false;
    let enforced = false;
    let now = -1;
    for (let i = 0; i < queues.length; i++) {
      const q = queues[i]!;
      if (q.size > 0) {
        if (this.waiting.size > 0) this.waiting.delete(q);
        continue;
      }
      if (now < 0) now = this.clock.now();
      let w = this.waiting.get(q);
      if (w === undefined) this.waiting.set(q, (w = {}));
      if (q.endOffset < 0 || q.fetchPosition < q.endOffset) {
        w.idleDeadline = undefined;
        w.laggingSince ??= now;
        if (now - w.laggingSince < this.maxLagWaitMs) return false;
        if (!w.warned) this.warnLagging(q, now - w.laggingSince);
        w.warned = true;
        enforced = true;
      } else {
        w.laggingSince = undefined;
        w.warned = undefined;
        w.idleDeadline ??= now + this.maxTaskIdleMs;
        if (now < w.idleDeadline) return false;
        enforced = true;
      }
    }
    if (enforced) {
      this.enforcedProcessingTotal++;
      if (!this.enforcing) this.logger.debug({ empty: this.describeWaiting() }, 'processing while some input partitions are empty (max task idle time passed)');
    }
    this.enforcing = enforced;
    return true;
  }

  /**
   * While records are buffered but the task waits: the earliest wall-clock time at which the waiting may end by
   * itself (for the thread's sleep). Undefined when nothing is buffered or nothing waits.
   */
  nextDeadline(queues: readonly RecordQueue[]): number | undefined {
    if (this.waiting.size === 0 || !queues.some((q) => q.size > 0)) return undefined;
    let next: number | undefined;
    for (const w of this.waiting.values()) {
      const at = w.idleDeadline ?? (w.laggingSince === undefined ? undefined : w.laggingSince + this.maxLagWaitMs);
      if (at !== undefined && (next === undefined || at < next)) next = at;
    }
    return next;
  }

  private warnLagging(q: RecordQueue, waitedMs: number): void {
    this.logger.warn(
      { topic: q.topic, partition: q.partition, fetchPosition: q.fetchPosition, endOffset: q.endOffset, waitedMs },
      `processing although ${q.topic}-${q.partition} has not been fetched up to its end offset ${q.endOffset} (at ${q.fetchPosition}) after ${waitedMs} ms`,
    );
  }

  private describeWaiting(): string[] {
    return [...this.waiting.keys()].map((q) => `${q.topic}-${q.partition}@${q.fetchPosition}/${q.endOffset}`);
  }
}
