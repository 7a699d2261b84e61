import { describe, expect, it } from 'vitest';
import { assignTasks } from '../../../src/runtime/thread/task-assignor.js';
import { layoutTasks } from '../../../src/runtime/thread/task-layout.js';
import { Serdes, StreamsBuilder } from '../../../src/index.js';
import { builtTopology } from '../../../src/topology/built-topology.js';

const tasks = (n: number, sub = 0) => Array.from({ length: n }, (_, p) => `${sub}_${p}`);
const counts = (m: Map<string, string[]>) => [...m.values()].map((l) => l.length);

describe('assignTasks', () => {
  it('gives every task to exactly one member, balanced within one', () => {
    for (const members of [1, 2, 3, 4, 7]) {
      for (const n of [0, 1, 5, 6, 12, 13]) {
        const m = assignTasks(
          tasks(n),
          Array.from({ length: members }, (_, i) => ({ memberId: `m${i}`, previousTasks: [] })),
        );
        const all = [...m.values()].flat().sort();
        expect(all).toEqual(tasks(n).sort());
        expect(Math.max(...counts(m)) - Math.min(...counts(m))).toBeLessThanOrEqual(1);
      }
    }
  });

  it('keeps tasks with their previous owner when a member joins, moving only what balance needs', () => {
    const before = assignTasks(tasks(6), [
      { memberId: 'a', previousTasks: [] },
      { memberId: 'b', previousTasks: [] },
    ]);
    const after = assignTasks(tasks(6), [
      { memberId: 'a', previousTasks: before.get('a')! },
      { memberId: 'b', previousTasks: before.get('b')! },
      { memberId: 'c', previousTasks: [] },
    ]);
    expect(counts(after)).toEqual([2, 2, 2]);
    for (const t of after.get('a')!) expect(before.get('a')).toContain(t);
    for (const t of after.get('b')!) expect(before.get('b')).toContain(t);
  });

  it('gives a leaving member\'s tasks to the others and keeps the rest where they were', () => {
    const prev = { a: ['0_0', '0_1'], b: ['0_2', '0_3'], c: ['0_4', '0_5'] };
    const after = assignTasks(tasks(6), [
      { memberId: 'a', previousTasks: prev.a },
      { memberId: 'c', previousTasks: prev.c },
    ]);
    expect(after.get('a')).toEqual(expect.arrayContaining(prev.a));
    expect(after.get('c')).toEqual(expect.arrayContaining(prev.c));
    expect([...after.get('a')!, ...after.get('c')!].filter((t) => prev.b.includes(t)).sort()).toEqual(prev.b);
    expect(counts(after)).toEqual([3, 3]);
  });
});

describe('layoutTasks', () => {
  it('makes one task per partition of each sub-topology, with co-partitioned topics in the same task', () => {
    const b = new StreamsBuilder();
    b.stream(['left', 'right'], { keySerde: Serdes.string(), valueSerde: Serdes.string() })
      .repartition({ name: 'r', numberOfPartitions: 2 })
      .to('out');
    const topology = builtTopology(b.build());
    const partitionsOf: Record<string, number> = { left: 3, right: 3, 'app-r-repartition': 2 };
    const layout = layoutTasks(
      topology,
      (id) => topology.subtopologies[id]!.sourceTopics.map((t) => topology.resolveTopic(t, 'app')),
      (t) => partitionsOf[t]!,
    );
    expect(layout.map((t) => t.taskId)).toEqual(['0_0', '0_1', '0_2', '1_0', '1_1']);
    expect(layout[1]!.partitions).toEqual([
      { topic: 'left', partition: 1 },
      { topic: 'right', partition: 1 },
    ]);
    expect(layout[4]!.partitions).toEqual([{ topic: 'app-r-repartition', partition: 1 }]);
  });
});
