// ProducerPort (idempotent, at_least_once) and TransactionalProducerPort (one per task, exactly_once) on kafkajs.
import type { Producer, Transaction } from 'kafkajs';
import type { OutgoingRecord } from '../../runtime/record-collector.js';
import type { ConsumedOffset } from '../../runtime/stream-task.js';
import { ProducerFencedError } from '../client-errors.js';
import type { ProducerPort, TransactionalProducerPort, WrittenOffset } from '../kafka-client.js';
import { isFenced, retryConcurrentTransactions } from './kafkajs-errors.js';
import { toTopicMessages } from './message-conversion.js';
import { writtenOffsets } from './written-offsets.js';

export class KafkajsProducer implements ProducerPort {
  constructor(private readonly producer: Producer) {}

  connect(): Promise<void> {
    return this.producer.connect();
  }

  async send(records: readonly OutgoingRecord[]): Promise<WrittenOffset[]> {
    if (records.length === 0) return [];
    return writtenOffsets(records, await this.producer.sendBatch({ topicMessages: toTopicMessages(records), acks: -1 }));
  }

  close(): Promise<void> {
    return this.producer.disconnect();
  }
}

/**
 * kafkajs initializes the producer id (and so fences older producers) at the first `transaction()`, not at
 * `connect()`. `initTransactions()` therefore begins and aborts an empty transaction. After a fencing error the
 * kafkajs producer cannot be used again: close it and make a new one.
 */
export class KafkajsTransactionalProducer implements TransactionalProducerPort {
  private txn: Transaction | undefined;

  constructor(
    private readonly producer: Producer,
    readonly transactionalId: string,
  ) {}

  connect(): Promise<void> {
    return this.producer.connect();
  }

  async initTransactions(): Promise<void> {
    await this.guard(async () => {
      const t = await this.producer.transaction();
      await t.abort();
    });
  }

  async beginTransaction(): Promise<void> {
    this.txn = await this.guard(() => this.producer.transaction());
  }

  get inTransaction(): boolean {
    return this.txn !== undefined;
  }

  async send(records: readonly OutgoingRecord[]): Promise<WrittenOffset[]> {
    if (records.length === 0) return [];
    const txn = this.open();
    return writtenOffsets(records, await this.guard(() => txn.sendBatch({ topicMessages: toTopicMessages(records), acks: -1 })));
  }

  async sendOffsets(groupId: string, offsets: readonly ConsumedOffset[]): Promise<void> {
    if (offsets.length === 0) return;
    const txn = this.open();
    const byTopic = new Map<string, Array<{ partition: number; offset: string }>>();
    for (const o of offsets) {
      let list = byTopic.get(o.topic);
      if (!list) byTopic.set(o.topic, (list = []));
      list.push({ partition: o.partition, offset: String(o.offset) });
    }
    const topics = [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
    await this.guard(() => retryConcurrentTransactions(() => txn.sendOffsets({ consumerGroupId: groupId, topics })));
  }

  async commitTransaction(): Promise<void> {
    const txn = this.open();
    this.txn = undefined;
    await this.guard(() => txn.commit());
  }

  async abortTransaction(): Promise<void> {
    const txn = this.txn;
    this.txn = undefined;
    if (txn?.isActive()) await this.guard(() => txn.abort());
  }

  close(): Promise<void> {
    this.txn = undefined;
    return this.producer.disconnect();
  }

  private open(): Transaction {
    if (!this.txn) throw new Error(`no open transaction on producer '${this.transactionalId}'`);
    return this.txn;
  }

  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (isFenced(e)) throw new ProducerFencedError(this.transactionalId, { cause: e });
      throw e;
    }
  }
}
