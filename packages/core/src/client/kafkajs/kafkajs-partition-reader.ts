// PartitionReaderPort on kafkajs: Kafka's assign() + seek(), which kafkajs lacks. Checked against the broker
// (docs/kafkajs-findings.md §1, §4 and §7):
//  - a consumer in a throwaway group of its own, whose assigner hands every member exactly the wanted
//    partitions, reads those partitions only; with autoCommit off it commits nothing;
//  - the GROUP_JOIN listener runs synchronously before the generation's first fetch, so seeking there sets
//    where reading starts. Every generation restarts from the group's (absent) committed offsets, so we seek
//    at every join, to the positions we track ourselves;
//  - read_committed: kafkajs drops aborted records and transaction markers. A batch left with no records
//    never reaches `eachBatch`: kafkajs resolves its last offset itself and only emits START/END_BATCH_PROCESS
//    (batchSize 0, lastOffset = its last offset, e.g. the marker's). We take positions from there too, or a
//    changelog ending in a marker or an aborted transaction would never reach its end offset.
import { randomUUID } from 'node:crypto';
import { AssignerProtocol, type Cluster, type Consumer, type Kafka, type PartitionAssigner } from 'kafkajs';
import type { Logger } from 'pino';
import { partitionKey, type TopicPartition } from '../../record/topic-partition.js';
import { type PartitionReaderHandlers, type PartitionReaderPort } from '../kafka-client.js';
import { errorTypes } from './kafkajs-errors.js';
import { fromMessage } from './message-conversion.js';
import type { KafkajsFetchOptions } from './kafkajs-settings.js';

const ASSIGNER_NAME = 'KStreamsPartitionReader';
const HEARTBEAT_INTERVAL_MS = 3_000;

export interface KafkajsPartitionReaderOptions extends Partial<KafkajsFetchOptions> {
  readonly maxBytesPerPartition?: number;
}

interface Position {
  readonly topic: string;
  readonly partition: number;
  /** The next offset to deliver. */
  next: number;
}

export class KafkajsPartitionReader implements PartitionReaderPort {
  /** Throwaway: nobody else joins it, nothing is committed to it, and `close()` deletes it. */
  readonly groupId = `kstreams-reader-${randomUUID()}`;
  private readonly consumer: Consumer;
  private cluster: Cluster | undefined;
  private readonly positions = new Map<string, Position>();
  private handlers: PartitionReaderHandlers | undefined;
  private starting: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  private joined = false;
  /** Set by close() or a crash: nothing more is delivered. */
  private stopped = false;

  constructor(
    private readonly kafka: Kafka,
    options: KafkajsPartitionReaderOptions,
    private readonly logger: Logger,
  ) {
    this.consumer = kafka.consumer({
      groupId: this.groupId,
      partitionAssigners: [this.assigner()],
      readUncommitted: false,
      sessionTimeout: 30_000,
      rebalanceTimeout: 30_000,
      heartbeatInterval: HEARTBEAT_INTERVAL_MS,
      allowAutoTopicCreation: false,
      // The fetch long-poll; `close()` waits for the fetch in flight, so keep it short.
      maxWaitTimeInMs: options.maxWaitTimeInMs ?? 200,
      minBytes: options.minBytes ?? 1,
      maxBytes: options.maxBytes ?? 10_485_760,
      maxBytesPerPartition: options.maxBytesPerPartition ?? 1_048_576,
    });
  }

  async start(partitions: ReadonlyArray<TopicPartition & { readonly from: number }>, handlers: PartitionReaderHandlers): Promise<void> {
    if (this.starting || this.closing) throw new Error('a partition reader can be started once, and not after close()');
    for (const p of partitions) {
      const key = partitionKey(p.topic, p.partition);
      if (this.positions.has(key)) throw new Error(`partition ${p.topic}-${p.partition} is listed twice`);
      if (!Number.isSafeInteger(p.from) || p.from < 0) throw new Error(`invalid offset ${p.from} for ${p.topic}-${p.partition}`);
      this.positions.set(key, { topic: p.topic, partition: p.partition, next: p.from });
    }
    this.handlers = handlers;
    this.starting = partitions.length === 0 ? Promise.resolve() : this.run();
    await this.starting;
  }

  private async run(): Promise<void> {
    const { GROUP_JOIN, END_BATCH_PROCESS, CRASH } = this.consumer.events;
    this.consumer.on(GROUP_JOIN, (event) => this.onJoin(event.payload.memberAssignment));
    // Batches whose records were all filtered out (aborted, control markers) skip eachBatch; this is the only
    // place their end shows. Emitted synchronously, after kafkajs resolved the batch's last offset.
    this.consumer.on(END_BATCH_PROCESS, (event) => {
      const { topic, partition, batchSize, lastOffset } = event.payload;
      if (batchSize === 0) this.advance(topic, partition, Number(lastOffset));
    });
    this.consumer.on(CRASH, (event) => {
      const { error, restart } = event.payload;
      // A restart rejoins, and onJoin seeks back to our positions.
      if (restart) this.logger.warn({ err: error, groupId: this.groupId }, 'the partition reader crashed and restarts itself');
      else this.crash(error);
    });
    await this.consumer.connect();
    const topics = [...new Set([...this.positions.values()].map((p) => p.topic))];
    // fromBeginning: where kafkajs goes when a position is below the log start (OFFSET_OUT_OF_RANGE).
    await this.consumer.subscribe({ topics, fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isStale }) => {
        const position = this.positions.get(partitionKey(batch.topic, batch.partition));
        // isStale: a seek of ours is pending (set at a rejoin); the batch predates it and comes again.
        if (this.stopped || !position || isStale()) return;
        const first = Number(batch.firstOffset());
        if (first < position.next) {
          // Fetches start at our position, so this is kafkajs' OFFSET_OUT_OF_RANGE reset to the beginning.
          this.crash(
            new Error(
              `partition ${batch.topic}-${batch.partition}: offset ${position.next} is out of range (kafkajs restarted at ${first})`,
            ),
          );
          return;
        }
        const records = batch.messages.map((m) => fromMessage(batch.topic, batch.partition, m));
        try {
          await this.withHeartbeats(heartbeat, () => this.handlers?.onBatch({ topic: batch.topic, partition: batch.partition, records }));
        } catch (e) {
          this.crash(e instanceof Error ? e : new Error(String(e)));
          return;
        }
        // lastOffset() includes a trailing marker or aborted records fetched in the same batch.
        const last = batch.lastOffset();
        resolveOffset(last);
        this.advance(batch.topic, batch.partition, Number(last));
      },
    });
  }

  /** Synchronous, before the generation's first fetch: reading starts at the seeks made here. */
  private onJoin(assignment: Record<string, number[]> | undefined): void {
    if (this.stopped) return;
    const missing = [...this.positions.values()].filter(
      (p) => !(assignment?.[p.topic] ?? []).includes(p.partition) || !this.partitionExists(p.topic, p.partition),
    );
    if (missing.length > 0) {
      this.crash(new Error(`partitions not found or not assigned: ${missing.map((p) => `${p.topic}-${p.partition}`).join(', ')}`));
      return;
    }
    for (const p of this.positions.values()) {
      this.consumer.seek({ topic: p.topic, partition: p.partition, offset: String(p.next) });
    }
    if (!this.joined) {
      this.joined = true;
      for (const p of this.positions.values()) this.handlers?.onProgress?.(p.topic, p.partition, p.next);
    }
  }

  private partitionExists(topic: string, partition: number): boolean {
    try {
      return this.cluster?.findTopicPartitionMetadata(topic).some((m) => m.partitionId === partition) ?? true;
    } catch {
      return false;
    }
  }

  /** `lastOffset` was read (or skipped): the position becomes `lastOffset + 1`. */
  private advance(topic: string, partition: number, lastOffset: number): void {
    const position = this.positions.get(partitionKey(topic, partition));
    if (this.stopped || !position || !(lastOffset + 1 > position.next)) return;
    position.next = lastOffset + 1;
    this.handlers?.onProgress?.(topic, partition, position.next);
  }

  /** kafkajs heartbeats only between batches; a slow `onBatch` must not cost the membership. */
  private async withHeartbeats(heartbeat: () => Promise<void>, fn: () => void | Promise<void>): Promise<void> {
    const timer = setInterval(() => {
      heartbeat().catch((e: unknown) => this.logger.debug({ err: e, groupId: this.groupId }, 'partition reader heartbeat failed'));
    }, HEARTBEAT_INTERVAL_MS);
    try {
      await fn();
    } finally {
      clearInterval(timer);
    }
  }

  private crash(error: Error): void {
    if (this.stopped) return;
    this.stopped = true;
    // Unresolved batches would otherwise be fetched again and again until close().
    try {
      this.consumer.pause([...new Set([...this.positions.values()].map((p) => p.topic))].map((topic) => ({ topic })));
    } catch {
      // Not running (a crash kafkajs does not restart from): nothing to pause.
    }
    this.handlers?.onCrash(error);
  }

  close(): Promise<void> {
    this.closing ??= this.doClose();
    return this.closing;
  }

  private async doClose(): Promise<void> {
    this.stopped = true;
    if (!this.starting) return;
    await this.starting.catch(() => undefined);
    // Waits for the fetch in flight (maxWaitTimeInMs) and the batch being handled, then leaves the group.
    await this.consumer.disconnect();
    await this.deleteGroup();
  }

  /**
   * The group has no members and no offsets now (unless kafkajs committed an out-of-range reset); the broker
   * would drop it at its next offsets-expiry check (offsets.retention.check.interval.ms, 10 min by default),
   * but deleting it costs a few ms and keeps group listings clean.
   */
  private async deleteGroup(): Promise<void> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      await admin.deleteGroups([this.groupId]);
    } catch (e) {
      if (!errorTypes(e).includes('GROUP_ID_NOT_FOUND')) {
        this.logger.warn({ err: e, groupId: this.groupId }, 'could not delete the partition reader group; it expires on its own');
      }
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /** Hands this member (the group's only one) exactly the wanted partitions. */
  private assigner(): PartitionAssigner {
    return ({ cluster }) => {
      this.cluster = cluster;
      return {
        name: ASSIGNER_NAME,
        version: 1,
        protocol: ({ topics }) => ({
          name: ASSIGNER_NAME,
          metadata: AssignerProtocol.MemberMetadata.encode({ version: 1, topics, userData: Buffer.alloc(0) }),
        }),
        assign: async ({ members }) => {
          const assignment: Record<string, number[]> = {};
          for (const p of this.positions.values()) (assignment[p.topic] ??= []).push(p.partition);
          // Only this reader joins its group. Should an old member of it linger, it gets the same partitions,
          // which is harmless: it has no fetcher left.
          return members.map((m) => ({
            memberId: m.memberId,
            memberAssignment: AssignerProtocol.MemberAssignment.encode({ version: 1, assignment, userData: Buffer.alloc(0) }),
          }));
        },
      };
    };
  }
}
