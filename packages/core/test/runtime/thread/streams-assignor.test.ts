// StreamsAssignor, the group assignor the leader runs: members report their current tasks in userData; the leader
// lays out the tasks, spreads them (balanced, sticky) and gives each member the partitions of its tasks.
import { describe, expect, it } from 'vitest';
import { Serdes, StreamsBuilder } from '../../../src/index.js';
import type { TopicPartition } from '../../../src/record/topic-partition.js';
import { StreamsAssignor } from '../../../src/runtime/thread/streams-assignor.js';
import { layoutTasks } from '../../../src/runtime/thread/task-layout.js';
import { builtTopology } from '../../../src/topology/built-topology.js';

// Sub-topology 0 reads `left` and `right` (co-partitioned: one task reads partition p of both); sub-topology 1
// reads the repartition topic.
const b = new StreamsBuilder();
b.stream(['left', 'right'], { keySerde: Serdes.string(), valueSerde: Serdes.string() })
  .repartition({ name: 'r', numberOfPartitions: 2 })
  .to('out');
const topology = builtTopology(b.build());
const layout = (count: (topic: string) => number) =>
  layoutTasks(topology, (id) => topology.subtopologies[id]!.sourceTopics.map((t) => topology.resolveTopic(t, 'app')), count);

const cluster: Record<string, number> = { left: 4, right: 4, 'app-r-repartition': 2 };
const partitionCount = (t: string): number | undefined => cluster[t];
const allPartitions = ['left', 'right', 'app-r-repartition'].flatMap((t) =>
  Array.from({ length: cluster[t]! }, (_, p) => `${t}-${p}`),
);

const assignor = (current: readonly string[] = []) => new StreamsAssignor(layout, () => current);
const userData = (tasks: readonly string[]) => assignor(tasks).subscriptionUserData();
const names = (ps: readonly TopicPartition[] | undefined) => (ps ?? []).map((p) => `${p.topic}-${p.partition}`).sort();
/** The task ids a member's partitions make up (a task of sub-topology 0 is `0_p`, of 1 is `1_p`). */
const tasksOf = (ps: readonly TopicPartition[] | undefined) =>
  [...new Set((ps ?? []).map((p) => `${p.topic === 'app-r-repartition' ? 1 : 0}_${p.partition}`))].sort();

function expectEveryPartitionOnce(out: Map<string, TopicPartition[]>) {
  const all = [...out.values()].flatMap((ps) => names(ps));
  expect(all.sort()).toEqual([...allPartitions].sort());
}

describe('StreamsAssignor.subscriptionUserData', () => {
  it('encodes the tasks the member runs now, as of each call', () => {
    let current = ['0_1', '1_0'];
    const a = new StreamsAssignor(layout, () => current);
    expect(a.name).toBe('kstreams-v1');
    expect(JSON.parse(new TextDecoder().decode(a.subscriptionUserData()))).toEqual({ v: 1, tasks: ['0_1', '1_0'] });
    current = [];
    expect(JSON.parse(new TextDecoder().decode(a.subscriptionUserData()))).toEqual({ v: 1, tasks: [] });
  });
});

describe('StreamsAssignor.assign', () => {
  it('gives every partition of every task to exactly one member, and every member an entry', () => {
    const members = ['m1', 'm2', 'm3'].map((memberId) => ({ memberId, userData: new Uint8Array() }));
    const out = assignor().assign(members, partitionCount);
    expect([...out.keys()].sort()).toEqual(['m1', 'm2', 'm3']);
    expectEveryPartitionOnce(out);
    // 6 tasks over 3 members: 2 each.
    expect([...out.values()].map((ps) => tasksOf(ps).length)).toEqual([2, 2, 2]);
  });

  it('puts the co-partitioned topics of one task on the same member', () => {
    for (const n of [1, 2, 3, 5]) {
      const members = Array.from({ length: n }, (_, i) => ({ memberId: `m${i}`, userData: new Uint8Array() }));
      const out = assignor().assign(members, partitionCount);
      expectEveryPartitionOnce(out);
      for (const ps of out.values()) {
        const got = names(ps);
        for (let p = 0; p < 4; p++) expect(got.includes(`left-${p}`)).toBe(got.includes(`right-${p}`));
      }
    }
  });

  it('gives the single member everything', () => {
    const out = assignor().assign([{ memberId: 'only', userData: userData([]) }], partitionCount);
    expect(names(out.get('only'))).toEqual([...allPartitions].sort());
  });

  it('is sticky: members that report their tasks keep them', () => {
    const prev = { m1: ['0_2', '0_3'], m2: ['1_0', '1_1'], m3: ['0_0', '0_1'] };
    const out = assignor().assign(
      Object.entries(prev).map(([memberId, tasks]) => ({ memberId, userData: userData(tasks) })),
      partitionCount,
    );
    expect(tasksOf(out.get('m1'))).toEqual(['0_2', '0_3']);
    expect(tasksOf(out.get('m2'))).toEqual(['1_0', '1_1']);
    expect(tasksOf(out.get('m3'))).toEqual(['0_0', '0_1']);
    expect(names(out.get('m3'))).toEqual(['left-0', 'left-1', 'right-0', 'right-1']);
  });

  it('is stable: assigning again with what each member got reproduces the assignment', () => {
    const members = ['a', 'b', 'c', 'd'];
    const first = assignor().assign(members.map((memberId) => ({ memberId, userData: new Uint8Array() })), partitionCount);
    const second = assignor().assign(
      members.map((memberId) => ({ memberId, userData: userData(tasksOf(first.get(memberId))) })),
      partitionCount,
    );
    for (const m of members) expect(names(second.get(m))).toEqual(names(first.get(m)));
  });

  it('when a member joins, the others keep a subset of their tasks and only the newcomer gains', () => {
    const before = { m1: ['0_0', '0_1', '0_2'], m2: ['0_3', '1_0', '1_1'] };
    const out = assignor().assign(
      [
        { memberId: 'm1', userData: userData(before.m1) },
        { memberId: 'm2', userData: userData(before.m2) },
        { memberId: 'm3', userData: new Uint8Array() },
      ],
      partitionCount,
    );
    expectEveryPartitionOnce(out);
    for (const m of ['m1', 'm2'] as const) {
      expect(tasksOf(out.get(m))).toHaveLength(2);
      for (const t of tasksOf(out.get(m))) expect(before[m]).toContain(t);
    }
    expect(tasksOf(out.get('m3'))).toHaveLength(2);
  });

  it('when a member leaves, the others keep their tasks and share its tasks', () => {
    const before = { m1: ['0_0', '0_1'], m2: ['0_2', '0_3'], m3: ['1_0', '1_1'] };
    const out = assignor().assign(
      [
        { memberId: 'm1', userData: userData(before.m1) },
        { memberId: 'm3', userData: userData(before.m3) },
      ],
      partitionCount,
    );
    expectEveryPartitionOnce(out);
    expect(tasksOf(out.get('m1'))).toEqual(expect.arrayContaining(before.m1));
    expect(tasksOf(out.get('m3'))).toEqual(expect.arrayContaining(before.m3));
    expect(tasksOf(out.get('m1')).length + tasksOf(out.get('m3')).length).toBe(6);
    expect(Math.abs(tasksOf(out.get('m1')).length - tasksOf(out.get('m3')).length)).toBeLessThanOrEqual(1);
  });

  it('treats empty or garbled userData as no previous tasks, without failing', () => {
    const garbled = [
      new Uint8Array(),
      new TextEncoder().encode('not json'),
      new TextEncoder().encode('{"v":1}'),
      new TextEncoder().encode('{"v":1,"tasks":"0_0"}'),
      new TextEncoder().encode('null'),
      new Uint8Array([0xff, 0xfe, 0x00, 0x7b]),
    ];
    const out = assignor().assign(
      garbled.map((u, i) => ({ memberId: `m${i}`, userData: u })),
      partitionCount,
    );
    expect(out.size).toBe(6);
    expectEveryPartitionOnce(out);
    expect([...out.values()].map((ps) => tasksOf(ps).length)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('ignores non-string and unknown task ids in userData, and still honours the valid ones', () => {
    const out = assignor().assign(
      [
        { memberId: 'm1', userData: new TextEncoder().encode(JSON.stringify({ v: 1, tasks: [7, null, '9_9', '0_3', '1_1', '0_2'] })) },
        { memberId: 'm2', userData: new Uint8Array() },
      ],
      partitionCount,
    );
    expectEveryPartitionOnce(out);
    expect(tasksOf(out.get('m1'))).toEqual(expect.arrayContaining(['0_2', '0_3', '1_1']));
    expect(tasksOf(out.get('m1'))).toHaveLength(3);
  });

  it('gives a task claimed by two members to one of them only', () => {
    const out = assignor().assign(
      [
        { memberId: 'm1', userData: userData(['0_0', '0_1']) },
        { memberId: 'm2', userData: userData(['0_0', '0_1']) },
      ],
      partitionCount,
    );
    expectEveryPartitionOnce(out);
    expect(names(out.get('m1')).filter((p) => p === 'left-0').length + names(out.get('m2')).filter((p) => p === 'left-0').length).toBe(1);
  });

  it('members beyond the number of tasks get nothing; topics of unknown partition count make no tasks', () => {
    const small = (t: string) => (t === 'left' || t === 'right' ? 1 : undefined);
    const out = assignor().assign(
      ['m1', 'm2', 'm3'].map((memberId) => ({ memberId, userData: new Uint8Array() })),
      small,
    );
    expect(out.size).toBe(3);
    expect([...out.values()].flatMap((ps) => names(ps)).sort()).toEqual(['left-0', 'right-0']);
    expect([...out.values()].filter((ps) => ps.length === 0)).toHaveLength(2);
  });

  it('with no members assigns nothing', () => {
    expect(assignor().assign([], partitionCount).size).toBe(0);
  });
});
