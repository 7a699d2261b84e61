// ProducerPort (idempotent, at_least_once) and TransactionalProducerPort (one per task, exactly_once) on kafkajs.
import type { Producer, Transaction } from 'kafkajs';
import type { OutgoingRecord } from '../../record/outgoing-record.js';
import type { ConsumedOffset } from '../../record/topic-partition.js';
import { ProducerFencedError } from '../client-errors.js';
import type { GroupMetadata, ProducerPort, TransactionalProducerPort, WrittenOffset } from '../kafka-client.js';
import { isFenced, retryConcurrentTransactions } from './kafkajs-errors.js';
import { toTopicMessages } from './message-conversion.js';
import { writtenOffsets } from './written-offsets.js';
import type { KafkajsSendOptions } from './kafkajs-settings.js';

export class KafkajsProducer implements ProducerPort {
  constructor(
    private readonly producer: Producer,
    private readonly sendOptions: KafkajsSendOptions,
  ) {}

  connect(): Promise<void> {
    return this.producer.connect();
  }

  async send(records: readonly OutgoingRecord[]): Promise<WrittenOffset[]> {
    if (records.length === 0) return [];
    return writtenOffsets(records, await this.producer.sendBatch({ topicMessages: toTopicMessages(records), acks: -1, ...this.sendOptions }));
  }

  close(): Promise<void> {
    return this.producer.disconnect();
  }
}

/**
 * kafkajs initializes the producer id (and so fences older producers) at the first `transaction()`, not at
 * `connect()`. `initTransactions()` therefore begins and aborts an empty transaction. After a fencing error the
 * kafkajs producer cannot be used again: close it and make a new one.
 *
 * A commit that fails for another reason (the broker unreachable, a coordinator error) leaves the transaction
 * open on the broker, and the kafkajs producer stuck in state COMMITTING: kafkajs 2.2.4 allows `abort()` only in
 * TRANSACTING (`producer/eosManager/index.js:453-460`), `isActive()` is false, and `transaction()` and
 * `initProducerId` are refused too. So `abortTransaction()` then replaces the kafkajs producer with a new one
 * of the same transactional id: its `InitProducerId` bumps the epoch, and the coordinator aborts the open
 * transaction before it answers. (If the broker did receive the failed commit, it completes that commit first.)
 * The same applies when an abort fails without fencing. See docs/kafkajs-findings.md §8.
 */
export class KafkajsTransactionalProducer implements TransactionalProducerPort {
  private producer: Producer;
  /** The open transaction; kept after a commit or abort that failed without fencing, until it is ended. */
  private txn: Transaction | undefined;

  /** `createProducer` makes a kafkajs producer with this transactional id; called again to replace a stuck one. */
  constructor(
    private readonly createProducer: () => Producer,
    readonly transactionalId: string,
    private readonly sendOptions: KafkajsSendOptions,
  ) {
    this.producer = createProducer();
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  async initTransactions(): Promise<void> {
    if (this.stuck()) {
      await this.replaceProducer();
      return;
    }
    await this.guard(async () => {
      const t = await this.producer.transaction();
      await t.abort();
    });
  }

  async beginTransaction(): Promise<void> {
    this.txn = await this.guard(() => this.producer.transaction());
  }

  /** True from `beginTransaction` until a commit or abort succeeds (or fencing ends the transaction). */
  get inTransaction(): boolean {
    return this.txn !== undefined;
  }

  async send(records: readonly OutgoingRecord[]): Promise<WrittenOffset[]> {
    if (records.length === 0) return [];
    const txn = this.open();
    return writtenOffsets(records, await this.guard(() => txn.sendBatch({ topicMessages: toTopicMessages(records), acks: -1, ...this.sendOptions })));
  }

  /**
   * kafkajs sends TxnOffsetCommit with the group id only (it has no way to pass a member id or generation), so
   * the group metadata's other fields are not sent: the broker cannot fence by membership (docs/compatibility.md).
   */
  async sendOffsets(offsets: readonly ConsumedOffset[], group: GroupMetadata): Promise<void> {
    if (offsets.length === 0) return;
    const txn = this.open();
    // kafkajs' types leave out `metadata`, but its TxnOffsetCommit request writes it.
    const byTopic = new Map<string, Array<{ partition: number; offset: string; metadata: string | null }>>();
    for (const o of offsets) {
      let list = byTopic.get(o.topic);
      if (!list) byTopic.set(o.topic, (list = []));
      list.push({ partition: o.partition, offset: String(o.offset), metadata: o.metadata ?? null });
    }
    const topics = [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
    await this.guard(() => retryConcurrentTransactions(() => txn.sendOffsets({ consumerGroupId: group.groupId, topics })));
  }

  /**
   * On a fencing error the transaction is over (the newer producer aborted it). On any other error it stays open
   * (`inTransaction` remains true) until `abortTransaction()`.
   */
  async commitTransaction(): Promise<void> {
    const txn = this.open();
    try {
      await this.guard(() => txn.commit());
      this.txn = undefined;
    } catch (e) {
      if (e instanceof ProducerFencedError) this.txn = undefined;
      throw e;
    }
  }

  async abortTransaction(): Promise<void> {
    const txn = this.txn;
    if (!txn) return;
    if (txn.isActive()) {
      try {
        await this.guard(() => txn.abort());
        this.txn = undefined;
        return;
      } catch (e) {
        if (e instanceof ProducerFencedError) {
          this.txn = undefined;
          throw e;
        }
        // kafkajs is now stuck in ABORTING; a new producer ends the transaction.
      }
    }
    await this.replaceProducer();
  }

  close(): Promise<void> {
    this.txn = undefined;
    return this.producer.disconnect();
  }

  /** kafkajs can no longer end the open transaction: a commit or abort of it failed without fencing. */
  private stuck(): boolean {
    return this.txn !== undefined && !this.txn.isActive();
  }

  /**
   * Ends the open transaction through a new kafkajs producer with the same transactional id, whose
   * `InitProducerId` makes the coordinator abort it (or finish a commit it had received). On failure the
   * transaction stays open, and the next `abortTransaction()` tries again with another new producer.
   * kafkajs sends InitProducerId v0/v1, without the current epoch: had a newer owner already fenced this
   * producer, the replacement would fence that owner in turn (docs/kafkajs-findings.md §8, "A risk left").
   */
  private async replaceProducer(): Promise<void> {
    await this.producer.disconnect().catch(() => {});
    const producer = this.createProducer();
    this.producer = producer;
    await producer.connect();
    await this.guard(async () => {
      const t = await producer.transaction();
      await t.abort();
    });
    this.txn = undefined;
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
