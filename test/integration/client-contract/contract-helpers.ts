// Helpers of the port contract tests. They use only the port interfaces (client/kafka-client.ts), never a client
// library, so they hold for every adapter in contractClients().
import { expect } from 'vitest';
import {
  type AdminPort,
  type FetchedBatch,
  type GroupAssignment,
  type GroupAssignor,
  type GroupConsumerOptions,
  type GroupConsumerPort,
  type GroupMetadata,
  type KafkaClientPort,
  type PartitionReaderPort,
  type TransactionalProducerPort,
} from '../../../packages/core/src/client/kafka-client.js';
import { partitionKey } from '../../../packages/core/src/record/topic-partition.js';
import { Headers } from '../../../packages/core/src/record/headers.js';
import type { InputRecord } from '../../../packages/core/src/record/input-record.js';
import type { OutgoingRecord } from '../../../packages/core/src/record/outgoing-record.js';
import type { TopicPartition } from '../../../packages/core/src/record/topic-partition.js';
import { sleep } from '../../harness/findings.js';
import { uniqueName } from '../../harness/kafka.js';

export { sleep };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Records with string values (key 'k'), all to one partition. */
export function records(topic: string, partition: number, values: readonly string[]): OutgoingRecord[] {
  return values.map((v) => ({
    topic,
    partition,
    key: encoder.encode('k'),
    value: encoder.encode(v),
    headers: new Headers(),
    timestamp: Date.now(),
  }));
}

export const valueOf = (r: InputRecord): string => (r.value ? decoder.decode(r.value) : '<null>');
export const range = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** Waits until `condition` holds (polled every 20 ms); fails naming `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

export async function withAdmin<T>(client: KafkaClientPort, fn: (admin: AdminPort) => Promise<T>): Promise<T> {
  const admin = await client.admin();
  try {
    return await fn(admin);
  } finally {
    await admin.close();
  }
}

/** Creates a topic with a unique name and returns the name. */
export async function newTopic(client: KafkaClientPort, prefix: string, numPartitions = 1): Promise<string> {
  const name = uniqueName(prefix);
  const created = await withAdmin(client, (a) => a.createTopics([{ name, numPartitions }]));
  expect(created).toEqual([name]);
  return name;
}

export async function endOffset(admin: AdminPort, topic: string, partition = 0): Promise<number> {
  const ends = await admin.endOffsets([{ topic, partition }]);
  return ends.get(partitionKey(topic, partition)) ?? -1;
}

/**
 * Waits until the partition's end offset (the last stable offset) is `expected`. The transaction coordinator
 * answers EndTxn before it writes the markers, so right after a commit or an abort it can lag for a moment.
 */
export async function waitForEndOffset(admin: AdminPort, topic: string, partition: number, expected: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = await endOffset(admin, topic, partition);
  while (last !== expected && Date.now() < deadline) {
    await sleep(20);
    last = await endOffset(admin, topic, partition);
  }
  expect(last, `end offset of ${topic}-${partition} after waiting up to ${timeoutMs} ms`).toBe(expected);
}

/**
 * Waits until the group's committed offsets of `partitions` are `expected`. A transactional commit becomes visible
 * when the coordinator has written its marker to the offsets topic, which can be a moment after EndTxn returned.
 */
export async function waitForCommitted(
  admin: AdminPort,
  groupId: string,
  partitions: readonly TopicPartition[],
  expected: Map<string, number>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const same = (m: Map<string, number>) => m.size === expected.size && [...expected].every(([k, v]) => m.get(k) === v);
  let last = await admin.committedOffsets(groupId, partitions);
  while (!same(last) && Date.now() < deadline) {
    await sleep(20);
    last = await admin.committedOffsets(groupId, partitions);
  }
  expect(last, `committed offsets of ${groupId} after waiting up to ${timeoutMs} ms`).toEqual(expected);
}

export async function transactionalProducer(client: KafkaClientPort, transactionalId: string, transactionTimeoutMs = 60_000): Promise<TransactionalProducerPort> {
  const producer = client.transactionalProducer({ transactionalId, transactionTimeoutMs });
  await producer.connect();
  await producer.initTransactions();
  return producer;
}

/** One transaction holding `values` (partition 0), committed or aborted. */
export async function transaction(producer: TransactionalProducerPort, topic: string, values: readonly string[], outcome: 'commit' | 'abort'): Promise<void> {
  await producer.beginTransaction();
  await producer.send(records(topic, 0, values));
  await (outcome === 'commit' ? producer.commitTransaction() : producer.abortTransaction());
}

/** What a partition reader handed its handlers. */
export class ReaderLog {
  readonly records: InputRecord[] = [];
  readonly progress = new Map<number, number[]>();
  readonly crashes: Error[] = [];
  readonly handlers = {
    onBatch: (b: { records: readonly InputRecord[] }) => {
      this.records.push(...b.records);
    },
    onProgress: (_topic: string, partition: number, next: number) => {
      const list = this.progress.get(partition) ?? [];
      list.push(next);
      this.progress.set(partition, list);
    },
    onCrash: (e: Error) => {
      this.crashes.push(e);
    },
  };

  position(partition: number): number {
    return this.progress.get(partition)?.at(-1) ?? -1;
  }

  values(partition: number): string[] {
    return this.records.filter((r) => r.partition === partition).map(valueOf);
  }

  offsets(partition: number): number[] {
    return this.records.filter((r) => r.partition === partition).map((r) => r.offset);
  }

  async reach(partition: number, end: number, timeoutMs = 15_000): Promise<void> {
    await waitFor(
      () => {
        if (this.crashes.length > 0) throw this.crashes[0];
        return this.position(partition) >= end;
      },
      `reader position of partition ${partition} >= ${end} (at ${this.position(partition)})`,
      timeoutMs,
    );
  }
}

/** Reads partition `partition` of `topic` read_committed from `from` until its position reaches `end`. */
export async function readCommitted(client: KafkaClientPort, topic: string, end: number, from = 0, partition = 0): Promise<ReaderLog> {
  const reader: PartitionReaderPort = client.partitionReader();
  const log = new ReaderLog();
  await reader.start([{ topic, partition, from }], log.handlers);
  try {
    await log.reach(partition, end);
  } finally {
    await reader.close();
  }
  return log;
}

/** Group metadata naming only the group (no member, no generation): what a commit outside a consumer passes. */
export function groupOnly(groupId: string): GroupMetadata {
  return { groupId, generationId: -1, memberId: '' };
}

/** Round-robin of the topic's partitions over the members (sorted by member id), without userData. */
export function roundRobin(topic: string): GroupAssignor {
  return {
    name: 'ContractRoundRobin',
    subscriptionUserData: () => new Uint8Array(),
    assign(members, partitionCount) {
      const ids = members.map((m) => m.memberId).sort();
      const out = new Map<string, TopicPartition[]>(ids.map((id) => [id, []]));
      for (let partition = 0; partition < (partitionCount(topic) ?? 0); partition++) out.get(ids[partition % ids.length]!)!.push({ topic, partition });
      return out;
    },
  };
}

/** A group consumer as the stream thread makes one (read_committed, from the beginning), with short timeouts. */
export function groupConsumer(client: KafkaClientPort, topic: string, groupId: string, extra: Partial<GroupConsumerOptions> = {}): GroupConsumerPort {
  return client.groupConsumer({
    groupId,
    assignor: roundRobin(topic),
    readCommitted: true,
    fromBeginning: true,
    sessionTimeoutMs: 10_000,
    rebalanceTimeoutMs: 10_000,
    heartbeatIntervalMs: 300,
    ...extra,
  });
}

/** What a group consumer handed its handlers. `process`, when given, runs for each batch before onBatch resolves. */
export class ConsumerLog {
  readonly assignments: GroupAssignment[] = [];
  /** How many batches had been delivered when each assignment arrived. */
  readonly batchesAtAssignment: number[] = [];
  readonly batches: FetchedBatch[] = [];
  readonly positions = new Map<number, number>();
  /** The end offset reported with each partition's last position (when the adapter reported one). */
  readonly ends = new Map<number, number>();
  readonly crashes: Error[] = [];
  revocations = 0;

  constructor(private readonly process?: (batch: FetchedBatch) => Promise<void>) {}

  readonly handlers = {
    onRevoke: async () => {
      this.revocations++;
    },
    onAssign: async (a: GroupAssignment) => {
      this.assignments.push(a);
      this.batchesAtAssignment.push(this.batches.length);
    },
    onBatch: async (b: FetchedBatch) => {
      this.batches.push(b);
      if (this.process) {
        try {
          await this.process(b);
        } catch (e) {
          this.crashes.push(e instanceof Error ? e : new Error(String(e)));
          throw e;
        }
      }
    },
    onPosition: (_topic: string, partition: number, next: number, end?: number) => {
      this.positions.set(partition, next);
      if (end !== undefined) this.ends.set(partition, end);
    },
    onCrash: (e: Error) => {
      this.crashes.push(e);
    },
  };

  offsets(partition: number, batches: readonly FetchedBatch[] = this.batches): number[] {
    return batches.filter((b) => b.partition === partition).flatMap((b) => b.records.map((r) => r.offset));
  }

  values(partition: number, batches: readonly FetchedBatch[] = this.batches): string[] {
    return batches.filter((b) => b.partition === partition).flatMap((b) => b.records.map(valueOf));
  }

  /** The batches delivered since assignment `i` arrived. */
  batchesSince(i: number): FetchedBatch[] {
    return this.batches.slice(this.batchesAtAssignment[i] ?? this.batches.length);
  }

  assigned(i = -1): string[] {
    const a = this.assignments.at(i);
    return (a?.partitions ?? []).map((p) => `${p.topic}-${p.partition}`).sort();
  }

  async until(condition: () => boolean, what: string, timeoutMs?: number): Promise<void> {
    await waitFor(() => {
      if (this.crashes.length > 0) throw this.crashes[0];
      return condition();
    }, what, timeoutMs);
  }
}
