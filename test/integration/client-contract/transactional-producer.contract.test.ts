// Contract of TransactionalProducerPort (exactly_once, one producer per task, DESIGN §3), on the real broker:
// what the commit protocol (runtime/thread/commit.ts) and the task start (fence, then read offsets) rely on.
import { describe, expect, it } from 'vitest';
import { ProducerFencedError } from '../../../packages/core/src/client/client-errors.js';
import { partitionKey } from '../../../packages/core/src/record/topic-partition.js';
import { uniqueName } from '../../harness/kafka.js';
import { contractClients } from './contract-clients.js';
import {
  endOffset,
  newTopic,
  range,
  readCommitted,
  records,
  transaction,
  transactionalProducer,
  waitForCommitted,
  waitForEndOffset,
  withAdmin,
  groupOnly,
} from './contract-helpers.js';

describe.each(contractClients())('TransactionalProducerPort contract: $name', ({ create, createBehindSwitch }) => {
  it('committed records are visible read_committed, aborted ones are not; send reports where records landed', async () => {
    const client = create();
    const topic = await newTopic(client, 'txn-visible');
    const producer = await transactionalProducer(client, uniqueName('txn-visible'));
    expect(producer.inTransaction).toBe(false);

    await producer.beginTransaction();
    expect(producer.inTransaction).toBe(true);
    const written = await producer.send(records(topic, 0, range('a', 3)));
    expect(written).toEqual([{ topic, partition: 0, offset: 2 }]);
    await producer.commitTransaction();
    expect(producer.inTransaction).toBe(false);

    await transaction(producer, topic, range('b', 2), 'abort'); // offsets 4, 5 (3 is the commit marker)
    expect(producer.inTransaction).toBe(false);
    await transaction(producer, topic, ['c0'], 'commit'); // offset 7 (6 is the abort marker)
    await producer.close();

    const end = await withAdmin(client, async (admin) => {
      await waitForEndOffset(admin, topic, 0, 9);
      return endOffset(admin, topic);
    });
    const read = await readCommitted(client, topic, end);
    expect(read.values(0)).toEqual(['a0', 'a1', 'a2', 'c0']);
    expect(read.offsets(0)).toEqual([0, 1, 2, 7]);
  });

  it('sendOffsets + commit moves the group committed offsets; sendOffsets + abort does not', async () => {
    const client = create();
    const input = await newTopic(client, 'txn-offsets-in', 2);
    const output = await newTopic(client, 'txn-offsets-out');
    const groupId = uniqueName('txn-offsets-group');
    const producer = await transactionalProducer(client, uniqueName('txn-offsets'));
    const tps = [0, 1].map((partition) => ({ topic: input, partition }));

    await withAdmin(client, async (admin) => {
      expect(await admin.committedOffsets(groupId, tps)).toEqual(new Map());

      await producer.beginTransaction();
      await producer.send(records(output, 0, ['x']));
      await producer.sendOffsets([
        { topic: input, partition: 0, offset: 5 },
        { topic: input, partition: 1, offset: 7 },
      ], groupOnly(groupId));
      // Pending transactional offsets are not committed offsets.
      expect(await admin.committedOffsets(groupId, tps)).toEqual(new Map());
      await producer.commitTransaction();
      const committed = new Map([
        [partitionKey(input, 0), 5],
        [partitionKey(input, 1), 7],
      ]);
      await waitForCommitted(admin, groupId, tps, committed);

      // Offsets only, no records, in a transaction that is aborted.
      await producer.beginTransaction();
      await producer.sendOffsets([{ topic: input, partition: 0, offset: 9 }], groupOnly(groupId));
      await producer.abortTransaction();
      expect(await admin.committedOffsets(groupId, tps)).toEqual(committed);

      // And right after an abort (where brokers answer CONCURRENT_TRANSACTIONS for a moment): offsets only, committed.
      // The coordinator finished the abort before this transaction could start, so 9 never showed.
      await producer.beginTransaction();
      await producer.sendOffsets([{ topic: input, partition: 0, offset: 11 }], groupOnly(groupId));
      await producer.commitTransaction();
      await waitForCommitted(admin, groupId, tps, new Map([...committed, [partitionKey(input, 0), 11]]));
    });
    await producer.close();
  });

  it('initTransactions fences an older producer with the same transactional id and aborts its open transaction', async () => {
    const client = create();
    const input = await newTopic(client, 'txn-fence-in');
    const output = await newTopic(client, 'txn-fence-out');
    const groupId = uniqueName('txn-fence-group');
    const transactionalId = uniqueName('txn-fence');
    const inputTp = [{ topic: input, partition: 0 }];

    const old = await transactionalProducer(client, transactionalId);
    await transaction(old, output, ['committed-by-old'], 'commit'); // offset 0, marker 1
    // The old owner's open transaction: records and offsets.
    await old.beginTransaction();
    await old.send(records(output, 0, ['zombie-0', 'zombie-1'])); // offsets 2, 3
    await old.sendOffsets([{ topic: input, partition: 0, offset: 10 }], groupOnly(groupId));

    await withAdmin(client, async (admin) => {
      await waitForEndOffset(admin, output, 0, 2); // the open transaction holds the last stable offset back

      const fresh = await transactionalProducer(client, transactionalId);
      // The old transaction was aborted: its offsets are not committed, and the end offset moves past its records
      // and the abort marker (4) without waiting for the transaction timeout.
      expect(await admin.committedOffsets(groupId, inputTp)).toEqual(new Map());
      await waitForEndOffset(admin, output, 0, 5);

      await expect(old.commitTransaction()).rejects.toBeInstanceOf(ProducerFencedError);
      expect(await admin.committedOffsets(groupId, inputTp)).toEqual(new Map());

      // The new owner works normally.
      await fresh.beginTransaction();
      await fresh.send(records(output, 0, ['committed-by-new'])); // offset 5
      await fresh.sendOffsets([{ topic: input, partition: 0, offset: 3 }], groupOnly(groupId));
      await fresh.commitTransaction();
      await waitForCommitted(admin, groupId, inputTp, new Map([[partitionKey(input, 0), 3]]));
      await waitForEndOffset(admin, output, 0, 7);
      await fresh.close();
    });
    await old.close();

    const read = await readCommitted(client, output, 7);
    expect(read.values(0)).toEqual(['committed-by-old', 'committed-by-new']);
  });

  it('after a commit that fails without fencing (broker unreachable), abortTransaction aborts the open transaction at once', async () => {
    const observer = create();
    const topic = await newTopic(observer, 'txn-failed-commit');
    const groupId = uniqueName('txn-failed-commit-group');
    const { client, network } = createBehindSwitch();
    // A long transaction timeout: if the transaction stayed open, readers would stall for a minute.
    const producer = await transactionalProducer(client, uniqueName('txn-failed-commit'), 60_000);

    await transaction(producer, topic, ['before'], 'commit'); // offset 0, marker 1
    await producer.beginTransaction();
    await producer.send(records(topic, 0, range('lost', 3))); // offsets 2..4
    await producer.sendOffsets([{ topic, partition: 0, offset: 1 }], groupOnly(groupId));

    network.cut();
    const cutAt = Date.now();
    const failure = await producer.commitTransaction().then(
      () => undefined,
      (e: unknown) => e,
    );
    console.log(`[contract] commit with the network cut failed after ${Date.now() - cutAt} ms: ${String(failure)}`);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(ProducerFencedError);
    // Not fenced: the transaction is still open, and the caller must abort it.
    expect.soft(producer.inTransaction).toBe(true);

    await withAdmin(observer, async (admin) => {
      // The transaction is still open on the broker: read_committed readers are held at its first record.
      await waitForEndOffset(admin, topic, 0, 2);
      network.restore();

      const started = Date.now();
      await producer.abortTransaction();
      expect(producer.inTransaction).toBe(false);
      // The abort marker is at 5, so the last stable offset moves to 6, well before the 60 s transaction timeout.
      await waitForEndOffset(admin, topic, 0, 6, 15_000);
      console.log(`[contract] failed commit: abortTransaction and end offset past the transaction in ${Date.now() - started} ms`);
      expect(await admin.committedOffsets(groupId, [{ topic, partition: 0 }])).toEqual(new Map());
    });

    // The producer is usable again, and read_committed readers see no record of the failed transaction.
    await transaction(producer, topic, ['after'], 'commit'); // offset 6, marker 7
    await producer.close();
    const read = await readCommitted(observer, topic, 8);
    expect(read.values(0)).toEqual(['before', 'after']);
  });

  it('an abort that fails while the broker is unreachable can be repeated once it is back, and then aborts', async () => {
    const observer = create();
    const topic = await newTopic(observer, 'txn-failed-abort');
    const { client, network } = createBehindSwitch();
    const producer = await transactionalProducer(client, uniqueName('txn-failed-abort'), 60_000);
    await producer.beginTransaction();
    await producer.send(records(topic, 0, range('lost', 2))); // offsets 0, 1

    network.cut();
    const t0 = Date.now();
    const abortFailure = await producer.abortTransaction().then(() => undefined, (e: unknown) => e);
    console.log(`[contract] abort with the network cut failed after ${Date.now() - t0} ms: ${String(abortFailure)}`);
    expect(abortFailure).toBeInstanceOf(Error);
    expect(producer.inTransaction).toBe(true);
    network.restore();

    await withAdmin(observer, async (admin) => {
      expect(await endOffset(admin, topic)).toBe(0);
      const t1 = Date.now();
      await producer.abortTransaction();
      console.log(`[contract] repeated abort took ${Date.now() - t1} ms`);
      expect(producer.inTransaction).toBe(false);
      await waitForEndOffset(admin, topic, 0, 3, 15_000); // past the abort marker at 2
    });
    await transaction(producer, topic, ['after'], 'commit'); // offset 3, marker 4
    await producer.close();
    const read = await readCommitted(observer, topic, 5);
    expect(read.values(0)).toEqual(['after']);
  });
});
