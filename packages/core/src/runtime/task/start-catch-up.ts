// A new task reading several partitions waits, before it processes, until each of them has buffered records
// or has been fetched up to the end offset it had when the task started: as Kafka Streams waits for empty
// partitions that lag, so the table side of a join is read before the stream side runs ahead. Only at start,
// and at most `maxWaitMs` (then it logs and stops waiting).
import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import type { RecordQueue } from './record-queue.js';

export class StartCatchUp {
  private readonly lagging = new Map<RecordQueue, number>();
  private deadline = 0;

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  get waiting(): boolean {
    return this.lagging.size > 0;
  }

  /** `targets`: each queue and its partition's end offset at start. */
  start(targets: ReadonlyArray<{ readonly queue: RecordQueue; readonly end: number }>, maxWaitMs: number): void {
    for (const { queue, end } of targets) if (end > Math.max(queue.fetchPosition, 0)) this.lagging.set(queue, end);
    this.deadline = this.clock.now() + maxWaitMs;
  }

  /** False while a partition with nothing buffered still lags behind its end offset at start. */
  caughtUp(): boolean {
    for (const [q, end] of this.lagging) {
      if (q.fetchPosition >= end) this.lagging.delete(q);
      else if (q.size === 0) {
        if (this.clock.now() < this.deadline) return false;
        this.logger.warn(
          { lagging: [...this.lagging].map(([l, e]) => `${l.topic}-${l.partition}@${l.fetchPosition}/${e}`) },
          'processing before every input partition caught up with its end offset at start (waited too long)',
        );
        this.lagging.clear();
        return true;
      }
    }
    return true;
  }
}
