// Checks, against the real broker, the kafkajs 2.2.4 behaviours behind two runtime workarounds:
//  1. manual assignment (`assign()`) emulated by a consumer in a throwaway group with a custom assigner;
//  2. assignor userData: members' subscription userData reaches the leader's assigner, and the leader's
//     assignment userData reaches every member (kafkajs drops it on the way; see where to read it).
// Findings: docs/kafkajs-findings.md. Lines starting with `[finding]` report measured numbers.
//
// These tests characterise kafkajs itself (the gaps the adapter works around, and the `[finding]` numbers the doc
// quotes). What the runtime relies on is asserted through the port, for every adapter, by the contract tests in
// test/integration/client-contract/:
//  - reading chosen partitions from chosen offsets (the runtime's use of manual assignment):
//    partition-reader.contract.test.ts 'reads each partition from its own `from`, in order; ...';
//  - members' subscription userData reaching the leader's assign(), and each member getting what assign() gave it:
//    group-consumer.contract.test.ts "the leader's assign() gets each member's current subscriptionUserData and the
//    partition counts; ...". (The port carries no assignment userData back to members.)
import { describe, expect, it } from 'vitest';
import {
  AssignerProtocol,
  type Cluster,
  type Consumer,
  type ConsumerGroupJoinEvent,
  type Kafka,
  type PartitionAssigner,
} from 'kafkajs';
import { createTopics, kafkaClient, uniqueName } from '../../harness/kafka.js';
import { sleep, finding, waitFor } from '../../harness/findings.js';

const { MemberAssignment, MemberMetadata } = AssignerProtocol;

type JoinPayload = ConsumerGroupJoinEvent['payload'];

interface Seen {
  partition: number;
  offset: number;
  value: string;
}

/** Writes `perPartition` records `p<p>-<i>` to each partition, so partition p holds offsets 0..perPartition-1. */
async function fill(kafka: Kafka, topic: string, partitions: number, perPartition: number): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic,
    messages: Array.from({ length: partitions * perPartition }, (_, n) => {
      const partition = n % partitions;
      const i = Math.floor(n / partitions);
      return { partition, key: `k${i}`, value: `p${partition}-${i}` };
    }),
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

/** An assigner that hands every member exactly `partitions` of `topic`: `consumer.assign()` for kafkajs. */
function manualAssigner(topic: string, partitions: number[]): PartitionAssigner {
  const name = 'KStreamsManualAssigner';
  return () => ({
    name,
    version: 0,
    async assign({ members }) {
      return members.map(({ memberId }) => ({
        memberId,
        memberAssignment: MemberAssignment.encode({
          version: 0,
          assignment: { [topic]: partitions },
          userData: Buffer.alloc(0),
        }),
      }));
    },
    protocol({ topics }) {
      return { name, metadata: MemberMetadata.encode({ version: 0, topics, userData: Buffer.alloc(0) }) };
    },
  });
}

describe('kafkajs: manual assignment through a custom assigner', () => {
  it('a consumer in a throwaway group reads exactly the chosen partitions from the offsets sought at GROUP_JOIN, and commits nothing', async () => {
    const kafka = kafkaClient();
    const topic = uniqueName('asg-manual');
    await createTopics([{ topic, numPartitions: 4 }]);
    await fill(kafka, topic, 4, 10);

    const groupId = uniqueName('asg-manual-group');
    // maxWaitTimeInMs: the fetch long-poll; disconnect() waits for the fetch in flight (default 5000 ms).
    const consumer = kafka.consumer({
      groupId,
      partitionAssigners: [manualAssigner(topic, [1, 3])],
      maxWaitTimeInMs: 500,
    });
    const joins: JoinPayload[] = [];
    const commits: unknown[] = [];
    const seen: Seen[] = [];
    let firstBatchAt = 0;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      joins.push(payload);
      // The "assign + seek" of a restore consumer: chosen start offsets, not the group's (absent) commits.
      consumer.seek({ topic, partition: 1, offset: '4' });
      consumer.seek({ topic, partition: 3, offset: '7' });
    });
    consumer.on(consumer.events.COMMIT_OFFSETS, ({ payload }) => commits.push(payload));

    await consumer.connect();
    // fromBeginning only decides where partitions without a commit and without a seek start.
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const runStarted = Date.now();
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        firstBatchAt ||= Date.now();
        for (const m of batch.messages) {
          seen.push({ partition: batch.partition, offset: Number(m.offset), value: String(m.value) });
        }
      },
    });
    const runMs = Date.now() - runStarted;
    try {
      // run() normally resolves after the first join (Runner.start awaits joinAndSync), but it also resolves
      // when that join crashed (e.g. COORDINATOR_LOAD_IN_PROGRESS on a fresh broker) and kafkajs restarts the
      // consumer in the background; so wait for the event rather than trusting run().
      await waitFor(() => joins.length >= 1, 'GROUP_JOIN');
      await waitFor(() => seen.length >= 9, '9 records from partitions 1 and 3');
      const firstRecordMs = firstBatchAt - runStarted;
      await sleep(1_000); // nothing more may arrive
      expect(joins).toHaveLength(1);
      finding('manual assignment: join', {
        groupJoinDurationMs: joins[0]?.duration,
        runResolvedAfterMs: runMs,
        firstRecordAfterRunMs: firstRecordMs,
      });

      expect(joins[0]?.memberAssignment).toEqual({ [topic]: [1, 3] });
      expect(joins[0]?.isLeader).toBe(true);
      const byPartition = (p: number) => seen.filter((s) => s.partition === p).map((s) => s.offset);
      expect(byPartition(1)).toEqual([4, 5, 6, 7, 8, 9]);
      expect(byPartition(3)).toEqual([7, 8, 9]);
      expect(seen.filter((s) => s.partition === 0 || s.partition === 2)).toEqual([]);
      expect(seen.find((s) => s.partition === 1 && s.offset === 4)?.value).toBe('p1-4');
    } finally {
      const leaveStarted = Date.now();
      await consumer.disconnect();
      finding('manual assignment: disconnect (leave group) ms', Date.now() - leaveStarted);
    }

    expect(commits).toEqual([]);
    const offsets = await committedOffsets(kafka, groupId, topic);
    expect(offsets).toEqual({ 0: '-1', 1: '-1', 2: '-1', 3: '-1' });
  });

  it('joining a fresh throwaway group is fast; leaving waits for the fetch long-poll (maxWaitTimeInMs)', async () => {
    const kafka = kafkaClient();
    const topic = uniqueName('asg-jointime');
    await createTopics([{ topic, numPartitions: 2 }]);
    const durations: number[] = [];
    const runs: number[] = [];
    const leaves: number[] = [];
    for (let i = 0; i < 5; i++) {
      const consumer = kafka.consumer({
        groupId: uniqueName('asg-jointime-group'),
        partitionAssigners: [manualAssigner(topic, [0])],
        maxWaitTimeInMs: 100,
      });
      let joined: JoinPayload | undefined;
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
        joined = payload;
      });
      await consumer.connect();
      await consumer.subscribe({ topics: [topic] });
      const started = Date.now();
      await consumer.run({ autoCommit: false, eachBatch: async () => {} });
      await waitFor(() => joined !== undefined, 'GROUP_JOIN');
      runs.push(Date.now() - started);
      durations.push(joined?.duration ?? -1);
      await sleep(300); // let the fetch loop run
      const leaving = Date.now();
      await consumer.disconnect();
      leaves.push(Date.now() - leaving);
    }
    finding('throwaway-group join: GROUP_JOIN.duration ms', durations);
    finding('throwaway-group join: run() + GROUP_JOIN after ms', runs);
    finding('throwaway-group leave with maxWaitTimeInMs=100: disconnect() ms', leaves);
    // group.initial.rebalance.delay.ms is 0 on the test broker; with the broker default (3000) a new group's
    // first join waits ~3 s.
    for (const d of durations) expect(d).toBeLessThan(2_500);
    // disconnect() waits for the in-flight fetch (up to maxWaitTimeInMs) before LeaveGroup.
    for (const d of leaves) expect(d).toBeLessThan(2_000);
  });

  it('a seek past the end of a partition makes kafkajs COMMIT the reset offset, even with autoCommit false', async () => {
    const kafka = kafkaClient();
    const topic = uniqueName('asg-oor');
    await createTopics([{ topic, numPartitions: 2 }]);
    await fill(kafka, topic, 2, 5);
    const groupId = uniqueName('asg-oor-group');
    const consumer = kafka.consumer({ groupId, partitionAssigners: [manualAssigner(topic, [1])], maxWaitTimeInMs: 500 });
    const seen: Seen[] = [];
    consumer.on(consumer.events.GROUP_JOIN, () => consumer.seek({ topic, partition: 1, offset: '1000' }));
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) {
          seen.push({ partition: batch.partition, offset: Number(m.offset), value: String(m.value) });
        }
      },
    });
    try {
      // OFFSET_OUT_OF_RANGE -> ConsumerGroup.recoverFromOffsetOutOfRange -> OffsetManager.setDefaultOffset,
      // which sends an OffsetCommit of the fromBeginning/latest default, whatever autoCommit says.
      await waitFor(() => seen.length >= 5, 'the partition re-read from the beginning');
    } finally {
      await consumer.disconnect();
    }
    expect(seen.map((s) => s.offset)).toEqual([0, 1, 2, 3, 4]);
    const offsets = await committedOffsets(kafka, groupId, topic);
    finding('out-of-range seek: committed offsets afterwards', offsets);
    // It commits the sentinel itself: -2 (EARLIEST_OFFSET, fromBeginning) or -1 (LATEST_OFFSET).
    expect(offsets[1]).toBe('-2');
    expect(offsets[0]).toBe('-1');
  });
});

// ---------------------------------------------------------------------------------------------------------
// 2. userData

interface OwnAssignment {
  generationId: number;
  memberId: string;
  assignment: Record<string, number[]>;
  userData: string;
}

interface SyncGroupAnswer {
  memberAssignment: Buffer;
}
interface CoordinatorLike {
  syncGroup(request: { generationId: number; memberId: string }): Promise<SyncGroupAnswer>;
}

/**
 * Captures this member's own SyncGroup answer (assignment + userData) by wrapping `syncGroup` on the
 * group-coordinator Broker objects of this consumer's own Cluster (each kafka.consumer() has its own Cluster).
 * Runs before GROUP_JOIN is emitted, for every generation, without touching node_modules.
 */
function captureOwnAssignment(cluster: Cluster, onAssignment: (a: OwnAssignment) => void): void {
  const wrapped = new WeakSet<object>();
  const findGroupCoordinator = cluster.findGroupCoordinator.bind(cluster);
  cluster.findGroupCoordinator = async (group) => {
    const broker = await findGroupCoordinator(group);
    const coordinator = broker as unknown as CoordinatorLike;
    if (!wrapped.has(coordinator)) {
      wrapped.add(coordinator);
      const syncGroup = coordinator.syncGroup.bind(coordinator);
      coordinator.syncGroup = async (request) => {
        const answer = await syncGroup(request);
        const decoded = MemberAssignment.decode(answer.memberAssignment);
        onAssignment({
          generationId: request.generationId,
          memberId: request.memberId,
          assignment: decoded?.assignment ?? {},
          userData: decoded ? decoded.userData.toString() : '<empty assignment>',
        });
        return answer;
      };
    }
    return broker;
  };
}

interface LeaderView {
  members: Array<{ memberId: string; version: number; topics: string[]; userData: string }>;
  topics: string[];
}

/**
 * A Streams-like assignor: each member announces `{ name }` as subscription userData; the leader gives all
 * partitions to the member named "a", none to the others, and tells every member (in assignment userData)
 * its name, the generation's member count and who got what.
 */
function userDataAssigner(
  myName: string,
  leaderViews: LeaderView[],
  onOwnAssignment: (a: OwnAssignment) => void,
): PartitionAssigner {
  const name = 'KStreamsUserDataAssigner';
  return ({ cluster }) => {
    captureOwnAssignment(cluster, onOwnAssignment);
    return {
      name,
      version: 1,
      async assign({ members, topics }) {
        const decoded = members.map((m) => {
          const md = MemberMetadata.decode(m.memberMetadata)!;
          return { memberId: m.memberId, version: md.version, topics: md.topics, userData: md.userData.toString() };
        });
        leaderViews.push({ members: decoded, topics });
        const allPartitions = cluster.findTopicPartitionMetadata(topics[0]!).map((p) => p.partitionId).sort();
        return decoded.map((m) => {
          const memberName = (JSON.parse(m.userData) as { name: string }).name;
          const assignment = memberName === 'a' ? { [topics[0]!]: allPartitions } : {};
          return {
            memberId: m.memberId,
            memberAssignment: MemberAssignment.encode({
              version: 1,
              assignment,
              userData: Buffer.from(JSON.stringify({ to: memberName, members: decoded.length })),
            }),
          };
        });
      },
      protocol({ topics }) {
        return {
          name,
          metadata: MemberMetadata.encode({
            version: 1,
            topics,
            userData: Buffer.from(JSON.stringify({ name: myName })),
          }),
        };
      },
    };
  };
}

describe('kafkajs: assignor userData', () => {
  it('the leader sees every member’s userData; each member gets its assignment userData (not in GROUP_JOIN: read it from SyncGroup or describeGroup)', async () => {
    const kafka = kafkaClient();
    const topic = uniqueName('asg-userdata');
    await createTopics([{ topic, numPartitions: 3 }]);
    const groupId = uniqueName('asg-userdata-group');

    const leaderViews: LeaderView[] = [];
    const own: Record<string, OwnAssignment[]> = { a: [], b: [] };
    const joins: Record<string, JoinPayload[]> = { a: [], b: [] };
    const consumers: Record<string, Consumer> = {};
    for (const name of ['a', 'b']) {
      const consumer = kafka.consumer({
        groupId,
        partitionAssigners: [userDataAssigner(name, leaderViews, (a) => own[name]!.push(a))],
        heartbeatInterval: 500,
        maxWaitTimeInMs: 500,
      });
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => joins[name]!.push(payload));
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      consumers[name] = consumer;
    }
    try {
      await consumers.a!.run({ autoCommit: false, eachBatch: async () => {} });
      await waitFor(() => joins.a!.length >= 1, 'a joined');
      const bStarted = Date.now();
      await consumers.b!.run({ autoCommit: false, eachBatch: async () => {} });
      // a joins alone first (generation n), b's join makes a rejoin (generation n+1 with both members).
      const lastOwn = (name: string) => own[name]!.at(-1);
      await waitFor(
        () =>
          lastOwn('a')?.userData.includes('"members":2') === true &&
          lastOwn('b')?.userData.includes('"members":2') === true &&
          joins.a!.length >= 2 &&
          joins.b!.length >= 1,
        'a generation with both members',
      );
      finding('userData: second member join (a must notice by heartbeat and rejoin) ms', {
        bJoinedAfterMs: Date.now() - bStarted,
        bGroupJoinDuration: joins.b!.at(-1)?.duration,
        heartbeatInterval: 500,
      });

      // The leader's assign() saw both members' subscription userData.
      const lastView = leaderViews.at(-1)!;
      expect(lastView.members.map((m) => m.userData).sort()).toEqual(['{"name":"a"}', '{"name":"b"}']);
      expect(lastView.members.every((m) => m.version === 1 && m.topics.join() === topic)).toBe(true);
      expect(lastView.topics).toEqual([topic]);

      // Each member received its own assignment userData (captured from its SyncGroup answer) ...
      const a = lastOwn('a')!;
      const b = lastOwn('b')!;
      expect(JSON.parse(a.userData)).toEqual({ to: 'a', members: 2 });
      expect(JSON.parse(b.userData)).toEqual({ to: 'b', members: 2 });
      expect(a.assignment).toEqual({ [topic]: [0, 1, 2] });
      expect(b.assignment).toEqual({}); // a member with no partitions still gets its userData
      expect(a.generationId).toBe(b.generationId);

      // ... which the GROUP_JOIN event does not carry: only { topic: partitions }.
      const joinA = joins.a!.at(-1)!;
      const joinB = joins.b!.at(-1)!;
      expect(joinA.memberAssignment).toEqual({ [topic]: [0, 1, 2] });
      expect(joinB.memberAssignment).toEqual({});
      expect(Object.keys(joinA).sort()).toEqual(
        ['duration', 'groupId', 'groupProtocol', 'isLeader', 'leaderId', 'memberAssignment', 'memberId'].sort(),
      );
      expect(joinA.memberId).toBe(a.memberId);
      expect(joinB.memberId).toBe(b.memberId);
      expect(joinA.groupProtocol).toBe('KStreamsUserDataAssigner');

      // The public alternative: describeGroup() (DescribeGroups) returns every member's metadata and
      // assignment bytes while the group is Stable.
      const described = await consumers.b!.describeGroup();
      finding('describeGroup state after both joined', described.state);
      expect(described.state).toBe('Stable');
      const fromDescribe = Object.fromEntries(
        described.members.map((m) => {
          const decoded = MemberAssignment.decode(m.memberAssignment);
          return [m.memberId, decoded ? decoded.userData.toString() : '<empty>'];
        }),
      );
      expect(fromDescribe[a.memberId]).toBe(a.userData);
      expect(fromDescribe[b.memberId]).toBe(b.userData);
      const subscriptionUserData = described.members
        .map((m) => MemberMetadata.decode(m.memberMetadata)!.userData.toString())
        .sort();
      expect(subscriptionUserData).toEqual(['{"name":"a"}', '{"name":"b"}']);
      finding('userData: generations seen by a / b', {
        a: own.a!.map((x) => [x.generationId, x.userData]),
        b: own.b!.map((x) => [x.generationId, x.userData]),
        leaderCalls: leaderViews.length,
      });
    } finally {
      await Promise.all([consumers.a?.disconnect(), consumers.b?.disconnect()]);
    }
  });
});
