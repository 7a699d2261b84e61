// Contract of PartitionReaderPort (restore, standby and GlobalKTable readers: assign() + seek()), on the real
// broker. The property restores rest on: a read_committed reader's position reaches the end offset AdminPort gave
// before start, also past aborted records and transaction markers.
import { describe, expect, it } from 'vitest';
import { partitionKey } from '../../../packages/core/src/record/topic-partition.js';
import { uniqueName } from '../../harness/kafka.js';
import { contractClients } from './contract-clients.js';
import {
  ReaderLog,
  endOffset,
  newTopic,
  range,
  readCommitted,
  records,
  transaction,
  transactionalProducer,
  waitForEndOffset,
  withAdmin,
} from './contract-helpers.js';

describe.each(contractClients())('PartitionReaderPort contract: $name', ({ create }) => {
  it('reads each partition from its own `from`, in order; the first progress is `from`, and progress never goes back', async () => {
    const client = create();
    const topic = await newTopic(client, 'reader-from', 2);
    const producer = client.producer({ idempotent: true });
    await producer.connect();
    await producer.send([...records(topic, 0, range('a', 10)), ...records(topic, 1, range('b', 10))]);
    await producer.close();

    const reader = client.partitionReader();
    const log = new ReaderLog();
    await reader.start(
      [
        { topic, partition: 0, from: 3 },
        { topic, partition: 1, from: 7 },
      ],
      log.handlers,
    );
    await log.reach(0, 10);
    await log.reach(1, 10);
    await reader.close();

    expect(log.offsets(0)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(log.values(0)).toEqual(range('a', 10).slice(3));
    expect(log.offsets(1)).toEqual([7, 8, 9]);
    expect(log.progress.get(0)?.[0]).toBe(3);
    expect(log.progress.get(1)?.[0]).toBe(7);
    for (const p of [0, 1]) {
      const list = log.progress.get(p)!;
      expect([...list].sort((x, y) => x - y)).toEqual(list);
    }
    expect(log.crashes).toEqual([]);
  });

  it('reports progress past an aborted tail without delivering it, also for a partition holding only aborted records', async () => {
    const client = create();
    const topic = await newTopic(client, 'reader-aborted', 2);
    const producer = await transactionalProducer(client, uniqueName('reader-aborted'));
    // p0: committed 0..2 + marker 3, aborted 4..6 + marker 7 (end 8). p1: aborted 0..2 + marker 3 (end 4).
    await producer.beginTransaction();
    await producer.send(records(topic, 0, range('c', 3)));
    await producer.commitTransaction();
    await producer.beginTransaction();
    await producer.send([...records(topic, 0, range('x', 3)), ...records(topic, 1, range('y', 3))]);
    await producer.abortTransaction();
    await producer.close();
    const ends = await withAdmin(client, async (admin) => {
      await waitForEndOffset(admin, topic, 0, 8);
      await waitForEndOffset(admin, topic, 1, 4);
      return admin.endOffsets([0, 1].map((partition) => ({ topic, partition })));
    });

    const reader = client.partitionReader();
    const log = new ReaderLog();
    await reader.start(
      [
        { topic, partition: 0, from: 0 },
        { topic, partition: 1, from: 0 },
      ],
      log.handlers,
    );
    await log.reach(0, ends.get(partitionKey(topic, 0))!);
    await log.reach(1, ends.get(partitionKey(topic, 1))!);
    await reader.close();
    expect(log.values(0)).toEqual(['c0', 'c1', 'c2']);
    expect(log.values(1)).toEqual([]);
    expect(log.position(0)).toBe(8);
    expect(log.position(1)).toBe(4);

    // From inside the aborted records: nothing delivered, the end still reached.
    const inside = await readCommitted(client, topic, 8, 5, 0);
    expect(inside.records).toEqual([]);
    expect(inside.position(0)).toBe(8);
  });

  it('stops at the last stable offset of an open transaction and goes on once it commits', async () => {
    const client = create();
    const topic = await newTopic(client, 'reader-open');
    const producer = await transactionalProducer(client, uniqueName('reader-open'));
    await transaction(producer, topic, ['c0'], 'commit'); // 0, marker 1
    await producer.beginTransaction();
    await producer.send(records(topic, 0, ['t0', 't1'])); // 2, 3
    const plain = client.producer({ idempotent: true });
    await plain.connect();
    await plain.send(records(topic, 0, ['behind'])); // 4, behind the open transaction

    const reader = client.partitionReader();
    const log = new ReaderLog();
    await withAdmin(client, async (admin) => {
      await waitForEndOffset(admin, topic, 0, 2);
      await reader.start([{ topic, partition: 0, from: 0 }], log.handlers);
      await log.reach(0, 2);
      // The records at and behind the open transaction are held back while it is open.
      expect(await endOffset(admin, topic)).toBe(2);
      expect(log.values(0)).toEqual(['c0']);

      await producer.commitTransaction(); // marker 5
      await waitForEndOffset(admin, topic, 0, 6);
    });
    await log.reach(0, 6);
    await reader.close();
    expect(log.values(0)).toEqual(['c0', 't0', 't1', 'behind']);
    await producer.close();
    await plain.close();
  });

  it('delivers nothing after close() resolves', async () => {
    const client = create();
    const topic = await newTopic(client, 'reader-close');
    const producer = client.producer({ idempotent: true });
    await producer.connect();
    await producer.send(records(topic, 0, ['before']));

    const reader = client.partitionReader();
    const log = new ReaderLog();
    await reader.start([{ topic, partition: 0, from: 0 }], log.handlers);
    await log.reach(0, 1);
    await reader.close();
    const progressCalls = log.progress.get(0)!.length;

    await producer.send(records(topic, 0, range('after', 3)));
    await producer.close();
    // Another reader reads the new records, so they were there to fetch; the closed reader got none of them.
    const other = await readCommitted(client, topic, 4);
    expect(other.values(0)).toEqual(['before', 'after0', 'after1', 'after2']);
    expect(log.values(0)).toEqual(['before']);
    expect(log.progress.get(0)).toHaveLength(progressCalls);
    expect(log.crashes).toEqual([]);
  });
});
