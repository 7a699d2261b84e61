// RecordQueue: one partition's buffered input. The head is deserialized only when it becomes the head; the queue
// keeps partition time, the last consumed offset (taken or skipped) and the fetch position.
import { describe, expect, it } from 'vitest';
import { Headers } from '../../../src/index.js';
import type { InputRecord, StampedRecord } from '../../../src/record/input-record.js';
import { RecordQueue } from '../../../src/runtime/task/record-queue.js';

const raw = (offset: number, timestamp = offset * 10, value = `v${offset}`): InputRecord => ({
  topic: 'in',
  partition: 3,
  offset,
  timestamp,
  key: null,
  value: new TextEncoder().encode(value),
  headers: new Headers(),
});

/** A queue whose deserializer records each call (offset and the partition time it was given) and skips values `skip`. */
function queue() {
  const calls: Array<{ offset: number; partitionTime: number }> = [];
  const q = new RecordQueue('in', 3, (r, partitionTime): StampedRecord | undefined => {
    calls.push({ offset: r.offset, partitionTime });
    const value = new TextDecoder().decode(r.value!);
    if (value === 'skip') return undefined;
    return { raw: r, key: null, value, timestamp: r.timestamp };
  });
  return { q, calls };
}

describe('RecordQueue', () => {
  it('starts empty, with unknown partition time, offsets and fetch position', () => {
    const { q } = queue();
    expect(q.topic).toBe('in');
    expect(q.partition).toBe(3);
    expect(q.size).toBe(0);
    expect(q.head()).toBeUndefined();
    expect(q.poll()).toBeUndefined();
    expect(q.partitionTime).toBe(-1);
    expect(q.lastConsumedOffset).toBe(-1);
    expect(q.fetchPosition).toBe(-1);
    expect(q.droppedCount).toBe(0);
  });

  it('deserializes nothing on add, and only the head when asked, once', () => {
    const { q, calls } = queue();
    q.add([raw(0), raw(1), raw(2)]);
    expect(calls).toEqual([]);
    expect(q.size).toBe(3);
    expect(q.head()!.value).toBe('v0');
    expect(q.head()!.value).toBe('v0');
    expect(calls.map((c) => c.offset)).toEqual([0]);
    // The deserialized head still counts as buffered.
    expect(q.size).toBe(3);
  });

  it('poll takes the head, in offset order, and the next head is deserialized only on demand', () => {
    const { q, calls } = queue();
    q.add([raw(5), raw(6)]);
    expect(q.poll()!.raw.offset).toBe(5);
    expect(calls.map((c) => c.offset)).toEqual([5]);
    expect(q.size).toBe(1);
    expect(q.lastConsumedOffset).toBe(5);
    expect(q.poll()!.raw.offset).toBe(6);
    expect(q.lastConsumedOffset).toBe(6);
    expect(q.size).toBe(0);
    expect(q.poll()).toBeUndefined();
    expect(q.lastConsumedOffset).toBe(6);
  });

  it('head() does not consume: lastConsumedOffset and partition time move only on poll', () => {
    const { q } = queue();
    q.add([raw(0, 100)]);
    q.head();
    expect(q.lastConsumedOffset).toBe(-1);
    expect(q.partitionTime).toBe(-1);
    q.poll();
    expect(q.lastConsumedOffset).toBe(0);
    expect(q.partitionTime).toBe(100);
  });

  it('partition time is the largest timestamp taken; an out-of-order record does not lower it', () => {
    const { q, calls } = queue();
    q.add([raw(0, 100), raw(1, 50), raw(2, 300)]);
    q.poll();
    expect(q.partitionTime).toBe(100);
    q.poll();
    expect(q.partitionTime).toBe(100);
    q.poll();
    expect(q.partitionTime).toBe(300);
    // The deserializer (timestamp extractor) saw the partition time as of each record's turn.
    expect(calls).toEqual([
      { offset: 0, partitionTime: -1 },
      { offset: 1, partitionTime: 100 },
      { offset: 2, partitionTime: 100 },
    ]);
  });

  it('skips records the deserializer drops: they count as consumed and as dropped', () => {
    const { q, calls } = queue();
    q.add([raw(10, 10, 'skip'), raw(11, 11, 'skip'), raw(12), raw(13, 13, 'skip')]);
    expect(q.head()!.raw.offset).toBe(12);
    expect(calls.map((c) => c.offset)).toEqual([10, 11, 12]);
    expect(q.lastConsumedOffset).toBe(11);
    expect(q.droppedCount).toBe(2);
    expect(q.size).toBe(2);
    // Skipped records do not move partition time.
    expect(q.partitionTime).toBe(-1);
    q.poll();
    expect(q.lastConsumedOffset).toBe(12);
    // The trailing skipped record is consumed when the next head is looked for.
    expect(q.head()).toBeUndefined();
    expect(q.lastConsumedOffset).toBe(13);
    expect(q.droppedCount).toBe(3);
    expect(q.size).toBe(0);
  });

  it('a queue of only skipped records has no head, and its offsets still advance', () => {
    const { q } = queue();
    q.add([raw(0, 0, 'skip'), raw(1, 1, 'skip')]);
    expect(q.poll()).toBeUndefined();
    expect(q.lastConsumedOffset).toBe(1);
    expect(q.droppedCount).toBe(2);
    expect(q.size).toBe(0);
  });

  it('fetch position is the offset after the newest record added, and never moves back', () => {
    const { q } = queue();
    q.add([raw(0), raw(1)]);
    expect(q.fetchPosition).toBe(2);
    q.add([]);
    expect(q.fetchPosition).toBe(2);
    q.add([raw(7)]);
    expect(q.fetchPosition).toBe(8);
    q.add([raw(3)]);
    expect(q.fetchPosition).toBe(8);
    // Taking records does not change it.
    q.poll();
    q.poll();
    expect(q.fetchPosition).toBe(8);
  });

  it('keeps serving records added after the buffer drained, and while a head is held', () => {
    const { q } = queue();
    q.add([raw(0), raw(1)]);
    q.poll();
    q.poll();
    q.add([raw(2)]);
    expect(q.size).toBe(1);
    expect(q.head()!.raw.offset).toBe(2);
    // The head is out of the buffer; adding more keeps it, in order.
    q.add([raw(3), raw(4)]);
    expect(q.size).toBe(3);
    expect([q.poll(), q.poll(), q.poll()].map((r) => r!.raw.offset)).toEqual([2, 3, 4]);
    expect(q.size).toBe(0);
  });

  it('clear() drops the buffer and the head without consuming them', () => {
    const { q, calls } = queue();
    q.add([raw(0, 100), raw(1), raw(2)]);
    q.poll();
    expect(q.head()!.raw.offset).toBe(1);
    q.clear();
    expect(q.size).toBe(0);
    expect(q.head()).toBeUndefined();
    expect(q.poll()).toBeUndefined();
    // Nothing dropped was deserialized or counted as consumed (so it is not committed as processed).
    expect(calls.map((c) => c.offset)).toEqual([0, 1]);
    expect(q.lastConsumedOffset).toBe(0);
    expect(q.droppedCount).toBe(0);
    expect(q.partitionTime).toBe(100);
    // The queue takes new records afterwards.
    q.add([raw(1)]);
    expect(q.poll()!.raw.offset).toBe(1);
    expect(q.lastConsumedOffset).toBe(1);
  });
});
