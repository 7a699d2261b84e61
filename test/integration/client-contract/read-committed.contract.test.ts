// Contract of read_committed reading (group consumer and partition reader) on a partition that several
// transactional producers write and abort out of order: what repartition topics written by several upstream tasks,
// and global topics written by other exactly_once applications, look like. Only committed records may come through,
// each once, at its own offset; aborted ones never.
import { describe, expect, it } from 'vitest';
import type { TransactionalProducerPort } from '../../../packages/core/src/client/kafka-client.js';
import { uniqueName } from '../../harness/kafka.js';
import { contractClients } from './contract-clients.js';
import {
  ConsumerLog,
  endOffset,
  groupConsumer,
  newTopic,
  readCommitted,
  records,
  transactionalProducer,
  waitForEndOffset,
  withAdmin,
} from './contract-helpers.js';

type Step = readonly [producer: 0 | 1, action: string];

/**
 * Runs `steps` with two transactional producers on partition 0 of a new topic: `begin`, `abort`, `commit`, or a
 * value to send. Returns the topic and its end offset once every record and marker is written.
 */
async function interleave(client: ReturnType<ReturnType<typeof contractClients>[number]['create']>, prefix: string, steps: readonly Step[]): Promise<{ topic: string; end: number }> {
  const topic = await newTopic(client, prefix);
  const producers: TransactionalProducerPort[] = [
    await transactionalProducer(client, uniqueName(`${prefix}-p0`)),
    await transactionalProducer(client, uniqueName(`${prefix}-p1`)),
  ];
  try {
    for (const [p, action] of steps) {
      const producer = producers[p]!;
      if (action === 'begin') await producer.beginTransaction();
      else if (action === 'commit') await producer.commitTransaction();
      else if (action === 'abort') await producer.abortTransaction();
      else await producer.send(records(topic, 0, [action]));
    }
  } finally {
    for (const producer of producers) await producer.close();
  }
  const end = await withAdmin(client, async (admin) => {
    await waitForEndOffset(admin, topic, 0, steps.filter(([, a]) => a !== 'begin').length);
    return endOffset(admin, topic);
  });
  return { topic, end };
}

// Producer 1 aborts before producer 0, so the broker lists the aborted transactions in the order they were aborted,
// [producer 1 from 1, producer 0 from 0], not by first offset.
const abortedOutOfOrder: Step[] = [
  [0, 'begin'], [0, 'x0'], // 0
  [1, 'begin'], [1, 'y0'], // 1
  [0, 'x1'], // 2
  [1, 'abort'], // 3: marker
  [0, 'abort'], // 4: marker
  [0, 'begin'], [0, 'c0'], [0, 'commit'], // 5, marker 6
  [1, 'begin'], [1, 'd0'], [1, 'commit'], // 7, marker 8
];

// Two aborted transactions both start before offset 2; a reader that starts there must still drop both.
const abortedBeforeTheStart: Step[] = [
  [0, 'begin'], [0, 'x0'], // 0
  [1, 'begin'], [1, 'y0'], // 1
  [1, 'y1'], // 2
  [0, 'x1'], // 3
  [0, 'abort'], // 4: marker
  [1, 'abort'], // 5: marker
  [1, 'begin'], [1, 'c0'], [1, 'commit'], // 6, marker 7
];

describe.each(contractClients())('read_committed contract: $name', ({ create }) => {
  it('the partition reader drops transactions that several producers aborted out of order', async () => {
    const client = create();
    const { topic, end } = await interleave(client, 'rc-reader', abortedOutOfOrder);
    const read = await readCommitted(client, topic, end);
    expect(read.values(0)).toEqual(['c0', 'd0']);
    expect(read.offsets(0)).toEqual([5, 7]);
  });

  it('the partition reader drops aborted transactions that started before its start offset', async () => {
    const client = create();
    const { topic, end } = await interleave(client, 'rc-reader-mid', abortedBeforeTheStart);
    const read = await readCommitted(client, topic, end, 2);
    expect(read.values(0)).toEqual(['c0']);
    expect(read.offsets(0)).toEqual([6]);
  });

  it('the group consumer drops transactions that several producers aborted out of order', async () => {
    const client = create();
    const { topic, end } = await interleave(client, 'rc-group', abortedOutOfOrder);
    const consumer = groupConsumer(client, topic, uniqueName('rc-group'));
    const log = new ConsumerLog();
    await consumer.start([topic], log.handlers);
    try {
      await log.until(() => log.assignments.length === 1, 'the assignment');
      consumer.resume([{ topic, partition: 0 }]); // a group consumer hands over its partitions paused
      await log.until(() => (log.positions.get(0) ?? 0) >= end, `the consumer's position to reach ${end}`);
    } finally {
      await consumer.close();
    }
    expect(log.values(0)).toEqual(['c0', 'd0']);
    expect(log.offsets(0)).toEqual([5, 7]);
  });

  it('the group consumer reports the last stable offset as the end: records of an open transaction are not lag', async () => {
    const client = create();
    const topic = await newTopic(client, 'rc-end');
    const plain = client.producer({ idempotent: true });
    await plain.connect();
    await plain.send(records(topic, 0, ['a', 'b', 'c'])); // 0..2
    await plain.close();
    const open = await transactionalProducer(client, uniqueName('rc-end-open'));
    await open.beginTransaction();
    await open.send(records(topic, 0, ['x', 'y'])); // 3, 4: open, so the last stable offset stays 3
    const consumer = groupConsumer(client, topic, uniqueName('rc-end'));
    const log = new ConsumerLog();
    await consumer.start([topic], log.handlers);
    try {
      await log.until(() => log.assignments.length === 1, 'the assignment');
      consumer.resume([{ topic, partition: 0 }]);
      await log.until(() => log.positions.get(0) === 3, 'the position after the committed records');
      expect(log.values(0)).toEqual(['a', 'b', 'c']);
      expect(log.ends.get(0), 'end offset reported with the position').toBe(3);
      await open.commitTransaction(); // 5: its marker
      await log.until(() => (log.positions.get(0) ?? 0) >= 6, 'the committed transaction');
      expect(log.values(0)).toEqual(['a', 'b', 'c', 'x', 'y']);
      expect(log.ends.get(0)).toBe(6);
    } finally {
      await open.close();
      await consumer.close();
    }
  });
});
