// startOffsets against a fake of our own AdminPort (the port, not kafkajs).
import { describe, expect, it } from 'vitest';
import { type AdminPort } from '../../../src/client/kafka-client.js';
import { partitionKey } from '../../../src/record/topic-partition.js';
import { startOffsets } from '../../../src/runtime/thread/start-offsets.js';

/** Answers like the kafkajs adapter: watermarks for every partition of the topic, whatever was asked. */
function fakeAdmin(committed: Record<number, number>, low: number, high: number): AdminPort {
  const whole = (value: number) => new Map([0, 1, 2].map((p) => [partitionKey('t', p), value]));
  return {
    committedOffsets: async () => new Map(Object.entries(committed).map(([p, o]) => [partitionKey('t', Number(p)), o])),
    beginningOffsets: async () => whole(low),
    endOffsets: async () => whole(high),
  } as unknown as AdminPort;
}

const partitions = [0, 1, 2].map((partition) => ({ topic: 't', partition }));

describe('startOffsets', () => {
  it('keeps committed offsets and resets only the partitions without one (earliest)', async () => {
    const offsets = await startOffsets(fakeAdmin({ 0: 600, 2: 17 }, 5, 900), 'g', partitions, () => 'earliest');
    expect(Object.fromEntries(offsets)).toEqual({
      [partitionKey('t', 0)]: 600,
      [partitionKey('t', 1)]: 5,
      [partitionKey('t', 2)]: 17,
    });
  });

  it('uses the end offset for partitions without a commit under latest', async () => {
    const offsets = await startOffsets(fakeAdmin({ 1: 3 }, 5, 900), 'g', partitions, () => 'latest');
    expect([0, 1, 2].map((p) => offsets.get(partitionKey('t', p)))).toEqual([900, 3, 900]);
  });
});
