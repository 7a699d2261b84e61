// Helpers of the port contract tests. They use only the port interfaces (client/kafka-client.ts), never a client
// library, so they hold for every adapter in contractClients().
import { expect } from 'vitest';
import {
  type AdminPort,
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
