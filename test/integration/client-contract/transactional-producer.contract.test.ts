// Contract of TransactionalProducerPort (exactly_once, one producer per task, DESIGN §3), on the real broker:
// what the commit protocol (runtime/thread/commit.ts) and the task start (fence, then read offsets) rely on.
import { describe, expect, it } from 'vitest';
import type { FetchedBatch, TransactionalProducerPort } from '../../../packages/core/src/client/kafka-client.js';
import { ProducerFencedError } from '../../../packages/core/src/client/client-errors.js';
import { Headers } from '../../../packages/core/src/record/headers.js';
import { partitionKey } from '../../../packages/core/src/record/topic-partition.js';
import { uniqueName } from '../../harness/kafka.js';
import { contractClients } from './contract-clients.js';
import {
  ConsumerLog,
  endOffset,
  groupConsumer,
  newTopic,
  range,
  readCommitted,
  records,
  transaction,
  transactionalProducer,
  valueOf,
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

  it('sendOffsets + commit writes each offset\'s metadata, and committedMetadata reads it back', async () => {
    const client = create();
    const input = await newTopic(client, 'txn-metadata-in', 2);
    const groupId = uniqueName('txn-metadata-group');
    const producer = await transactionalProducer(client, uniqueName('txn-metadata'));
    const tps = [0, 1].map((partition) => ({ topic: input, partition }));
    await producer.beginTransaction();
    await producer.sendOffsets(
      [
        { topic: input, partition: 0, offset: 5, metadata: 'AgAAAAAAAAAq' },
        { topic: input, partition: 1, offset: 7 },
      ],
      groupOnly(groupId),
    );
    await producer.commitTransaction();
    await producer.close();
    await withAdmin(client, async (admin) => {
      await waitForCommitted(admin, groupId, tps, new Map([[partitionKey(input, 0), 5], [partitionKey(input, 1), 7]]));
      expect(await admin.committedMetadata(groupId, tps)).toEqual(new Map([[partitionKey(input, 0), 'AgAAAAAAAAAq']]));
    });
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

  // The commit protocol (runtime/thread/commit.ts) often begins a transaction with sendOffsets right after the
  // previous commit (a task with offsets but no output), when brokers answer CONCURRENT_TRANSACTIONS for a moment
  // (docs/kafkajs-findings.md §5): the port must absorb that, the runtime does not retry.
  it('back-to-back transactions that start right after the previous commit all succeed: sendOffsets first, offsets only, or send first', async () => {
    const client = create();
    const input = await newTopic(client, 'txn-b2b-in');
    const output = await newTopic(client, 'txn-b2b-out');
    const groupId = uniqueName('txn-b2b-group');
    const producer = await transactionalProducer(client, uniqueName('txn-b2b'));
    const orders = ['offsets, send', 'offsets only', 'send, offsets'] as const;
    const perOrder = 40;
    const expected: string[] = [];
    let offset = 0;
    const started = Date.now();
    for (const order of orders) {
      for (let i = 0; i < perOrder; i++) {
        const value = `${order}-${i}`;
        offset++;
        await producer.beginTransaction();
        if (order === 'send, offsets') await producer.send(records(output, 0, [value]));
        await producer.sendOffsets([{ topic: input, partition: 0, offset }], groupOnly(groupId));
        if (order === 'offsets, send') await producer.send(records(output, 0, [value]));
        await producer.commitTransaction();
        if (order !== 'offsets only') expected.push(value);
      }
    }
    console.log(`[contract] ${orders.length * perOrder} back-to-back transactions: ${((Date.now() - started) / (orders.length * perOrder)).toFixed(1)} ms each`);
    await producer.close();
    const end = await withAdmin(client, async (admin) => {
      await waitForCommitted(admin, groupId, [{ topic: input, partition: 0 }], new Map([[partitionKey(input, 0), orders.length * perOrder]]));
      await waitForEndOffset(admin, output, 0, 2 * expected.length); // each record and its commit marker
      return endOffset(admin, output);
    });
    const read = await readCommitted(client, output, end);
    expect(read.values(0)).toEqual(expected);
  });

  // exactly_once as the stream thread runs it: one transactional producer per task (EOS v1), the consumer's
  // groupMetadata() passed to sendOffsets (runtime/thread/guarantees/exactly-once.ts).
  it('consume-process-produce: per batch, outputs and sendOffsets(consumer.groupMetadata()) in one transaction; the group commits last + 1', async () => {
    const client = create();
    const input = await newTopic(client, 'txn-cpp-in', 2);
    const output = await newTopic(client, 'txn-cpp-out', 2);
    const groupId = uniqueName('txn-cpp-group');
    const rounds = 3;
    const perRound = 20;
    const perPartition = rounds * perRound;

    const txBase = uniqueName('txn-cpp');
    const producers = new Map<number, TransactionalProducerPort>();
    for (const p of [0, 1]) producers.set(p, await transactionalProducer(client, `${txBase}-${p}`));
    const consumer = groupConsumer(client, input, groupId);
    let transactions = 0;
    const process = async (batch: FetchedBatch) => {
      const producer = producers.get(batch.partition)!;
      await producer.beginTransaction();
      await producer.send(
        batch.records.map((r) => ({
          topic: output,
          partition: batch.partition,
          key: r.key,
          value: new TextEncoder().encode(valueOf(r).toUpperCase()),
          headers: new Headers(),
          timestamp: r.timestamp,
        })),
      );
      await producer.sendOffsets([{ topic: input, partition: batch.partition, offset: batch.records.at(-1)!.offset + 1 }], consumer.groupMetadata());
      await producer.commitTransaction();
      transactions++;
    };
    const log = new ConsumerLog(process);
    await consumer.start([input], log.handlers);
    await log.until(() => log.assignments.length === 1, 'the assignment');
    const meta = consumer.groupMetadata();
    expect(meta.groupId).toBe(groupId);
    expect(Number.isInteger(meta.generationId)).toBe(true);
    expect(typeof meta.memberId).toBe('string');
    consumer.resume(log.assignments[0]!.partitions);
    // Rounds of input, each written once the previous one is committed: every round takes at least one more
    // transaction per partition, with the same producers and the same group metadata.
    const tps = [0, 1].map((partition) => ({ topic: input, partition }));
    const feeder = client.producer({ idempotent: true });
    await feeder.connect();
    await withAdmin(client, async (admin) => {
      for (let round = 1; round <= rounds; round++) {
        const slice = (p: number) => range(`p${p}-`, perPartition).slice((round - 1) * perRound, round * perRound);
        await feeder.send([...records(input, 0, slice(0)), ...records(input, 1, slice(1))]);
        await waitForCommitted(admin, groupId, tps, new Map(tps.map((tp) => [partitionKey(tp.topic, tp.partition), round * perRound])), 20_000);
      }
    });
    await feeder.close();
    await consumer.close();
    for (const producer of producers.values()) await producer.close();
    console.log(`[contract] consume-process-produce: ${transactions} transactions`);
    expect(transactions).toBeGreaterThanOrEqual(2 * rounds);
    expect(log.crashes).toEqual([]);

    for (const p of [0, 1]) {
      const end = await withAdmin(client, (admin) => endOffset(admin, output, p));
      const read = await readCommitted(client, output, end, 0, p);
      expect(read.values(p)).toEqual(range(`p${p}-`, perPartition).map((v) => v.toUpperCase()));
    }
  });
});
