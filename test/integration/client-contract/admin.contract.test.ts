// Contract of AdminPort, on the real broker: topic setup, committed offsets (what a task starts from) and end
// offsets (where a restore ends: the last stable offset).
import { describe, expect, it } from 'vitest';
import { partitionKey } from '../../../packages/core/src/record/topic-partition.js';
import { uniqueName } from '../../harness/kafka.js';
import { contractClients } from './contract-clients.js';
import {
  endOffset,
  newTopic,
  range,
  records,
  transactionalProducer,
  waitFor,
  waitForCommitted,
  waitForEndOffset,
  withAdmin,
  groupOnly,
} from './contract-helpers.js';

describe.each(contractClients())('AdminPort contract: $name', ({ create }) => {
  it('createTopics creates only the missing topics; partitionCounts, listTopics and deleteTopics see them', async () => {
    const client = create();
    const [a, b, missing] = [uniqueName('admin-a'), uniqueName('admin-b'), uniqueName('admin-missing')];
    await withAdmin(client, async (admin) => {
      expect(await admin.createTopics([{ name: a, numPartitions: 3 }])).toEqual([a]);
      // a exists (even with another partition count asked for): only b is created, and a keeps its 3 partitions.
      expect(await admin.createTopics([{ name: a, numPartitions: 5 }, { name: b, numPartitions: 2, config: { 'cleanup.policy': 'compact' } }])).toEqual([b]);
      expect(await admin.createTopics([])).toEqual([]);
      expect(await admin.partitionCounts([a, b, missing])).toEqual(new Map([[a, 3], [b, 2]]));
      expect(await admin.listTopics()).toEqual(expect.arrayContaining([a, b]));
      expect(await admin.listTopics()).not.toContain(missing);

      await admin.deleteTopics([a]);
      await waitFor(async () => !(await admin.listTopics()).includes(a), `topic ${a} to be gone`);
      expect(await admin.partitionCounts([a, b])).toEqual(new Map([[b, 2]]));
    });
  });

  it('beginning and end offsets of an empty and a written partition', async () => {
    const client = create();
    const topic = await newTopic(client, 'admin-offsets', 2);
    const producer = client.producer({ idempotent: true });
    await producer.connect();
    await producer.send(records(topic, 1, range('x', 4)));
    await producer.close();
    const tps = [0, 1].map((partition) => ({ topic, partition }));
    await withAdmin(client, async (admin) => {
      expect(await admin.beginningOffsets(tps)).toEqual(new Map([[partitionKey(topic, 0), 0], [partitionKey(topic, 1), 0]]));
      expect(await admin.endOffsets(tps)).toEqual(new Map([[partitionKey(topic, 0), 0], [partitionKey(topic, 1), 4]]));
    });
  });

  it('endOffsets is the last stable offset while a transaction is open, and moves past the commit marker after it', async () => {
    const client = create();
    const topic = await newTopic(client, 'admin-lso');
    const plain = client.producer({ idempotent: true });
    await plain.connect();
    await plain.send(records(topic, 0, ['p0', 'p1'])); // offsets 0, 1
    const txn = await transactionalProducer(client, uniqueName('admin-lso'));
    await txn.beginTransaction();
    await txn.send(records(topic, 0, ['t0', 't1', 't2'])); // offsets 2..4, acknowledged: the high watermark is 5
    await plain.send(records(topic, 0, ['p2'])); // offset 5, behind the open transaction

    await withAdmin(client, async (admin) => {
      expect(await endOffset(admin, topic)).toBe(2);
      await txn.commitTransaction(); // the marker is at 6
      await waitForEndOffset(admin, topic, 0, 7);
    });
    await txn.close();
    await plain.close();
  });

  it('committedOffsets: absent when none is committed; deleteGroup removes a group and ignores an unknown one', async () => {
    const client = create();
    const topic = await newTopic(client, 'admin-committed', 2);
    const groupId = uniqueName('admin-group');
    const tps = [0, 1].map((partition) => ({ topic, partition }));
    await withAdmin(client, async (admin) => {
      expect(await admin.committedOffsets(groupId, tps)).toEqual(new Map());
      const producer = await transactionalProducer(client, uniqueName('admin-committed'));
      await producer.beginTransaction();
      await producer.sendOffsets([{ topic, partition: 1, offset: 42 }], groupOnly(groupId));
      await producer.commitTransaction();
      await producer.close();
      await waitForCommitted(admin, groupId, tps, new Map([[partitionKey(topic, 1), 42]]));

      await admin.deleteGroup(groupId);
      expect(await admin.committedOffsets(groupId, tps)).toEqual(new Map());
      await expect(admin.deleteGroup(uniqueName('admin-no-such-group'))).resolves.toBeUndefined();
    });
  });
});
