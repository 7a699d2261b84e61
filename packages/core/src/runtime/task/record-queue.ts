// The buffered input of one partition of a task. The head is deserialized (and time-stamped) when it becomes
// the head, so the task can pick the partition with the smallest head timestamp next.
import type { InputRecord, StampedRecord } from '../../record/input-record.js';

/** Deserializes and stamps a record; undefined when its handler dropped it, null when its timestamp is invalid. */
export type RecordDeserializer = (raw: InputRecord, partitionTime: number) => StampedRecord | undefined | null;

export class RecordQueue {
  private buffer: InputRecord[] = [];
  private pos = 0;
  private headRecord: StampedRecord | undefined = undefined;
  /** Largest timestamp seen on this partition (-1 before the first). */
  partitionTime = -1;
  /** Offset of the last record taken or skipped; -1 before the first. */
  lastConsumedOffset = -1;
  /** The next offset the consumer will fetch, as far as the queue knows (-1: unknown). */
  fetchPosition = -1;
  /**
   * The partition's end offset as last fetched (read_committed: the last stable offset; -1: unknown). Records
   * between `fetchPosition` and it are on the broker but not fetched yet (InputReadiness waits for them).
   */
  endOffset = -1;
  /** Records the deserialization handler dropped (skipped or sent to a dead-letter topic). */
  droppedCount = 0;
  /** Records skipped because their extracted timestamp was negative. */
  invalidTimestampCount = 0;

  constructor(
    readonly topic: string,
    readonly partition: number,
    private readonly deserialize: RecordDeserializer,
  ) {}

  add(records: readonly InputRecord[]): void {
    if (this.pos > 0 && this.pos === this.buffer.length) {
      this.buffer = [];
      this.pos = 0;
    }
    for (let i = 0; i < records.length; i++) this.buffer.push(records[i]!);
    const next = records.length > 0 ? records[records.length - 1]!.offset + 1 : -1;
    if (next > this.fetchPosition) this.fetchPosition = next;
  }

  /** Records buffered, counting the head. */
  get size(): number {
    return this.buffer.length - this.pos + (this.headRecord ? 1 : 0);
  }

  /** The next record to process, deserialized; skips (and consumes) records the handler dropped. */
  head(): StampedRecord | undefined {
    while (this.headRecord === undefined && this.pos < this.buffer.length) {
      const raw = this.buffer[this.pos++]!;
      const stamped = this.deserialize(raw, this.partitionTime);
      if (stamped === undefined || stamped === null) {
        this.lastConsumedOffset = raw.offset;
        if (stamped === undefined) this.droppedCount++;
        else this.invalidTimestampCount++;
      } else this.headRecord = stamped;
    }
    return this.headRecord;
  }

  /** Takes the head (call `head()` first). */
  poll(): StampedRecord | undefined {
    const r = this.head();
    if (r) {
      this.headRecord = undefined;
      this.lastConsumedOffset = r.raw.offset;
      if (r.timestamp > this.partitionTime) this.partitionTime = r.timestamp;
    }
    return r;
  }

  /** Drops everything buffered (the task is closing or its partition was revoked). */
  clear(): void {
    this.buffer = [];
    this.pos = 0;
    this.headRecord = undefined;
  }
}
