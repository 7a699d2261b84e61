// Checks, against the real broker, how kafkajs 2.2.4 behaves around rebalances and flow control, which the
// runtime uses in place of rebalance callbacks and of the Java consumer's pause/resume/seek:
//  3. rebalance detection inside eachBatch (heartbeat() throws; kafkajs rejoins only after eachBatch returns);
//  4. pause / resume / seek semantics, and the timing of the GROUP_JOIN listener.
// Findings: docs/kafkajs-findings.md. Lines starting with `[finding]` report measured numbers.
//
// These tests characterise kafkajs itself (how it signals rebalances, what pause/seek/resolveOffset do inside
// eachBatch, when GROUP_JOIN listeners run), with the `[finding]` numbers the doc quotes. What the runtime relies on
// is asserted through the port, for every adapter, by test/integration/client-contract/group-consumer.contract.test.ts:
//  - an assignment is delivered with its partitions paused, nothing is fetched until resume, seek moves the next
//    batch: 'onAssign delivers the assignment with every partition paused until resume; seek moves the position';
//  - pause holds a running partition back and resume continues without loss or repeats: 'pause holds a running
//    partition back while the others flow; ...';
//  - after a rebalance partitions are paused again and restart at the committed offsets: 'after a rebalance every
//    partition is paused again until resume and, unless sought, restarts at the group committed offset';
//  - a new member leads to a new generation with disjoint assignments: 'a second member: ...'.
import { describe, expect, it } from 'vitest';
import {
  AssignerProtocol,
  type Consumer,
  type ConsumerConfig,
  type EachBatchPayload,
  type Kafka,
  type PartitionAssigner,
} from 'kafkajs';
import { createTopics, kafkaClient, uniqueName } from '../../harness/kafka.js';
import { sleep, finding, waitFor, shape, type ErrorShape } from '../../harness/findings.js';

/** Appends `count` records `p<p>-<i>` to each of `partitions`, starting at i = `from`. */
async function fill(kafka: Kafka, topic: string, partitions: number[], count: number, from = 0): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic,
    messages: partitions.flatMap((partition) =>
      Array.from({ length: count }, (_, n) => ({ partition, key: 'k', value: `p${partition}-${from + n}` })),
    ),
  });
  await producer.disconnect();
}

async function committedOffsets(kafka: Kafka, groupId: string, topic: string): Promise<Record<number, string>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [answer] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return Object.fromEntries((answer?.partitions ?? []).map((p) => [p.partition, p.offset]));
  } finally {
    await admin.disconnect();
  }
}

interface Entry {
  t: number;
  who: string;
  what: string;
  partition?: number;
  offsets?: number[];
  detail?: unknown;
}

/** A time-ordered log of what the consumers saw and did. */
class Timeline {
  readonly entries: Entry[] = [];
  private readonly t0 = Date.now();
  add(who: string, what: string, extra: Omit<Entry, 't' | 'who' | 'what'> = {}): void {
    this.entries.push({ t: Date.now() - this.t0, who, what, ...extra });
  }
  index(pred: (e: Entry) => boolean): number {
    return this.entries.findIndex(pred);
  }
  find(pred: (e: Entry) => boolean): Entry | undefined {
    return this.entries.find(pred);
  }
  summary(): string[] {
    return this.entries.map(
      (e) =>
        `${e.t}ms ${e.who} ${e.what}` +
        (e.partition !== undefined ? ` p${e.partition}` : '') +
        (e.offsets ? ` [${e.offsets[0]}..${e.offsets.at(-1)}]` : '') +
        (e.detail !== undefined ? ` ${JSON.stringify(e.detail)}` : ''),
    );
  }
}

function watch(consumer: Consumer, who: string, timeline: Timeline): void {
  consumer.on(consumer.events.REBALANCING, () => timeline.add(who, 'REBALANCING'));
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) =>
    timeline.add(who, 'GROUP_JOIN', { detail: payload.memberAssignment }),
  );
  consumer.on(consumer.events.CRASH, ({ payload }) =>
    timeline.add(who, 'CRASH', { detail: { name: payload.error.name, restart: payload.restart } }),
  );
}

const offsetsOf = (batch: EachBatchPayload['batch']) => batch.messages.map((m) => Number(m.offset));


describe('kafkajs: rebalance detection inside eachBatch', () => {
  it('a member joining during a long eachBatch: heartbeat() throws REBALANCE_IN_PROGRESS; kafkajs rejoins after eachBatch returns; uncommitted records come again', async () => {
    const kafka = kafkaClient();
    const topic = uniqueName('rb-detect');
    await createTopics([{ topic, numPartitions: 2 }]);
    await fill(kafka, topic, [0, 1], 10);
    const groupId = uniqueName('rb-detect-group');
    const config: ConsumerConfig = {
      groupId,
      heartbeatInterval: 300,
      sessionTimeout: 10_000,
      rebalanceTimeout: 20_000,
      maxWaitTimeInMs: 300,
    };
    const a = kafka.consumer(config);
    const b = kafka.consumer(config);
    const timeline = new Timeline();
    watch(a, 'a', timeline);
    watch(b, 'b', timeline);
    await Promise.all([a.connect(), b.connect()]);
    await a.subscribe({ topics: [topic], fromBeginning: true });
    await b.subscribe({ topics: [topic], fromBeginning: true });

    let heldPartition = -1;
    let heartbeatError: unknown;
    let flags: { isRunning: boolean; isStale: boolean } | undefined;
    let commitError: unknown = 'not attempted';
    const handler = (who: string) => async (payload: EachBatchPayload) => {
      const { batch } = payload;
      timeline.add(who, 'eachBatch', { partition: batch.partition, offsets: offsetsOf(batch) });
      if (who === 'a' && heldPartition < 0) {
        // The long batch: b joins now; poll heartbeat() like a stream thread between records.
        heldPartition = batch.partition;
        timeline.add(who, 'b.run() called');
        void b.run({ autoCommit: false, eachBatch: handler('b') });
        const deadline = Date.now() + 15_000;
        while (Date.now() < deadline) {
          try {
            await payload.heartbeat();
          } catch (e) {
            heartbeatError = e;
            break;
          }
          await sleep(50);
        }
        flags = { isRunning: payload.isRunning(), isStale: payload.isStale() };
        timeline.add(who, 'heartbeat threw', { detail: shape(heartbeatError) });
        // "onPartitionsRevoked": commit what was processed (the first 5 records) while the group rebalances.
        try {
          await payload.commitOffsetsIfNecessary({
            topics: [
              {
                topic,
                partitions: [{ partition: batch.partition, offset: String(Number(batch.firstOffset()) + 5) }],
              },
            ],
          });
          commitError = undefined;
        } catch (e) {
          commitError = shape(e);
        }
        timeline.add(who, 'committed first 5');
        await sleep(1_000); // still busy: kafkajs must not rejoin before we return
        timeline.add(who, 'eachBatch returns');
        return;
      }
      await sleep(10);
    };

    try {
      await a.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: handler('a') });
      await waitFor(() => timeline.index((e) => e.what === 'eachBatch returns') >= 0, 'the long batch to end');
      const heldReturned = timeline.index((e) => e.what === 'eachBatch returns');
      // After the rejoin both members own one partition each and read from the committed offsets.
      const rejoinA = () =>
        timeline.entries.findIndex((e, i) => i > heldReturned && e.who === 'a' && e.what === 'GROUP_JOIN');
      const joinB = () => timeline.index((e) => e.who === 'b' && e.what === 'GROUP_JOIN');
      const afterRejoin = (p: number) =>
        rejoinA() < 0 || joinB() < 0
          ? undefined
          : timeline.entries
              .slice(Math.min(rejoinA(), joinB()))
              .find((e) => e.what === 'eachBatch' && e.partition === p);
      await waitFor(
        () => afterRejoin(0) !== undefined && afterRejoin(1) !== undefined,
        'both partitions delivered after the rebalance',
      );
      finding('rebalance timeline', timeline.summary());

      expect(shape(heartbeatError)).toEqual({
        name: 'KafkaJSProtocolError',
        type: 'REBALANCE_IN_PROGRESS',
        retriable: false,
        code: 27,
      });
      // Neither flag tells about a rebalance: isRunning() is about consumer.stop(), isStale() about seek().
      expect(flags).toEqual({ isRunning: true, isStale: false });
      // Offsets can still be committed with the old generation while the group is PreparingRebalance.
      expect(commitError).toBeUndefined();

      const threw = timeline.find((e) => e.what === 'heartbeat threw')!;
      const bRun = timeline.find((e) => e.what === 'b.run() called')!;
      finding('rebalance detection latency: b.run() -> heartbeat threw (ms)', threw.t - bRun.t);
      const iReturn = heldReturned;
      const iRebalancingA = timeline.index((e) => e.who === 'a' && e.what === 'REBALANCING');
      const iJoinA2 = timeline.entries.findIndex((e, i) => i > iRebalancingA && e.who === 'a' && e.what === 'GROUP_JOIN');
      const iJoinB = timeline.index((e) => e.who === 'b' && e.what === 'GROUP_JOIN');
      // Order: eachBatch returns -> REBALANCING (a) -> GROUP_JOIN (a and b, same SyncGroup round).
      expect(iRebalancingA).toBeGreaterThan(iReturn);
      expect(iJoinA2).toBeGreaterThan(iRebalancingA);
      expect(iJoinB).toBeGreaterThan(iReturn);
      // The other partition's batch, fetched in the same round as the held one, is still handed to eachBatch
      // after heartbeat() failed and before kafkajs rejoins (the worker drains the fetched batches first).
      const otherBeforeRejoin = timeline.entries
        .slice(timeline.index((e) => e.what === 'heartbeat threw'), iRebalancingA)
        .filter((e) => e.who === 'a' && e.what === 'eachBatch');
      finding('batches delivered to a between heartbeat failure and REBALANCING', otherBeforeRejoin.length);
      expect(otherBeforeRejoin.map((e) => [e.partition, e.offsets?.[0]])).toEqual([[1 - heldPartition, 0]]);

      // After the rejoin: held partition resumes at the committed 5, the other at 0 (nothing committed).
      const iGeneration2 = Math.min(iJoinA2, iJoinB);
      const firstAfter = (p: number) =>
        timeline.entries.slice(iGeneration2).find((e) => e.what === 'eachBatch' && e.partition === p)!;
      expect(firstAfter(heldPartition).offsets?.[0]).toBe(5);
      expect(firstAfter(1 - heldPartition).offsets?.[0]).toBe(0);
      // And the two partitions went to different members.
      expect(firstAfter(heldPartition).who).not.toBe(firstAfter(1 - heldPartition).who);
    } finally {
      await Promise.all([a.disconnect(), b.disconnect()]);
    }
    const offsets = await committedOffsets(kafka, groupId, topic);
    expect(offsets[heldPartition]).toBe('5');
  });

  it('an eachBatch that outlives rebalanceTimeout: the member is dropped, its commit fails, it rejoins afterwards', async () => {
    const kafka = kafkaClient();
    const topic = uniqueName('rb-timeout');
    await createTopics([{ topic, numPartitions: 2 }]);
    await fill(kafka, topic, [0, 1], 10);
    const groupId = uniqueName('rb-timeout-group');
    const config: ConsumerConfig = {
      groupId,
      heartbeatInterval: 300,
      sessionTimeout: 6_000,
      rebalanceTimeout: 3_000,
      maxWaitTimeInMs: 300,
    };
    const a = kafka.consumer(config);
    const b = kafka.consumer(config);
    const timeline = new Timeline();
    watch(a, 'a', timeline);
    watch(b, 'b', timeline);
    await Promise.all([a.connect(), b.connect()]);
    await a.subscribe({ topics: [topic], fromBeginning: true });
    await b.subscribe({ topics: [topic], fromBeginning: true });

    let held = false;
    const heartbeatErrors: ErrorShape[] = [];
    let commitError: ErrorShape | undefined;
    const handler = (who: string) => async (payload: EachBatchPayload) => {
      const { batch } = payload;
      timeline.add(who, 'eachBatch', { partition: batch.partition, offsets: offsetsOf(batch) });
      if (who === 'a' && !held) {
        held = true;
        void b.run({ autoCommit: false, eachBatch: handler('b') });
        // Busy for 6 s, twice the rebalance timeout; heartbeat errors are ignored.
        const until = Date.now() + 6_000;
        while (Date.now() < until) {
          await payload.heartbeat().catch((e: unknown) => {
            const s = shape(e);
            if (heartbeatErrors.at(-1)?.type !== s.type) timeline.add(who, 'heartbeat threw', { detail: s });
            heartbeatErrors.push(s);
          });
          await sleep(100);
        }
        try {
          await payload.commitOffsetsIfNecessary({
            topics: [{ topic, partitions: [{ partition: batch.partition, offset: '5' }] }],
          });
        } catch (e) {
          commitError = shape(e);
        }
        timeline.add(who, 'eachBatch returns', { detail: { commitError } });
      }
    };
    try {
      await a.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: handler('a') });
      await waitFor(() => timeline.index((e) => e.what === 'eachBatch returns') >= 0, 'the long batch', 20_000);
      const iReturn = timeline.index((e) => e.what === 'eachBatch returns');
      await waitFor(
        () => timeline.entries.slice(iReturn).some((e) => e.who === 'a' && e.what === 'GROUP_JOIN'),
        'a to rejoin',
      );
      finding('rebalance-timeout timeline', timeline.summary());
      // b completed a generation without a, owning both partitions, while a was still in eachBatch.
      const bJoin = timeline.find((e) => e.who === 'b' && e.what === 'GROUP_JOIN')!;
      expect(timeline.index((e) => e === bJoin)).toBeLessThan(iReturn);
      expect(bJoin.detail).toEqual({ [topic]: [0, 1] });
      // When the dropped member's eachBatch returns, kafkajs still hands it the other partition's batch
      // from the same fetch round, although b owns that partition by now.
      const iJoinA2 = timeline.entries.findIndex((e, i) => i > iReturn && e.who === 'a' && e.what === 'GROUP_JOIN');
      const zombieBatches = timeline.entries.slice(iReturn, iJoinA2).filter((e) => e.who === 'a' && e.what === 'eachBatch');
      expect(zombieBatches).toHaveLength(1);
      expect(heartbeatErrors[0]?.type).toBe('REBALANCE_IN_PROGRESS');
      // The dropped member's commit is refused.
      expect(commitError?.name).toBe('KafkaJSProtocolError');
      expect(['UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION']).toContain(commitError?.type);
      finding('dropped member: heartbeat error types seen', [...new Set(heartbeatErrors.map((e) => e.type))]);
      finding('dropped member: commit error', commitError);
    } finally {
      await Promise.all([a.disconnect(), b.disconnect()]);
    }
    expect((await committedOffsets(kafka, groupId, topic))[0]).toBe('-1');
  });
});

// ---------------------------------------------------------------------------------------------------------
// 4. pause / resume / seek

/** Every member gets every partition (the broker does not check overlaps): lets a test force a rebalance. */
const everythingToEveryone: PartitionAssigner = ({ cluster }) => ({
  name: 'EverythingToEveryone',
  version: 0,
  async assign({ members, topics }) {
    const assignment = Object.fromEntries(
      topics.map((t) => [t, cluster.findTopicPartitionMetadata(t).map((p) => p.partitionId)]),
    );
    return members.map(({ memberId }) => ({
      memberId,
      memberAssignment: AssignerProtocol.MemberAssignment.encode({ version: 0, assignment, userData: Buffer.alloc(0) }),
    }));
  },
  protocol({ topics }) {
    return {
      name: 'EverythingToEveryone',
      metadata: AssignerProtocol.MemberMetadata.encode({ version: 0, topics, userData: Buffer.alloc(0) }),
    };
  },
});

describe('kafkajs: pause / resume / seek', () => {
  it('eachBatch without resolveOffset gets the same records again: the fetch position IS the resolved offset', async () => {
    const kafka = kafkaClient();
    const topic = uniqueName('prs-position');
    await createTopics([topic]);
    await fill(kafka, topic, [0], 10);
    const consumer = kafka.consumer({ groupId: uniqueName('prs-position-group'), maxWaitTimeInMs: 300 });
    const batches: number[][] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset }) => {
        batches.push(offsetsOf(batch));
        if (batches.length === 3) resolveOffset('6'); // third time: take 0..6
      },
    });
    try {
      await waitFor(() => batches.length >= 4, '4 batches');
    } finally {
      await consumer.disconnect();
    }
    expect(batches[0]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(batches[1]).toEqual(batches[0]);
    expect(batches[2]).toEqual(batches[0]);
    expect(batches[3]).toEqual([7, 8, 9]);
  });

  it('pause() stops a partition at the next fetch (an already fetched batch still comes); resume() continues from the resolved offset; seek() re-delivers', async () => {
    const kafka = kafkaClient();
    const topic = uniqueName('prs-pause');
    await createTopics([{ topic, numPartitions: 2 }]);
    await fill(kafka, topic, [0, 1], 10);
    const groupId = uniqueName('prs-pause-group');
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 300 });
    const timeline = new Timeline();
    watch(consumer, 'c', timeline);
    let first = -1;
    let staleAfterSeek: boolean | undefined;
    let seekInside = false;
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, pause, isStale }) => {
        timeline.add('c', 'eachBatch', { partition: batch.partition, offsets: offsetsOf(batch) });
        if (first < 0) {
          // First batch: keep offsets 0..3, pause this partition (payload.pause) and the other one
          // (consumer.pause) whose batch came in the same fetch.
          first = batch.partition;
          resolveOffset('3');
          pause();
          consumer.pause([{ topic, partitions: [1 - first] }]);
          timeline.add('c', 'paused both');
          return;
        }
        if (seekInside) {
          seekInside = false;
          consumer.seek({ topic, partition: batch.partition, offset: '1' });
          staleAfterSeek = isStale();
          timeline.add('c', 'seek inside eachBatch to 1', { partition: batch.partition });
          return;
        }
        for (const m of batch.messages) resolveOffset(m.offset);
      },
    });
    const batchesSince = (i: number, p: number) =>
      timeline.entries.slice(i).filter((e) => e.what === 'eachBatch' && e.partition === p);
    try {
      await waitFor(() => timeline.index((e) => e.what === 'paused both') >= 0, 'the first batch');
      const iPaused = timeline.index((e) => e.what === 'paused both');
      const other = 1 - first;
      await sleep(500);
      // The other partition's batch from the same fetch round is delivered although it is paused now.
      const queued = batchesSince(iPaused, other);
      finding('batches of a partition paused after its fetch, still delivered', queued.length);
      expect(queued.map((e) => e.offsets)).toEqual([[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]]);
      expect(consumer.paused()).toEqual([{ topic, partitions: [0, 1] }]);

      // New records while paused: nothing is delivered for 1.5 s.
      await fill(kafka, topic, [0, 1], 5, 10);
      const iNew = timeline.entries.length;
      await sleep(1_500);
      expect(timeline.entries.slice(iNew).filter((e) => e.what === 'eachBatch')).toEqual([]);

      // resume (outside eachBatch): the first partition continues at 4 (resolved 3), the other at 10.
      const iResume = timeline.entries.length;
      consumer.resume([{ topic, partitions: [first] }]);
      await waitFor(() => batchesSince(iResume, first).length >= 1, 'first partition after resume');
      expect(batchesSince(iResume, first)[0]?.offsets).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
      await sleep(300);
      expect(batchesSince(iResume, other)).toEqual([]);
      const iResume2 = timeline.entries.length;
      consumer.resume([{ topic, partitions: [other] }]);
      await waitFor(() => batchesSince(iResume2, other).length >= 1, 'other partition after resume');
      expect(batchesSince(iResume2, other)[0]?.offsets).toEqual([10, 11, 12, 13, 14]);

      // seek (outside eachBatch) on an assigned partition: re-delivered from that offset.
      const iSeek = timeline.entries.length;
      consumer.seek({ topic, partition: first, offset: '12' });
      await waitFor(() => batchesSince(iSeek, first).length >= 1, 'first partition after seek');
      expect(batchesSince(iSeek, first)[0]?.offsets).toEqual([12, 13, 14]);

      // seek inside eachBatch: isStale() turns true, the next batch starts at the sought offset.
      seekInside = true;
      await fill(kafka, topic, [other], 1, 15);
      await waitFor(() => timeline.index((e) => e.what === 'seek inside eachBatch to 1') >= 0, 'seek inside');
      const iSeekInside = timeline.index((e) => e.what === 'seek inside eachBatch to 1');
      await waitFor(() => batchesSince(iSeekInside, other).length >= 1, 'redelivery after seek inside');
      expect(staleAfterSeek).toBe(true);
      expect(batchesSince(iSeekInside, other)[0]?.offsets?.[0]).toBe(1);
      finding('pause/resume/seek timeline', timeline.summary());
    } finally {
      await consumer.disconnect();
    }
    // Nothing was committed (autoCommit false, no commitOffsets).
    expect(await committedOffsets(kafka, groupId, topic)).toEqual({ 0: '-1', 1: '-1' });
  });

  it('GROUP_JOIN listeners run synchronously before the generation’s first fetch (a pause there holds back every record) but are not awaited; pauses survive rebalances', async () => {
    const kafka = kafkaClient();
    const topic = uniqueName('prs-join');
    await createTopics([{ topic, numPartitions: 2 }]);
    await fill(kafka, topic, [0, 1], 5);
    const groupId = uniqueName('prs-join-group');
    const config: ConsumerConfig = {
      groupId,
      partitionAssigners: [everythingToEveryone],
      heartbeatInterval: 300,
      maxWaitTimeInMs: 300,
    };
    const a = kafka.consumer(config);
    const timeline = new Timeline();
    let joins = 0;
    let asyncListenerDoneAt = 0;
    let firstBatchAt = 0;
    a.on(a.events.GROUP_JOIN, () => {
      joins += 1;
      timeline.add('a', 'GROUP_JOIN (sync listener)');
      if (joins === 1) a.pause([{ topic, partitions: [0] }]);
    });
    a.on(a.events.GROUP_JOIN, async () => {
      if (joins !== 1) return;
      await sleep(1_000);
      asyncListenerDoneAt = Date.now();
      timeline.add('a', 'async GROUP_JOIN listener done');
    });
    a.on(a.events.REBALANCING, () => timeline.add('a', 'REBALANCING'));
    await a.connect();
    await a.subscribe({ topics: [topic], fromBeginning: true });
    const b = kafka.consumer(config);
    await b.connect();
    await b.subscribe({ topics: [topic], fromBeginning: true });
    try {
      await a.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          firstBatchAt ||= Date.now();
          timeline.add('a', 'eachBatch', { partition: batch.partition, offsets: offsetsOf(batch) });
        },
      });
      await waitFor(() => timeline.find((e) => e.what === 'eachBatch') !== undefined, 'a first batch');
      await waitFor(() => asyncListenerDoneAt > 0, 'the async listener');
      expect(timeline.entries[0]?.what).toBe('GROUP_JOIN (sync listener)');
      // The async listener was not awaited: records flowed before it finished.
      expect(firstBatchAt).toBeGreaterThan(0);
      expect(firstBatchAt).toBeLessThan(asyncListenerDoneAt);
      const delivered = (p: number) => timeline.entries.filter((e) => e.what === 'eachBatch' && e.partition === p);
      expect(delivered(1).length).toBeGreaterThan(0);
      expect(delivered(0)).toEqual([]);

      // A second member joins; a rejoins (new generation, same partitions). The pause is kept.
      await b.run({ autoCommit: false, eachBatch: async () => {} });
      await waitFor(() => joins >= 2, 'a to rejoin');
      const iRejoin = timeline.entries.length - 1;
      // Same partitions in the new generation, yet partition 1 is read again from the committed offset
      // (none: the beginning): the position is not kept across a rebalance.
      await waitFor(() => delivered(1).length >= 2, 'partition 1 in the new generation');
      expect(timeline.entries.slice(iRejoin).find((e) => e.what === 'eachBatch')?.offsets?.[0]).toBe(0);
      await fill(kafka, topic, [0, 1], 3, 5);
      await waitFor(() => delivered(1).some((e) => e.offsets?.includes(7)), 'new records of partition 1');
      await sleep(500);
      expect(delivered(0)).toEqual([]);
      expect(a.paused()).toEqual([{ topic, partitions: [0] }]);

      a.resume([{ topic, partitions: [0] }]);
      await waitFor(() => delivered(0).length > 0, 'partition 0 after resume');
      expect(delivered(0)[0]?.offsets?.[0]).toBe(0);
      finding('GROUP_JOIN listener timeline', timeline.summary());
    } finally {
      await Promise.all([a.disconnect(), b.disconnect()]);
    }
  });
});
