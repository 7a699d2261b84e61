// The partition reader (PartitionReaderPort on kafkajs): assign() + seek() for restore and GlobalKTable readers,
// checked against the real broker. The crucial property: with read_committed, a reader's position reaches the
// end offset `AdminPort.endOffsets` gave before start, also when the partition ends in a commit marker or an
// aborted transaction, or is empty. Findings: docs/kafkajs-findings.md §7. `[finding]` lines report numbers.
import { describe, expect, it } from 'vitest';
import { AssignerProtocol, Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import { pino } from 'pino';
import { KafkajsClient } from '../../packages/core/src/client/kafkajs/kafkajs-client.js';
import type { KafkajsPartitionReader } from '../../packages/core/src/client/kafkajs/kafkajs-partition-reader.js';
import { type AdminPort, type PartitionReaderPort } from '../../packages/core/src/client/kafka-client.js';
import { partitionKey } from '../../packages/core/src/record/topic-partition.js';
import type { InputRecord } from '../../packages/core/src/record/input-record.js';
import { bootstrapServers, createTopics, kafkaClient, uniqueName } from '../harness/kafka.js';
import { finding, sleep, waitFor } from '../harness/findings.js';

const quiet = pino({ level: process.env.KSTREAMS_LOG_LEVEL ?? 'silent' });

function client(): KafkajsClient {
  return new KafkajsClient({
    bootstrapServers: bootstrapServers().split(','),
    connection: { clientId: uniqueName('reader-test') },
    producer: {},
    consumer: {},
    admin: {},
    logger: quiet,
  });
}

/** What a reader hands its handlers, per partition. */
class Collected {
  readonly records = new Map<number, InputRecord[]>();
  readonly progress = new Map<number, number[]>();
  readonly batches = new Map<number, number>();
  readonly crashes: Error[] = [];
  /** onBatch/onProgress in call order, to check that a batch's progress follows its delivery. */
  readonly calls: string[] = [];

  readonly handlers = {
    onBatch: (b: { partition: number; records: readonly InputRecord[] }) => {
      this.calls.push(`batch p${b.partition} ${b.records[0]?.offset}..${b.records.at(-1)?.offset}`);
      this.batches.set(b.partition, (this.batches.get(b.partition) ?? 0) + 1);
      const list = this.records.get(b.partition) ?? [];
      list.push(...b.records);
      this.records.set(b.partition, list);
    },
    onProgress: (_topic: string, partition: number, next: number) => {
      this.calls.push(`progress p${partition} ${next}`);
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

  offsets(partition: number): number[] {
    return (this.records.get(partition) ?? []).map((r) => r.offset);
  }

  values(partition: number): string[] {
    return (this.records.get(partition) ?? []).map((r) => Buffer.from(r.value ?? []).toString());
  }

  /** Waits until each partition's position reaches `ends` (what the runtime does to finish a restore). */
  async reach(ends: Map<string, number>, topic: string, partitions: number[], timeoutMs = 15_000): Promise<void> {
    await waitFor(
      () => {
        if (this.crashes.length > 0) throw this.crashes[0];
        return partitions.every((p) => this.position(p) >= ends.get(partitionKey(topic, p))!);
      },
      `positions ${partitions.map((p) => `p${p}>=${ends.get(partitionKey(topic, p))}`).join(', ')}`,
      timeoutMs,
    );
  }
}

const plain = (kafka: Kafka) => kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
const transactional = (kafka: Kafka) =>
  kafka.producer({ transactionalId: uniqueName('reader-txn'), idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });

const msgs = (partition: number, values: string[]): Message[] => values.map((value) => ({ partition, key: 'k', value }));
const range = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** Sends one transaction and commits or aborts it. */
async function inTransaction(producer: Producer, topic: string, messages: Message[], outcome: 'commit' | 'abort'): Promise<void> {
  const txn = await producer.transaction();
  await txn.send({ topic, messages });
  await (outcome === 'commit' ? txn.commit() : txn.abort());
}

async function withAdmin<T>(c: KafkajsClient, fn: (admin: AdminPort) => Promise<T>): Promise<T> {
  const admin = await c.admin();
  try {
    return await fn(admin);
  } finally {
    await admin.close();
  }
}

const endOffsets = (c: KafkajsClient, topic: string, partitions: number) =>
  withAdmin(c, (a) => a.endOffsets(Array.from({ length: partitions }, (_, partition) => ({ topic, partition }))));

/**
 * The end offsets once they equal `expected`. The transaction coordinator answers EndTxn before it writes the
 * markers, so right after `commit()`/`abort()` a partition's last stable offset can still stand at the start of
 * that transaction for a moment.
 */
async function settledEndOffsets(c: KafkajsClient, topic: string, expected: number[]): Promise<Map<string, number>> {
  let ends = new Map<string, number>();
  const current = () => expected.map((_, p) => ends.get(partitionKey(topic, p)));
  for (let attempt = 0; attempt < 100; attempt++) {
    ends = await endOffsets(c, topic, expected.length);
    if (current().every((v, p) => v === expected[p])) return ends;
    await sleep(50);
  }
  expect(current()).toEqual(expected);
  return ends;
}

/** kafkajs' admin answer per partition: `high` (what endOffsets returns) and the group's committed offsets. */
async function groupState(kafka: Kafka, groupId: string, topic: string): Promise<{ state: string; members: number; committed: string[] }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([groupId]);
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return {
      state: groups[0]?.state ?? 'absent',
      members: groups[0]?.members.length ?? 0,
      committed: (offsets?.partitions ?? []).map((p) => p.offset),
    };
  } finally {
    await admin.disconnect();
  }
}

async function listGroups(kafka: Kafka): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.listGroups()).groups.map((g) => g.groupId);
  } finally {
    await admin.disconnect();
  }
}

const groupIdOf = (reader: PartitionReaderPort) => (reader as KafkajsPartitionReader).groupId;

describe('partition reader (assign + seek on kafkajs)', () => {
  it('reads each partition from its own offset, in order, and commits nothing', async () => {
    const kafka = kafkaClient();
    const c = client();
    const topic = uniqueName('reader-from');
    await createTopics([{ topic, numPartitions: 2 }]);
    const producer = plain(kafka);
    await producer.connect();
    await producer.send({ topic, messages: [...msgs(0, range('a', 10)), ...msgs(1, range('b', 10))] });
    const ends = await settledEndOffsets(c, topic, [10, 10]);

    const reader = c.partitionReader();
    const seen = new Collected();
    const started = Date.now();
    await reader.start(
      [
        { topic, partition: 0, from: 3 },
        { topic, partition: 1, from: 7 },
      ],
      seen.handlers,
    );
    await seen.reach(ends, topic, [0, 1]);
    finding('reader: start() to end of two small partitions (ms)', Date.now() - started);

    expect(seen.offsets(0)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(seen.values(0)).toEqual(range('a', 10).slice(3));
    expect(seen.offsets(1)).toEqual([7, 8, 9]);
    expect(seen.values(1)).toEqual(['b7', 'b8', 'b9']);
    // The first progress of each partition is its `from`, reported at the join.
    expect(seen.progress.get(0)?.[0]).toBe(3);
    expect(seen.progress.get(1)?.[0]).toBe(7);
    // Progress never goes back, and a batch's progress follows its delivery.
    for (const p of [0, 1]) {
      const list = seen.progress.get(p)!;
      expect([...list].sort((x, y) => x - y)).toEqual(list);
    }
    const firstBatch = seen.calls.findIndex((s) => s.startsWith('batch p0'));
    expect(seen.calls[firstBatch + 1]).toBe('progress p0 10');

    const { committed } = await groupState(kafka, groupIdOf(reader), topic);
    expect(committed).toEqual(['-1', '-1']);
    await reader.close();
    await producer.disconnect();
    expect(seen.crashes).toEqual([]);
  });

  it('reaches the end offset after a trailing commit marker, also when the marker is all that is left to read', async () => {
    const kafka = kafkaClient();
    const c = client();
    const topic = uniqueName('reader-commit');
    await createTopics([{ topic, numPartitions: 2 }]);
    const producer = transactional(kafka);
    await producer.connect();
    await inTransaction(producer, topic, [...msgs(0, range('c', 5)), ...msgs(1, range('d', 5))], 'commit');
    // 5 records and the commit marker at offset 5.
    const ends = await settledEndOffsets(c, topic, [6, 6]);

    const reader = c.partitionReader();
    const seen = new Collected();
    await reader.start(
      [
        { topic, partition: 0, from: 0 }, // records and the marker
        { topic, partition: 1, from: 5 }, // the marker only: a batch kafkajs filters to nothing
      ],
      seen.handlers,
    );
    await seen.reach(ends, topic, [0, 1]);
    expect(seen.values(0)).toEqual(range('c', 5));
    expect(seen.records.get(1)).toBeUndefined();
    expect(seen.progress.get(1)).toEqual([5, 6]);
    finding('reader: progress of a partition holding only a commit marker after `from`', seen.progress.get(1));
    await reader.close();
    await producer.disconnect();
  });

  it('reaches the end when the tail is an aborted transaction, and delivers none of its records', async () => {
    const kafka = kafkaClient();
    const c = client();
    const topic = uniqueName('reader-abort');
    await createTopics([{ topic, numPartitions: 3 }]);
    const producer = transactional(kafka);
    await producer.connect();
    // p0: committed 0..2 + marker 3, aborted 4..7 + marker 8. p1: aborted 0..3 + marker 4. p2: as p0, read
    // from offset 4, so its fetch holds only the aborted records and their marker.
    await inTransaction(producer, topic, [...msgs(0, range('ok', 3)), ...msgs(2, range('ok', 3))], 'commit');
    await inTransaction(producer, topic, [...msgs(0, range('x', 4)), ...msgs(1, range('x', 4)), ...msgs(2, range('x', 4))], 'abort');
    const ends = await settledEndOffsets(c, topic, [9, 5, 9]);

    const reader = c.partitionReader();
    const seen = new Collected();
    await reader.start(
      [
        { topic, partition: 0, from: 0 },
        { topic, partition: 1, from: 0 },
        { topic, partition: 2, from: 4 },
      ],
      seen.handlers,
    );
    await seen.reach(ends, topic, [0, 1, 2]);
    expect(seen.values(0)).toEqual(['ok0', 'ok1', 'ok2']);
    expect(seen.records.get(1)).toBeUndefined();
    expect(seen.records.get(2)).toBeUndefined();
    finding('reader: progress with an aborted tail (p0 whole, p1 only aborted, p2 from inside the abort)', {
      p0: seen.progress.get(0),
      p1: seen.progress.get(1),
      p2: seen.progress.get(2),
    });

    // Nothing aborted shows up later either.
    await sleep(500);
    expect(seen.values(0)).toEqual(['ok0', 'ok1', 'ok2']);
    expect(seen.records.get(1)).toBeUndefined();
    await reader.close();
    await producer.disconnect();
  });

  it('reports an empty partition and `from == end` as finished at once', async () => {
    const kafka = kafkaClient();
    const c = client();
    const topic = uniqueName('reader-empty');
    await createTopics([{ topic, numPartitions: 2 }]);
    const producer = plain(kafka);
    await producer.connect();
    await producer.send({ topic, messages: msgs(1, range('e', 5)) });
    const ends = await settledEndOffsets(c, topic, [0, 5]);

    const reader = c.partitionReader();
    const seen = new Collected();
    const started = Date.now();
    await reader.start(
      [
        { topic, partition: 0, from: 0 },
        { topic, partition: 1, from: 5 },
      ],
      seen.handlers,
    );
    await seen.reach(ends, topic, [0, 1]);
    finding('reader: start() to "finished" for an empty partition and from == end (ms)', Date.now() - started);
    expect(seen.progress.get(0)).toEqual([0]);
    expect(seen.progress.get(1)).toEqual([5]);
    expect(seen.records.size).toBe(0);
    await reader.close();
    await producer.disconnect();
  });

  it('an open transaction: endOffsets gives the last stable offset, the reader reaches it, then reads on after the commit', async () => {
    const kafka = kafkaClient();
    const c = client();
    const topic = uniqueName('reader-open');
    await createTopics([{ topic, numPartitions: 1 }]);
    const producer = plain(kafka);
    const txProducer = transactional(kafka);
    await Promise.all([producer.connect(), txProducer.connect()]);
    await producer.send({ topic, messages: msgs(0, ['p0', 'p1']) });
    const txn = await txProducer.transaction();
    await txn.send({ topic, messages: msgs(0, ['t0', 't1', 't2']) });
    await producer.send({ topic, messages: msgs(0, ['p2']) }); // after the open transaction: offset 5

    const ends = await endOffsets(c, topic, 1);
    const admin = kafka.admin();
    await admin.connect();
    const raw = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    finding('reader: admin.fetchTopicOffsets with a transaction open at offset 2 (high watermark 6)', raw);
    expect(ends.get(partitionKey(topic, 0))).toBe(2);

    const reader = c.partitionReader();
    const seen = new Collected();
    await reader.start([{ topic, partition: 0, from: 0 }], seen.handlers);
    await seen.reach(ends, topic, [0]);
    expect(seen.values(0)).toEqual(['p0', 'p1']);
    await sleep(300);
    expect(seen.position(0)).toBe(2); // held at the last stable offset

    await txn.commit(); // marker at 6
    await waitFor(() => seen.position(0) >= 7, 'position 7 after the commit');
    expect(seen.values(0)).toEqual(['p0', 'p1', 't0', 't1', 't2', 'p2']);
    await settledEndOffsets(c, topic, [7]);
    await reader.close();
    await Promise.all([producer.disconnect(), txProducer.disconnect()]);
  });

  it('delivers 50,000 records in order, in batches', async () => {
    const kafka = kafkaClient();
    const c = client();
    const topic = uniqueName('reader-many');
    await createTopics([{ topic, numPartitions: 2 }]);
    const producer = plain(kafka);
    await producer.connect();
    const perPartition = 25_000;
    // About 100 bytes a value, so a partition holds several fetches' worth (maxBytesPerPartition 1 MiB).
    const value = (n: number) => `v${n}`.padEnd(100, '.');
    for (let i = 0; i < perPartition; i += 5_000) {
      await producer.send({
        topic,
        messages: [0, 1].flatMap((p) => msgs(p, Array.from({ length: 5_000 }, (_, j) => value(i + j)))),
      });
    }
    const ends = await settledEndOffsets(c, topic, [perPartition, perPartition]);

    const reader = c.partitionReader();
    const seen = new Collected();
    const started = Date.now();
    await reader.start(
      [
        { topic, partition: 0, from: 0 },
        { topic, partition: 1, from: 0 },
      ],
      seen.handlers,
    );
    await seen.reach(ends, topic, [0, 1], 60_000);
    const ms = Date.now() - started;
    finding('reader: 50,000 records (2 partitions) read to the end', {
      ms,
      recordsPerSecond: Math.round((2 * perPartition * 1000) / ms),
      batches: Object.fromEntries(seen.batches),
    });
    for (const p of [0, 1]) {
      expect(seen.offsets(p)).toEqual(Array.from({ length: perPartition }, (_, i) => i));
      expect(seen.values(p).at(-1)).toBe(value(perPartition - 1));
      expect(seen.batches.get(p)).toBeGreaterThan(1);
    }
    await reader.close();
    await producer.disconnect();
  });

  it('keeps running: delivers records produced after start (GlobalKTable)', async () => {
    const kafka = kafkaClient();
    const c = client();
    const topic = uniqueName('reader-follow');
    await createTopics([{ topic, numPartitions: 1 }]);
    const producer = plain(kafka);
    const txProducer = transactional(kafka);
    await Promise.all([producer.connect(), txProducer.connect()]);
    await producer.send({ topic, messages: msgs(0, ['old']) });

    const reader = c.partitionReader();
    const seen = new Collected();
    await reader.start([{ topic, partition: 0, from: 1 }], seen.handlers);
    await waitFor(() => seen.position(0) === 1, 'the join');
    await sleep(300);
    await producer.send({ topic, messages: msgs(0, ['n1', 'n2']) });
    await waitFor(() => seen.position(0) >= 3, 'n1, n2');
    await sleep(1_000); // idle for a while: long polls, heartbeats
    await inTransaction(txProducer, topic, msgs(0, ['t1']), 'commit');
    await inTransaction(txProducer, topic, msgs(0, ['gone']), 'abort');
    await producer.send({ topic, messages: msgs(0, ['n3']) });
    // old, n1, n2, t1 + marker, gone + marker, n3 (n3 may land before the abort marker)
    const ends = await settledEndOffsets(c, topic, [8]);
    await seen.reach(ends, topic, [0]);
    expect(seen.values(0)).toEqual(['n1', 'n2', 't1', 'n3']);
    expect(seen.position(0)).toBe(ends.get(partitionKey(topic, 0)));
    await reader.close();
    await Promise.all([producer.disconnect(), txProducer.disconnect()]);
  });

  it('two readers of different partitions of one topic run at once without affecting each other', async () => {
    const kafka = kafkaClient();
    const c = client();
    const topic = uniqueName('reader-two');
    await createTopics([{ topic, numPartitions: 2 }]);
    const producer = plain(kafka);
    await producer.connect();
    await producer.send({ topic, messages: [...msgs(0, range('a', 20)), ...msgs(1, range('b', 20))] });

    const readerA = c.partitionReader();
    const readerB = c.partitionReader();
    const a = new Collected();
    const b = new Collected();
    await Promise.all([
      readerA.start([{ topic, partition: 0, from: 0 }], a.handlers),
      readerB.start([{ topic, partition: 1, from: 10 }], b.handlers),
    ]);
    expect(groupIdOf(readerA)).not.toBe(groupIdOf(readerB));
    await waitFor(() => a.position(0) >= 20 && b.position(1) >= 20, 'both readers at the end');
    expect(a.values(0)).toEqual(range('a', 20));
    expect(b.values(1)).toEqual(range('b', 20).slice(10));
    expect(a.progress.has(1)).toBe(false);
    expect(b.progress.has(0)).toBe(false);

    // Each group has one member; closing one reader does not disturb the other.
    const [stateA, stateB] = await Promise.all([
      groupState(kafka, groupIdOf(readerA), topic),
      groupState(kafka, groupIdOf(readerB), topic),
    ]);
    expect([stateA.state, stateA.members, stateB.state, stateB.members]).toEqual(['Stable', 1, 'Stable', 1]);
    await readerA.close();
    await producer.send({ topic, messages: [...msgs(0, ['a-late']), ...msgs(1, ['b-late'])] });
    await waitFor(() => b.position(1) >= 21, 'b-late');
    expect(b.values(1).at(-1)).toBe('b-late');
    expect(b.crashes).toEqual([]);
    await sleep(300);
    expect(a.values(0)).toHaveLength(20); // closed: nothing more
    await readerB.close();
    await producer.disconnect();
  });

  it('a rebalance of its group (a stranger joins, then leaves) re-delivers nothing: the reader seeks to its own positions at every join', async () => {
    const kafka = kafkaClient();
    const c = client();
    const topic = uniqueName('reader-rejoin');
    await createTopics([{ topic, numPartitions: 1 }]);
    const producer = plain(kafka);
    await producer.connect();
    await producer.send({ topic, messages: msgs(0, range('r', 10)) });

    const reader = c.partitionReader();
    const seen = new Collected();
    await reader.start([{ topic, partition: 0, from: 2 }], seen.handlers);
    await waitFor(() => seen.position(0) >= 10, 'the records');

    // Without the seek at every join, kafkajs would restart the new generation at the group's committed
    // offset: none, so the beginning (fromBeginning), and deliver 0..9 again.
    const name = 'KStreamsPartitionReader';
    const stranger = kafka.consumer({
      groupId: groupIdOf(reader),
      maxWaitTimeInMs: 100,
      partitionAssigners: [
        () => ({
          name,
          version: 1,
          protocol: ({ topics }) => ({ name, metadata: AssignerProtocol.MemberMetadata.encode({ version: 1, topics, userData: Buffer.alloc(0) }) }),
          assign: async ({ members }) =>
            members.map((m) => ({
              memberId: m.memberId,
              memberAssignment: AssignerProtocol.MemberAssignment.encode({ version: 1, assignment: { [topic]: [0] }, userData: Buffer.alloc(0) }),
            })),
        }),
      ],
    });
    let strangerJoined = false;
    stranger.on(stranger.events.GROUP_JOIN, () => (strangerJoined = true));
    await stranger.connect();
    await stranger.subscribe({ topics: [topic], fromBeginning: true });
    const joining = Date.now();
    await stranger.run({ autoCommit: false, eachBatch: async () => {} });
    await waitFor(() => strangerJoined, 'the stranger in the reader group');
    expect((await groupState(kafka, groupIdOf(reader), topic)).members).toBe(2);
    finding('reader: a stranger joining the reader group waited for the reader to rejoin (ms)', Date.now() - joining);
    await stranger.disconnect();

    await producer.send({ topic, messages: msgs(0, ['after']) });
    await waitFor(() => seen.position(0) >= 11, 'the record written after the rebalances');
    await sleep(500);
    expect(seen.offsets(0)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(seen.values(0).at(-1)).toBe('after');
    expect(seen.crashes).toEqual([]);
    await reader.close();
    await producer.disconnect();
  });

  it('close() leaves no member and no group behind, and no open handles', async () => {
    const kafka = kafkaClient();
    const c = client();
    const topic = uniqueName('reader-close');
    await createTopics([{ topic, numPartitions: 1 }]);
    const producer = plain(kafka);
    await producer.connect();
    await producer.send({ topic, messages: msgs(0, range('c', 3)) });

    const handles = () => {
      const counts: Record<string, number> = {};
      for (const r of process.getActiveResourcesInfo()) counts[r] = (counts[r] ?? 0) + 1;
      return counts;
    };
    await sleep(100);
    const before = handles();
    const reader = c.partitionReader();
    const seen = new Collected();
    await reader.start([{ topic, partition: 0, from: 0 }], seen.handlers);
    await waitFor(() => seen.position(0) >= 3, 'the records');
    const groupId = groupIdOf(reader);
    expect((await groupState(kafka, groupId, topic)).members).toBe(1);
    const during = handles();

    const closing = Date.now();
    await reader.close();
    const closeMs = Date.now() - closing;
    await reader.close(); // twice is fine
    const state = await groupState(kafka, groupId, topic);
    expect(state.members).toBe(0);
    expect(state.state).toBe('Dead'); // deleted: describeGroups reports an unknown group as Dead
    expect(await listGroups(kafka)).not.toContain(groupId);
    await sleep(100);
    const after = handles();
    finding('reader: close() (ms) and active handles before start / while reading / after close', { closeMs, before, during, after });
    for (const kind of ['TCPSocketWrap', 'Timeout']) expect(after[kind] ?? 0).toBeLessThanOrEqual(before[kind] ?? 0);
    await producer.disconnect();
  });

  it('fails through onCrash when `from` is beyond the end, and still deletes its group', async () => {
    const kafka = kafkaClient();
    const c = client();
    const topic = uniqueName('reader-range');
    await createTopics([{ topic, numPartitions: 1 }]);
    const producer = plain(kafka);
    await producer.connect();
    await producer.send({ topic, messages: msgs(0, range('r', 5)) });

    const reader = c.partitionReader();
    const seen = new Collected();
    await reader.start([{ topic, partition: 0, from: 8 }], seen.handlers);
    await waitFor(() => seen.crashes.length > 0, 'onCrash');
    expect(seen.crashes[0]!.message).toMatch(/out of range/);
    expect(seen.records.size).toBe(0);
    // kafkajs committed its reset (-2, "earliest") to the reader's group, whatever autoCommit says.
    const groupId = groupIdOf(reader);
    finding('reader: the group after an out-of-range `from`', await groupState(kafka, groupId, topic));
    await reader.close();
    expect(await listGroups(kafka)).not.toContain(groupId);
    await producer.disconnect();
  });

  it('an onBatch that throws ends the reader through onCrash', async () => {
    const kafka = kafkaClient();
    const c = client();
    const topic = uniqueName('reader-throw');
    await createTopics([{ topic, numPartitions: 1 }]);
    const producer = plain(kafka);
    await producer.connect();
    await producer.send({ topic, messages: msgs(0, range('t', 3)) });

    const reader = c.partitionReader();
    const crashes: Error[] = [];
    let calls = 0;
    await reader.start([{ topic, partition: 0, from: 0 }], {
      onBatch: () => {
        calls++;
        throw new Error('store full');
      },
      onCrash: (e) => crashes.push(e),
    });
    await waitFor(() => crashes.length > 0, 'onCrash');
    expect(crashes.map((e) => e.message)).toEqual(['store full']);
    await sleep(500);
    expect(calls).toBe(1);
    await reader.close();
    await producer.disconnect();
  });
});
