// Where sinks put serialized records. The runtime's collector buffers them for the producer and flushes at
// commit; the test driver's appends them to in-memory topics. `send` never blocks or awaits.
import type { OutgoingRecord } from '../../record/outgoing-record.js';

export interface RecordCollector {
  send(record: OutgoingRecord): void;
  /** The topic's partition count if known (for custom partitioners), else undefined. */
  partitionsFor(topic: string): number | undefined;
  /**
   * The offset of the last record this collector wrote to a partition and saw acknowledged (changelog offsets
   * for persistent stores' checkpoints). May be lower than the true last offset, never higher; undefined if none.
   */
  writtenOffset(topic: string, partition: number): number | undefined;
}
