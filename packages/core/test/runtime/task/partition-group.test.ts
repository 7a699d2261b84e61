// PartitionGroup with InputReadiness: which record a task with several input partitions processes next, and when
// it waits for an empty one (Kafka Streams' max.task.idle.ms, KIP-695). What the driver cannot show (it is always
// caught up) is checked here: an input with records still on the broker is waited for, however long the idle time.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { Headers } from '../../../src/index.js';
import type { InputRecord } from '../../../src/record/input-record.js';
import { ManualClock } from '../../../src/runtime/task/clock.js';
import { PartitionGroup } from '../../../src/runtime/task/partition-group.js';

const logger = pino({ level: 'silent' });

const raw = (topic: string, offset: number, timestamp: number): InputRecord => ({
  topic,
  partition: 0,
  offset,
  timestamp,
  key: null,
  value: null,
  headers: new Headers(),
});

/** A task reading `a-0` and `b-0`, each fetched up to `end` (caught up), with the given idle time. */
function group(maxTaskIdleMs: number, end = 0) {
  const clock = new ManualClock(1_000);
  const g = new PartitionGroup<string>('0_0', clock, logger, maxTaskIdleMs);
  for (const topic of ['a', 'b']) {
    g.add({ topic, partition: 0 }, (r) => ({ raw: r, key: null, value: null, timestamp: r.timestamp }), topic);
    g.notePosition(topic, 0, end, end);
  }
  const add = (topic: string, offset: number, timestamp: number) => {
    g.addRecords(topic, 0, [raw(topic, offset, timestamp)]);
    g.notePosition(topic, 0, offset + 1, offset + 1);
  };
  const next = () => {
    const q = g.nextQueue();
    return q === undefined ? undefined : `${q.topic}@${q.poll()!.timestamp}`;
  };
  return { g, clock, add, next };
}

describe('PartitionGroup: which input goes next', () => {
  it('takes the smallest head timestamp across partitions', () => {
    const { add, next } = group(0);
    add('a', 0, 5);
    add('a', 1, 9);
    add('b', 0, 7);
    expect([next(), next(), next(), next()]).toEqual(['a@5', 'b@7', 'a@9', undefined]);
  });

  it('maxTaskIdleMs 0: an empty, caught-up partition is not waited for, and that is counted as enforced processing', () => {
    const { g, add, next } = group(0);
    add('a', 0, 5);
    expect(next()).toBe('a@5');
    expect(g.enforcedProcessingTotal).toBe(1);
  });

  it('maxTaskIdleMs 100: waits 100 ms of wall clock from when the empty partition was first seen', () => {
    const { g, clock, add, next } = group(100);
    add('a', 0, 5);
    expect(next()).toBeUndefined();
    expect(g.idleDeadline()).toBe(1_100);
    clock.advance(99);
    expect(next()).toBeUndefined();
    clock.advance(1);
    expect(next()).toBe('a@5');
    expect(g.enforcedProcessingTotal).toBe(1);
  });

  it('a record arriving on the empty partition in time is processed first when it is older', () => {
    const { g, clock, add, next } = group(100);
    add('a', 0, 5);
    expect(next()).toBeUndefined();
    clock.advance(50);
    add('b', 0, 3);
    expect(next()).toBe('b@3');
    expect(g.enforcedProcessingTotal).toBe(0);
    // b is empty again: a new wait starts now
    expect(next()).toBeUndefined();
    expect(g.idleDeadline()).toBe(1_150);
  });

  it('an empty partition with records on the broker is waited for, however long the idle time', () => {
    const { g, clock, add, next } = group(0);
    add('a', 0, 5);
    g.notePosition('b', 0, 0, 3); // the last fetch of b saw end offset 3: three records are on their way
    expect(next()).toBeUndefined();
    clock.advance(10_000);
    expect(next()).toBeUndefined();
    add('b', 2, 4); // fetched up to 3
    expect([next(), next()]).toEqual(['b@4', 'a@5']);
  });

  it('a partition whose end offset is unknown is waited for', () => {
    const clock = new ManualClock(0);
    const g = new PartitionGroup<string>('0_0', clock, logger, 0);
    for (const topic of ['a', 'b']) g.add({ topic, partition: 0 }, (r) => ({ raw: r, key: null, value: null, timestamp: r.timestamp }), topic);
    g.addRecords('a', 0, [raw('a', 0, 5)]);
    g.notePosition('a', 0, 1, 1);
    expect(g.nextQueue()).toBeUndefined();
    g.notePosition('b', 0, 0, 0);
    expect(g.nextQueue()?.topic).toBe('a');
  });

  it('a lagging partition is waited for at most 30 s, then processing goes on without it', () => {
    const { g, clock, add, next } = group(0);
    add('a', 0, 5);
    g.notePosition('b', 0, 0, 3);
    expect(next()).toBeUndefined();
    expect(g.idleDeadline()).toBe(31_000);
    clock.advance(29_999);
    expect(next()).toBeUndefined();
    clock.advance(1);
    expect(next()).toBe('a@5');
    expect(g.enforcedProcessingTotal).toBe(1);
  });

  it('maxTaskIdleMs -1 never waits, not even for a lagging partition', () => {
    const { g, add, next } = group(-1);
    add('a', 0, 5);
    g.notePosition('b', 0, 0, 3);
    expect(next()).toBe('a@5');
    expect(g.enforcedProcessingTotal).toBe(0);
  });

  it('no deadline while nothing is buffered, so an idle thread does not wake for it', () => {
    const { g, next } = group(100);
    expect(next()).toBeUndefined();
    expect(g.idleDeadline()).toBeUndefined();
  });
});
