// A task's input partitions, as Kafka Streams' PartitionGroup: one record queue per partition, which queue to
// process next (the smallest head timestamp, once InputReadiness says an empty partition has nothing older on its
// way), and the consumed offsets the task has not committed yet.
import type { Logger } from 'pino';
import { partitionKey, type ConsumedOffset, type TopicPartition } from '../../record/topic-partition.js';
import type { InputRecord } from '../../record/input-record.js';
import { TopologyError } from '../../errors.js';
import type { Clock } from './clock.js';
import { RecordQueue, type RecordDeserializer } from './record-queue.js';
import { InputReadiness } from './input-readiness.js';
import { encodeTopicPartitionMetadata } from './topic-partition-metadata.js';

/** How long a task waits for a lagging input partition before it processes without it (logged as a warning). */
const MAX_LAG_WAIT_MS = 30_000;

export class PartitionGroup<S> {
  readonly queues: RecordQueue[] = [];
  private readonly byPartition = new Map<string, RecordQueue>();
  private readonly sources = new Map<RecordQueue, S>();
  private readonly committed = new Map<RecordQueue, number>();
  private readonly readiness: InputReadiness;

  constructor(
    private readonly taskId: string,
    clock: Clock,
    logger: Logger,
    maxTaskIdleMs: number,
  ) {
    this.readiness = new InputReadiness(clock, logger, maxTaskIdleMs, MAX_LAG_WAIT_MS);
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

  /**
   * The consumer's fetch position of a partition moved (also past records a read_committed fetch filtered), and,
   * when given, the partition's end offset as that fetch saw it.
   */
  notePosition(topic: string, partition: number, nextOffset: number, endOffset?: number): void {
    const q = this.queueOf(topic, partition);
    if (q === undefined) return;
    if (nextOffset > q.fetchPosition) q.fetchPosition = nextOffset;
    if (endOffset !== undefined && endOffset > q.endOffset) q.endOffset = endOffset;
  }

  /** Times the task processed while an empty input's idle time had run out (Kafka Streams' enforced processing). */
  get enforcedProcessingTotal(): number {
    return this.readiness.enforcedProcessingTotal;
  }

  /** While the task waits for an empty input with records buffered: when the wait may end by itself. */
  idleDeadline(): number | undefined {
    return this.readiness.nextDeadline(this.queues);
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

  /** The queue whose head has the smallest timestamp, unless the task waits for an empty input (InputReadiness). */
  nextQueue(): RecordQueue | undefined {
    if (!this.readiness.ready(this.queues)) return undefined;
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

  /**
   * The offsets to commit: for each partition that advanced (`all`: that consumed anything), last consumed + 1,
   * each with its partition time and the task's processor metadata (Kafka Streams' TopicPartitionMetadata).
   */
  consumedOffsets(processorMetadata: ReadonlyMap<string, number>, all = false): ConsumedOffset[] {
    const out: ConsumedOffset[] = [];
    for (const q of this.queues) {
      if (q.lastConsumedOffset >= 0 && (all || this.committed.get(q) !== q.lastConsumedOffset)) {
        const metadata = encodeTopicPartitionMetadata(q.partitionTime, processorMetadata);
        out.push({ topic: q.topic, partition: q.partition, offset: q.lastConsumedOffset + 1, metadata });
      }
    }
    return out;
  }

  /** A committed partition time (from TopicPartitionMetadata) for a partition the task starts reading. */
  restorePartitionTime(topic: string, partition: number, partitionTime: number): void {
    const q = this.queueOf(topic, partition);
    if (q && partitionTime > q.partitionTime) q.partitionTime = partitionTime;
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
