// The Kafka client port: what the runtime needs from a Kafka client, in our own types. The kafkajs adapter
// (client/kafkajs/) implements it; another client can be added beside it. No client library's types pass
// beyond client/.
import type { InputRecord } from '../record/input-record.js';
import type { OutgoingRecord } from '../record/outgoing-record.js';
import type { ConsumedOffset, TopicPartition } from '../record/topic-partition.js';

export interface TopicSpec {
  readonly name: string;
  readonly numPartitions: number;
  readonly replicationFactor?: number;
  readonly config?: Readonly<Record<string, string>>;
}

export interface AdminPort {
  /** Creates the topics that do not exist yet; existing ones are left alone. Returns the names it created. */
  createTopics(topics: readonly TopicSpec[]): Promise<string[]>;
  /** Partition counts of existing topics; a missing topic is absent from the map. */
  partitionCounts(topics: readonly string[]): Promise<Map<string, number>>;
  listTopics(): Promise<string[]>;
  /** The group's committed offsets for these partitions; absent when none is committed. */
  committedOffsets(groupId: string, partitions: readonly TopicPartition[]): Promise<Map<string, number>>;
  /** The metadata committed with the group's offsets for these partitions; absent when none or empty. */
  committedMetadata(groupId: string, partitions: readonly TopicPartition[]): Promise<Map<string, string>>;
  /**
   * End offsets as a read_committed reader sees them: the last stable offset (LSO) of each partition, which is
   * the high watermark unless a transaction is open, and then the first offset of the oldest open transaction.
   * A `PartitionReaderPort` (read_committed) reaches exactly these offsets, so a restore can wait for them.
   * (kafkajs: `admin.fetchTopicOffsets().high` comes from ListOffsets v2+ sent with isolation level
   * READ_COMMITTED, the request's default when the admin gives none; checked on the broker, see
   * docs/kafkajs-findings.md §7.)
   */
  endOffsets(partitions: readonly TopicPartition[]): Promise<Map<string, number>>;
  /** Earliest available offsets. */
  beginningOffsets(partitions: readonly TopicPartition[]): Promise<Map<string, number>>;
  deleteTopics(topics: readonly string[]): Promise<void>;
  deleteGroup(groupId: string): Promise<void>;
  close(): Promise<void>;
}


/** Where a send's last record landed in a partition (a lower bound when the client cannot tell exactly). */
export interface WrittenOffset {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

export interface ProducerPort {
  connect(): Promise<void>;
  /** Sends a batch and resolves when every record is acknowledged (acks=all). Outside a transaction. */
  send(records: readonly OutgoingRecord[]): Promise<readonly WrittenOffset[]>;
  close(): Promise<void>;
}

/**
 * A transactional producer (one per task under exactly_once). `initTransactions` fences any earlier producer
 * with the same transactional id and aborts its open transaction. Errors meaning "a newer producer took over"
 * are thrown as `ProducerFencedError`.
 */
export interface TransactionalProducerPort {
  readonly transactionalId: string;
  connect(): Promise<void>;
  initTransactions(): Promise<void>;
  beginTransaction(): Promise<void>;
  readonly inTransaction: boolean;
  /** Sends within the open transaction; resolves when acknowledged. */
  send(records: readonly OutgoingRecord[]): Promise<readonly WrittenOffset[]>;
  /**
   * Adds the consumed offsets to the open transaction, for the group the consumer is a member of (Kafka's
   * `sendOffsetsToTransaction(offsets, consumer.groupMetadata())`). With the member id and generation a broker
   * can fence a zombie by its group membership (KIP-447); an adapter whose client cannot send them commits by
   * group id only, which is safe when each task has its own transactional id (EOS v1).
   */
  sendOffsets(offsets: readonly ConsumedOffset[], group: GroupMetadata): Promise<void>;
  commitTransaction(): Promise<void>;
  abortTransaction(): Promise<void>;
  close(): Promise<void>;
}

/** A batch of fetched records of one partition. */
export interface FetchedBatch {
  readonly topic: string;
  readonly partition: number;
  readonly records: readonly InputRecord[];
}

/** Reads partitions from given offsets without a consumer group's offsets (Kafka's assign() + seek()). */
export interface PartitionReaderPort {
  /**
   * Reads each partition from its `from` offset. Records are delivered in order per partition, in batches.
   * read_committed: records of aborted transactions and transaction markers are skipped, but positions still
   * move past them, which `onProgress` reports. The reader keeps reading (and waiting for new records) until
   * `close()`; it never commits offsets.
   *
   * `from` should lie between the partition's beginning and end offsets. Below the beginning, reading starts
   * at the beginning. Beyond the high watermark, the broker answers OFFSET_OUT_OF_RANGE and the reader fails
   * through `onCrash` once records below `from` come back.
   * Resolves once the reader runs; the first `onProgress` of each partition (its `from`) follows when the
   * reader has joined its group.
   */
  start(partitions: ReadonlyArray<TopicPartition & { readonly from: number }>, handlers: PartitionReaderHandlers): Promise<void>;
  /** Stops reading; no handler is called after it resolves. */
  close(): Promise<void>;
}

export interface PartitionReaderHandlers {
  /** Records of one partition. The partition is not read further until this resolves. */
  onBatch(batch: FetchedBatch): void | Promise<void>;
  /**
   * The position of a partition moved (next offset to read), also past filtered records and control markers.
   * Called once per partition with its `from` when reading begins, then after each batch (after `onBatch`
   * resolved). A restore is complete when `nextOffset >= endOffset` (`AdminPort.endOffsets` before start).
   */
  onProgress?(topic: string, partition: number, nextOffset: number): void;
  /** The reader failed for good (including an `onBatch` that threw); it delivers nothing more. */
  onCrash(error: Error): void;
}

export interface GroupAssignment {
  /** Partitions this member owns in the new generation. */
  readonly partitions: readonly TopicPartition[];
  readonly generationId: number;
}

/**
 * Computes the group's assignment on the leader: given each member's subscription userData, returns each
 * member's partitions (and userData to send back).
 */
export interface GroupAssignor {
  readonly name: string;
  /** userData this member sends with its subscription (e.g. the tasks it runs now). */
  subscriptionUserData(): Uint8Array;
  assign(
    members: ReadonlyArray<{ memberId: string; userData: Uint8Array }>,
    partitionCount: (topic: string) => number | undefined,
  ): Map<string, TopicPartition[]>;
}

export interface GroupConsumerHandlers {
  /** A rebalance started: commit what can be committed. Not awaited by every client. */
  onRevoke(): Promise<void>;
  /**
   * The member joined a new generation. Records of the new generation are not delivered until this resolves,
   * so the runtime can fence, read committed offsets and seek first.
   */
  onAssign(assignment: GroupAssignment): Promise<void>;
  /** Fetched records. Resolving lets the client fetch more of this partition. */
  onBatch(batch: FetchedBatch): Promise<void>;
  /**
   * The fetch position of a partition moved to `nextOffset`: after each batch, and also past records a
   * read_committed fetch filtered out (aborted records, transaction markers), which deliver no batch.
   * `endOffset`, when the adapter knows it, is the partition's end as the fetch saw it: the last stable offset
   * under read_committed, else the high watermark (Kafka's fetched lag is `endOffset - nextOffset`).
   */
  onPosition?(topic: string, partition: number, nextOffset: number, endOffset?: number): void;
  /** The consumer failed for good (not a retriable rebalance). */
  onCrash(error: Error): void;
}

/** The consumer's group membership, as a transactional offset commit carries it (Kafka's ConsumerGroupMetadata). */
export interface GroupMetadata {
  readonly groupId: string;
  /** The generation the member joined; -1 when unknown (or not yet joined). */
  readonly generationId: number;
  /** The member id the coordinator gave; '' when unknown (or not yet joined). */
  readonly memberId: string;
  readonly groupInstanceId?: string;
}

export interface GroupConsumerPort {
  /** Joins the group and starts delivering batches to the handlers. */
  start(topics: readonly string[], handlers: GroupConsumerHandlers): Promise<void>;
  /** Commits offsets for the group (at_least_once); exactly_once commits through the producer. */
  commitOffsets(offsets: readonly ConsumedOffset[]): Promise<void>;
  pause(partitions: readonly TopicPartition[]): void;
  resume(partitions: readonly TopicPartition[]): void;
  /** Moves the fetch position; the next batch of the partition starts at `offset`. */
  seek(partition: TopicPartition, offset: number): void;
  /** The membership exactly_once passes to `TransactionalProducerPort.sendOffsets`. */
  groupMetadata(): GroupMetadata;
  close(): Promise<void>;
}

export interface GroupConsumerOptions {
  readonly groupId: string;
  readonly assignor: GroupAssignor;
  /** read_committed (true) under exactly_once and by default. */
  readonly readCommitted: boolean;
  readonly sessionTimeoutMs?: number;
  readonly rebalanceTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  /** Where to start when the group has no committed offset. */
  readonly fromBeginning: boolean;
  readonly maxBytesPerPartition?: number;
}

export interface KafkaClientPort {
  admin(): Promise<AdminPort>;
  producer(options: { readonly idempotent: boolean }): ProducerPort;
  transactionalProducer(options: { readonly transactionalId: string; readonly transactionTimeoutMs: number }): TransactionalProducerPort;
  groupConsumer(options: GroupConsumerOptions): GroupConsumerPort;
  /** A reader of chosen partitions from chosen offsets (restore, standby, GlobalKTable); read_committed. */
  partitionReader(options?: { readonly maxBytesPerPartition?: number }): PartitionReaderPort;
}
