// GroupConsumerPort on kafkajs. What kafkajs does and does not do here was checked against the broker
// (docs/compatibility.md, "kafkajs consumer behaviour"):
//  - the GROUP_JOIN listener runs synchronously before the new generation's first fetch, and is not awaited:
//    we pause every assigned partition there, and the runtime resumes them once it has fenced the previous
//    owners, read the committed offsets and sought;
//  - after every rebalance kafkajs restarts each partition at its committed offset, so records fetched but not
//    committed come again;
//  - `eachBatch` returning lets kafkajs fetch more (eachBatchAutoResolve); batches fetched in the same round as
//    a rebalance can still arrive: the runtime drops what is not for its current tasks.
import { AssignerProtocol, type Batch, type Consumer, type Kafka, type PartitionAssigner } from 'kafkajs';
import { lastStableOffsetOf } from './aborted-records.js';
import type { Logger } from 'pino';
import type { ConsumedOffset, TopicPartition } from '../../record/topic-partition.js';
import type {
  GroupAssignor,
  GroupConsumerHandlers,
  GroupConsumerOptions,
  GroupConsumerPort,
  GroupMetadata,
} from '../kafka-client.js';
import { GroupRebalancingError } from '../client-errors.js';
import { isRebalancing } from './kafkajs-errors.js';
import { fromMessage } from './message-conversion.js';
import type { KafkajsFetchOptions } from './kafkajs-settings.js';

export class KafkajsGroupConsumer implements GroupConsumerPort {
  private readonly consumer: Consumer;
  private generation = 0;
  private memberId = '';

  constructor(
    kafka: Kafka,
    private readonly options: GroupConsumerOptions,
    fetch: KafkajsFetchOptions,
    private readonly logger: Logger,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      partitionAssigners: [kafkajsAssigner(options.assignor)],
      readUncommitted: !options.readCommitted,
      sessionTimeout: options.sessionTimeoutMs ?? 30_000,
      rebalanceTimeout: options.rebalanceTimeoutMs ?? 60_000,
      heartbeatInterval: options.heartbeatIntervalMs ?? 3_000,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: fetch.maxWaitTimeInMs,
      minBytes: fetch.minBytes,
      maxBytes: fetch.maxBytes,
      maxBytesPerPartition: options.maxBytesPerPartition ?? 1_048_576,
    });
  }

  /**
   * kafkajs reports the member id (GROUP_JOIN) but not the group's generation, so `generationId` is -1 (unknown);
   * the kafkajs producer sends the group id only anyway (docs/compatibility.md).
   */
  groupMetadata(): GroupMetadata {
    return { groupId: this.options.groupId, generationId: -1, memberId: this.memberId };
  }

  async start(topics: readonly string[], handlers: GroupConsumerHandlers): Promise<void> {
    const { REBALANCING, GROUP_JOIN, CRASH } = this.consumer.events;
    this.consumer.on(REBALANCING, () => {
      void handlers.onRevoke().catch((e: unknown) => this.logger.warn({ err: e }, 'revocation handler failed'));
    });
    this.consumer.on(GROUP_JOIN, (event) => {
      const partitions = flatten(event.payload.memberAssignment);
      this.memberId = event.payload.memberId;
      // Synchronous, before the generation's first fetch: nothing is delivered until the runtime resumes.
      this.pause(partitions);
      const generationId = ++this.generation;
      void handlers
        .onAssign({ partitions, generationId })
        .catch((e: unknown) => handlers.onCrash(e instanceof Error ? e : new Error(String(e))));
    });
    // A batch whose records were all filtered out (aborted, markers) skips eachBatch; its end shows only here
    // (docs/kafkajs-findings.md section 7).
    this.consumer.on(this.consumer.events.END_BATCH_PROCESS, (event) => {
      const { topic, partition, batchSize, lastOffset } = event.payload;
      if (batchSize === 0) handlers.onPosition?.(topic, partition, Number(lastOffset) + 1);
    });
    this.consumer.on(CRASH, (event) => {
      const { error, restart } = event.payload;
      if (restart) this.logger.warn({ err: error }, 'the kafkajs consumer crashed and restarts itself');
      else handlers.onCrash(error);
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...topics], fromBeginning: this.options.fromBeginning });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: true,
      eachBatch: async ({ batch }) => {
        if (batch.messages.length > 0) {
          const records = batch.messages.map((m) => fromMessage(batch.topic, batch.partition, m));
          await handlers.onBatch({ topic: batch.topic, partition: batch.partition, records });
        }
        handlers.onPosition?.(batch.topic, batch.partition, Number(batch.lastOffset()) + 1, this.endOffsetOf(batch));
      },
    });
  }

  /** The partition's end as the batch's fetch saw it: read_committed, the last stable offset; else the high watermark. */
  private endOffsetOf(batch: Batch): number | undefined {
    if (this.options.readCommitted) return lastStableOffsetOf(batch as unknown as { rawMessages?: unknown });
    const hw = Number(batch.highWatermark);
    return Number.isFinite(hw) && hw >= 0 ? hw : undefined;
  }

  async commitOffsets(offsets: readonly ConsumedOffset[]): Promise<void> {
    if (offsets.length === 0) return;
    try {
      await this.consumer.commitOffsets(offsets.map((o) => ({ topic: o.topic, partition: o.partition, offset: String(o.offset), metadata: o.metadata ?? null })));
    } catch (e) {
      if (isRebalancing(e)) throw new GroupRebalancingError({ cause: e });
      throw e;
    }
  }

  pause(partitions: readonly TopicPartition[]): void {
    for (const [topic, ps] of byTopic(partitions)) this.consumer.pause([{ topic, partitions: ps }]);
  }

  resume(partitions: readonly TopicPartition[]): void {
    for (const [topic, ps] of byTopic(partitions)) this.consumer.resume([{ topic, partitions: ps }]);
  }

  seek(partition: TopicPartition, offset: number): void {
    this.consumer.seek({ topic: partition.topic, partition: partition.partition, offset: String(offset) });
  }

  async close(): Promise<void> {
    await this.consumer.disconnect();
  }
}

function flatten(assignment: Record<string, number[]> | undefined): TopicPartition[] {
  return Object.entries(assignment ?? {}).flatMap(([topic, ps]) => ps.map((partition) => ({ topic, partition })));
}

function byTopic(partitions: readonly TopicPartition[]): Map<string, number[]> {
  const m = new Map<string, number[]>();
  for (const p of partitions) {
    let list = m.get(p.topic);
    if (!list) m.set(p.topic, (list = []));
    list.push(p.partition);
  }
  return m;
}

/** Runs our assignor inside kafkajs' group protocol; userData carries each member's current tasks. */
function kafkajsAssigner(assignor: GroupAssignor): PartitionAssigner {
  return ({ cluster }) => ({
    name: assignor.name,
    version: 1,
    protocol: ({ topics }) => ({
      name: assignor.name,
      metadata: AssignerProtocol.MemberMetadata.encode({
        version: 1,
        topics,
        userData: Buffer.from(assignor.subscriptionUserData()),
      }),
    }),
    assign: async ({ members }) => {
      const decoded = members.map((m) => ({
        memberId: m.memberId,
        userData: AssignerProtocol.MemberMetadata.decode(m.memberMetadata)?.userData ?? Buffer.alloc(0),
      }));
      const partitionCount = (topic: string) => {
        try {
          return cluster.findTopicPartitionMetadata(topic).length || undefined;
        } catch {
          return undefined;
        }
      };
      const result = assignor.assign(decoded, partitionCount);
      return members.map((m) => {
        const assignment: Record<string, number[]> = {};
        for (const tp of result.get(m.memberId) ?? []) (assignment[tp.topic] ??= []).push(tp.partition);
        return {
          memberId: m.memberId,
          memberAssignment: AssignerProtocol.MemberAssignment.encode({ version: 1, assignment, userData: Buffer.alloc(0) }),
        };
      });
    },
  });
}
