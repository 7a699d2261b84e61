// The test driver's record collector: keeps every produced record per topic, in order, as bytes, and hands
// records for topics the topology itself reads (repartition topics, or user topics read downstream) back to
// the driver to process.
import type { OutgoingRecord, RecordCollector } from '@kstreams/core/internal';

export interface CapturedRecord extends OutgoingRecord {
  readonly offset: number;
}

export class DriverCollector implements RecordCollector {
  private readonly topics = new Map<string, CapturedRecord[]>();
  private readonly offsets = new Map<string, number>();

  constructor(private readonly onSend: (record: CapturedRecord) => void) {}

  send(record: OutgoingRecord): void {
    const offset = this.offsets.get(record.topic) ?? 0;
    this.offsets.set(record.topic, offset + 1);
    const captured: CapturedRecord = { ...record, partition: 0, offset };
    let list = this.topics.get(record.topic);
    if (!list) this.topics.set(record.topic, (list = []));
    list.push(captured);
    this.onSend(captured);
  }

  writtenOffset(topic: string): number | undefined {
    const next = this.offsets.get(topic);
    return next === undefined ? undefined : next - 1;
  }

  /** The driver models every topic with one partition. */
  partitionsFor(): number {
    return 1;
  }

  /** Removes and returns the oldest unread record of a topic. */
  take(topic: string): CapturedRecord | undefined {
    return this.topics.get(topic)?.shift();
  }

  unread(topic: string): number {
    return this.topics.get(topic)?.length ?? 0;
  }

  topicNames(): string[] {
    return [...this.offsets.keys()];
  }
}
