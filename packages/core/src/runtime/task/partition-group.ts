// A task's input partitions, as Kafka Streams' PartitionGroup: one record queue per partition, which queue to
// process next (the smallest head timestamp, unless the task still waits for lagging inputs at start), and the
// consumed offsets the task has not committed yet.
import type { Logger } from 'pino';
import { partitionKey, type ConsumedOffset, type TopicPartition } from '../../record/topic-partition.js';
import type { InputRecord } from '../../record/input-record.js';
import { TopologyError } from '../../errors.js';
import type { Clock } from './clock.js';
import { RecordQueue, type RecordDeserializer } from './record-queue.js';
import { StartCatchUp } from './start-catch-up.js';

export class PartitionGroup<S> {
  readonly queues: RecordQueue[] = [];
  private readonly byPartition = new Map<string, RecordQueue>();
  private readonly sources = new Map<RecordQueue, S>();
  private readonly committed = new Map<RecordQueue, number>();
  private readonly catchUp: StartCatchUp;

  constructor(
    private readonly taskId: string,
    clock: Clock,
    logger: Logger,
  ) {
    this.catchUp = new StartCatchUp(clock, logger);
  }

  /** Adds a partition's queue, and the source it feeds. */
  add(tp: TopicPartition, deserializer: RecordDeserializer, source: S): void {
    const queue = new RecordQueue(tp.topic, tp.partition, deserializer);
    this.queues.push(queue);
    this.byPartition.set(partitionKey(tp.topic, tp.partition), queue);
    this.sources.set(queue, source);
  }

  queueOf(topic: string, partition: number): RecordQueue | undefined {
    return this.byPartition.get(partitionKey(topic, partition));
  }

  sourceOf(queue: RecordQueue): S {
    return this.sources.get(queue)!;
  }

  addRecords(topic: string, partition: number, records: readonly InputRecord[]): void {
    const queue = this.queueOf(topic, partition);
    if (!queue) throw new TopologyError(`task ${this.taskId} does not own ${topic}-${partition}`);
    queue.add(records);
  }

  /** Waits before processing until lagging partitions caught up with their end offsets (`StartCatchUp`). */
  waitForCatchUp(targets: ReadonlyArray<TopicPartition & { readonly end: number }>, maxWaitMs: number): void {
    if (this.queues.length < 2) return;
    const queues = targets.flatMap((t) => {
      const queue = this.queueOf(t.topic, t.partition);
      return queue ? [{ queue, end: t.end }] : [];
    });
    this.catchUp.start(queues, maxWaitMs);
  }

  /** The consumer's fetch position of a partition moved (also past records a read_committed fetch filtered). */
  notePosition(topic: string, partition: number, nextOffset: number): void {
    const q = this.queueOf(topic, partition);
    if (q && nextOffset > q.fetchPosition) q.fetchPosition = nextOffset;
  }

  /** Records buffered in all queues. */
  get bufferedCount(): number {
    let n = 0;
    for (const q of this.queues) n += q.size;
    return n;
  }

  /** Records the deserialization handler dropped, over all queues. */
  get droppedCount(): number {
    let n = 0;
    for (const q of this.queues) n += q.droppedCount;
    return n;
  }

  /** Records skipped for a negative extracted timestamp, over all queues. */
  get invalidTimestampCount(): number {
    let n = 0;
    for (const q of this.queues) n += q.invalidTimestampCount;
    return n;
  }

  /** The queue whose head has the smallest timestamp, unless the task waits for its inputs to catch up. */
  nextQueue(): RecordQueue | undefined {
    if (this.catchUp.waiting && !this.catchUp.caughtUp()) return undefined;
    let next: RecordQueue | undefined;
    let nextTs = Infinity;
    for (let i = 0; i < this.queues.length; i++) {
      const q = this.queues[i]!;
      const head = q.head();
      if (head !== undefined && head.timestamp < nextTs) {
        next = q;
        nextTs = head.timestamp;
      }
    }
    return next;
  }

  /** The last consumed offset of a partition, if it consumed one. */
  lastConsumed(topic: string, partition: number): number | undefined {
    const q = this.queueOf(topic, partition);
    return q === undefined || q.lastConsumedOffset < 0 ? undefined : q.lastConsumedOffset;
  }

  /** True when a partition consumed records since its last commit. */
  get advanced(): boolean {
    return this.queues.some((q) => q.lastConsumedOffset >= 0 && this.committed.get(q) !== q.lastConsumedOffset);
  }

  /** The offsets to commit: for each partition that advanced, last consumed + 1. */
  consumedOffsets(): ConsumedOffset[] {
    const out: ConsumedOffset[] = [];
    for (const q of this.queues) {
      if (q.lastConsumedOffset >= 0 && this.committed.get(q) !== q.lastConsumedOffset) {
        out.push({ topic: q.topic, partition: q.partition, offset: q.lastConsumedOffset + 1 });
      }
    }
    return out;
  }

  /** Records that these offsets (next to read) were committed. */
  markCommitted(offsets: readonly ConsumedOffset[]): void {
    for (const o of offsets) {
      const q = this.queueOf(o.topic, o.partition);
      if (q) this.committed.set(q, o.offset - 1);
    }
  }

  /** Drops every buffered record. */
  clear(): void {
    for (const q of this.queues) q.clear();
  }
}
