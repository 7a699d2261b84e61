// A recording fake of the Kafka client port, for broker-free tests of the runtime's protocols (start, commit,
// rebalance). It answers like an empty cluster and writes every call to `calls` in order, so a test can assert
// what happened before what (e.g. that a task's producer fenced before the thread read committed offsets). A
// test can hold an admin call (`hold`) to interleave rebalances with a task start, or make a call fail (`fail`).
// Runtime claims themselves are proven against the real broker (test/integration); this proves the ordering.
import type {
  AdminPort,
  FetchedBatch,
  GroupConsumerHandlers,
  GroupConsumerOptions,
  GroupConsumerPort,
  GroupMetadata,
  KafkaClientPort,
  PartitionReaderHandlers,
  PartitionReaderPort,
  ProducerPort,
  TopicSpec,
  TransactionalProducerPort,
  WrittenOffset,
} from '../../src/client/kafka-client.js';
import type { OutgoingRecord } from '../../src/record/outgoing-record.js';
import type { ConsumedOffset, TopicPartition } from '../../src/record/topic-partition.js';

const tp = (p: TopicPartition) => `${p.topic}-${p.partition}`;
const list = (ps: readonly TopicPartition[]) => ps.map(tp).join(',');

export class FakeKafkaClient implements KafkaClientPort {
  readonly calls: string[] = [];
  /** Partition counts of the fake cluster's topics. */
  readonly topics = new Map<string, number>();
  /** Committed group offsets, by `topic-partition`. */
  readonly committed = new Map<string, number>();
  /** The metadata committed with each offset (`topic-partition`). */
  readonly committedMetadata = new Map<string, string>();
  readonly sent: OutgoingRecord[] = [];
  consumer: FakeGroupConsumer | undefined;
  private readonly held = new Map<string, { release: () => void; promise: Promise<void> }>();
  private readonly failures = new Map<string, Error>();

  /** The next call named `name` (e.g. `admin.committedOffsets`) waits until the returned function is called. */
  hold(name: string): () => void {
    let release!: () => void;
    const promise = new Promise<void>((r) => (release = r));
    this.held.set(name, { release, promise });
    return release;
  }

  /** The next call named `name` (e.g. `producer.commitTransaction`) throws `error`. */
  fail(name: string, error: Error): void {
    this.failures.set(name, error);
  }

  /** Records a call; waits if it is held; throws if it is set to fail. */
  async call(name: string, detail = ''): Promise<void> {
    this.calls.push(detail ? `${name} ${detail}` : name);
    const held = this.held.get(name);
    if (held) {
      this.held.delete(name);
      await held.promise;
    }
    const failure = this.failures.get(name);
    if (failure) {
      this.failures.delete(name);
      throw failure;
    }
  }

  async admin(): Promise<AdminPort> {
    return new FakeAdmin(this);
  }

  producer(): ProducerPort {
    return new FakeProducer(this);
  }

  transactionalProducer(options: { readonly transactionalId: string }): TransactionalProducerPort {
    return new FakeTransactionalProducer(this, options.transactionalId);
  }

  groupConsumer(options: GroupConsumerOptions): GroupConsumerPort {
    this.consumer = new FakeGroupConsumer(this, options);
    return this.consumer;
  }

  partitionReader(): PartitionReaderPort {
    return new FakePartitionReader(this);
  }

  /** `[{ topic, partition, offset }]` of the records it acknowledged. */
  written(records: readonly OutgoingRecord[]): WrittenOffset[] {
    return records.map((r, i) => ({ topic: r.topic, partition: r.partition ?? 0, offset: this.sent.length - records.length + i }));
  }
}

class FakeAdmin implements AdminPort {
  constructor(private readonly c: FakeKafkaClient) {}

  async createTopics(topics: readonly TopicSpec[]): Promise<string[]> {
    await this.c.call('admin.createTopics', topics.map((t) => t.name).join(','));
    const created = topics.filter((t) => !this.c.topics.has(t.name));
    for (const t of created) this.c.topics.set(t.name, t.numPartitions);
    return created.map((t) => t.name);
  }

  async partitionCounts(topics: readonly string[]): Promise<Map<string, number>> {
    return new Map(topics.flatMap((t) => (this.c.topics.has(t) ? [[t, this.c.topics.get(t)!] as const] : [])));
  }

  async listTopics(): Promise<string[]> {
    return [...this.c.topics.keys()];
  }

  async committedOffsets(groupId: string, partitions: readonly TopicPartition[]): Promise<Map<string, number>> {
    await this.c.call('admin.committedOffsets', list(partitions));
    const out = new Map<string, number>();
    for (const p of partitions) {
      const offset = this.c.committed.get(tp(p));
      if (offset !== undefined) out.set(`${p.topic}\u0000${p.partition}`, offset);
    }
    return out;
  }

  async committedMetadata(_groupId: string, partitions: readonly TopicPartition[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const p of partitions) {
      const metadata = this.c.committedMetadata.get(tp(p));
      if (metadata) out.set(`${p.topic}\u0000${p.partition}`, metadata);
    }
    return out;
  }

  async endOffsets(partitions: readonly TopicPartition[]): Promise<Map<string, number>> {
    return new Map(partitions.map((p) => [`${p.topic}\u0000${p.partition}`, 0]));
  }

  async beginningOffsets(partitions: readonly TopicPartition[]): Promise<Map<string, number>> {
    return new Map(partitions.map((p) => [`${p.topic}\u0000${p.partition}`, 0]));
  }

  async deleteTopics(): Promise<void> {}
  async deleteGroup(): Promise<void> {}
  async close(): Promise<void> {}
}

class FakeProducer implements ProducerPort {
  constructor(private readonly c: FakeKafkaClient) {}

  async connect(): Promise<void> {}

  async send(records: readonly OutgoingRecord[]): Promise<readonly WrittenOffset[]> {
    await this.c.call('producer.send', String(records.length));
    this.c.sent.push(...records);
    return this.c.written(records);
  }

  async close(): Promise<void> {}
}

class FakeTransactionalProducer implements TransactionalProducerPort {
  inTransaction = false;

  constructor(
    private readonly c: FakeKafkaClient,
    readonly transactionalId: string,
  ) {}

  async connect(): Promise<void> {}

  async initTransactions(): Promise<void> {
    await this.c.call('producer.initTransactions', this.transactionalId);
  }

  async beginTransaction(): Promise<void> {
    await this.c.call('producer.beginTransaction', this.transactionalId);
    this.inTransaction = true;
  }

  async send(records: readonly OutgoingRecord[]): Promise<readonly WrittenOffset[]> {
    await this.c.call('producer.send', `${this.transactionalId} ${records.length}`);
    this.c.sent.push(...records);
    return this.c.written(records);
  }

  async sendOffsets(offsets: readonly ConsumedOffset[], group: GroupMetadata): Promise<void> {
    const member = `${group.groupId}/${group.memberId}@${group.generationId}`;
    await this.c.call('producer.sendOffsets', `${this.transactionalId} ${offsets.map((o) => `${o.topic}-${o.partition}@${o.offset}`).join(',')} ${member}`);
  }

  async commitTransaction(): Promise<void> {
    await this.c.call('producer.commitTransaction', this.transactionalId);
    this.inTransaction = false;
  }

  async abortTransaction(): Promise<void> {
    const open = this.inTransaction;
    this.inTransaction = false;
    if (open) await this.c.call('producer.abortTransaction', this.transactionalId);
  }

  async close(): Promise<void> {}
}

export class FakeGroupConsumer implements GroupConsumerPort {
  handlers: GroupConsumerHandlers | undefined;
  readonly paused = new Set<string>();
  private generationId = -1;

  constructor(
    private readonly c: FakeKafkaClient,
    readonly options: GroupConsumerOptions,
  ) {}

  async start(_topics: readonly string[], handlers: GroupConsumerHandlers): Promise<void> {
    this.handlers = handlers;
  }

  groupMetadata(): GroupMetadata {
    return { groupId: this.options.groupId, generationId: this.generationId, memberId: 'member-1' };
  }

  /** A new generation, as the kafkajs adapter delivers it: its partitions paused until the runtime resumes them. */
  assign(partitions: readonly TopicPartition[], generationId: number): Promise<void> {
    this.generationId = generationId;
    this.pause(partitions);
    return this.handlers!.onAssign({ partitions, generationId });
  }

  /** Delivers records as a fetch would (only to partitions that are not paused). */
  deliver(batch: FetchedBatch): Promise<void> {
    if (this.paused.has(tp(batch))) throw new Error(`fake consumer: ${tp(batch)} is paused`);
    return this.handlers!.onBatch(batch);
  }

  async commitOffsets(offsets: readonly ConsumedOffset[]): Promise<void> {
    await this.c.call('consumer.commitOffsets', offsets.map((o) => `${o.topic}-${o.partition}@${o.offset}`).join(','));
    for (const o of offsets) {
      this.c.committed.set(`${o.topic}-${o.partition}`, o.offset);
      if (o.metadata !== undefined) this.c.committedMetadata.set(`${o.topic}-${o.partition}`, o.metadata);
    }
  }

  pause(partitions: readonly TopicPartition[]): void {
    for (const p of partitions) this.paused.add(tp(p));
  }

  resume(partitions: readonly TopicPartition[]): void {
    this.c.calls.push(`consumer.resume ${list(partitions)}`);
    for (const p of partitions) this.paused.delete(tp(p));
  }

  seek(partition: TopicPartition, offset: number): void {
    this.c.calls.push(`consumer.seek ${tp(partition)}@${offset}`);
  }

  async close(): Promise<void> {}
}

/** Reads nothing: every partition is at its end (empty changelogs), which it reports at once. */
class FakePartitionReader implements PartitionReaderPort {
  constructor(private readonly c: FakeKafkaClient) {}

  async start(partitions: ReadonlyArray<TopicPartition & { readonly from: number }>, handlers: PartitionReaderHandlers): Promise<void> {
    await this.c.call('reader.start', list(partitions));
    for (const p of partitions) handlers.onProgress?.(p.topic, p.partition, p.from);
  }

  async close(): Promise<void> {}
}
