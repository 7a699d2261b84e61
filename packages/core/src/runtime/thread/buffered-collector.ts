// The runtime's record collector for one task (exactly_once) or one thread (at_least_once): sinks call `send`
// synchronously; records go out in batches, one batch after another (so their order holds), and `flush`
// waits until every record sent so far is acknowledged. Nothing on the per-record path awaits.
import type { WrittenOffset } from '../../client/kafka-client.js';
import type { RecordCollector } from '../task/record-collector.js';
import type { OutgoingRecord } from '../../record/outgoing-record.js';

export class BufferedCollector implements RecordCollector {
  private buffer: OutgoingRecord[] = [];
  private tail: Promise<void> = Promise.resolve();
  private failure: unknown = undefined;
  private pending = 0;
  private readonly written = new Map<string, number>();

  constructor(
    private readonly sendBatch: (records: readonly OutgoingRecord[]) => Promise<readonly WrittenOffset[] | void>,
    private readonly partitionCount: (topic: string) => number | undefined,
    /** Records buffered before a batch goes out without waiting for the commit. */
    private readonly batchSize = 1000,
  ) {}

  send(record: OutgoingRecord): void {
    this.buffer.push(record);
    if (this.buffer.length >= this.batchSize) this.dispatch();
  }

  partitionsFor(topic: string): number | undefined {
    return this.partitionCount(topic);
  }

  writtenOffset(topic: string, partition: number): number | undefined {
    return this.written.get(`${topic}\u0000${partition}`);
  }

  private noteWritten(o: WrittenOffset): void {
    const k = `${o.topic}\u0000${o.partition}`;
    const prev = this.written.get(k);
    if (prev === undefined || o.offset > prev) this.written.set(k, o.offset);
  }

  /** Records not yet acknowledged (buffered or in flight). */
  get unacknowledged(): number {
    return this.buffer.length + this.pending;
  }

  /** Starts sending what is buffered, after the batches already in flight. */
  dispatch(): void {
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    this.pending += batch.length;
    this.tail = this.tail.then(async () => {
      try {
        if (this.failure === undefined) {
          const offsets = await this.sendBatch(batch);
          if (offsets) for (const o of offsets) this.noteWritten(o);
        }
      } catch (e) {
        this.failure ??= e;
      } finally {
        this.pending -= batch.length;
      }
    });
  }

  /** Sends what is buffered and waits for every acknowledgement; throws the first send failure. */
  async flush(): Promise<void> {
    this.dispatch();
    await this.tail;
    if (this.failure !== undefined) {
      const e = this.failure;
      this.failure = undefined;
      throw e;
    }
  }

  /** Forgets buffered records and a pending failure (after an abort: they will be produced again). */
  async discard(): Promise<void> {
    this.buffer = [];
    await this.tail;
    this.failure = undefined;
  }
}
