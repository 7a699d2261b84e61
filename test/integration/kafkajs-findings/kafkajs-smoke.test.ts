// Smoke test of kafkajs 2.2.4 against the real broker: the one client trait the adapter works around that the
// contract tests cannot show through the port (a new producer fences nothing until its first transaction).
// CI runs this file against Kafka 3.9.1 too, with the contract tests; results in docs/compatibility.md.
//
// The runtime-facing checks this file used to make are contract tests now (test/integration/client-contract/):
//  - produce, then consume from the beginning: producer.contract.test.ts 'send resolves once acknowledged: every
//    record once, in order, at the offsets it reports' and group-consumer.contract.test.ts 'onAssign delivers the
//    assignment with every partition paused until resume; seek moves the position';
//  - idempotent producer, records once and in order over many sends: producer.contract.test.ts 'ten sends in a row
//    keep their order per partition: each record once, at contiguous offsets';
//  - transactional consume-process-produce: transactional-producer.contract.test.ts 'consume-process-produce: per
//    batch, outputs and sendOffsets(consumer.groupMetadata()) in one transaction; the group commits last + 1';
//  - read_committed never delivers aborted records: group-consumer.contract.test.ts 'read_committed: aborted records
//    are never delivered, and onPosition moves past them and the markers' (read_uncommitted is not used by the
//    runtime and no longer checked);
//  - fencing by transactional id: transactional-producer.contract.test.ts 'initTransactions fences an older producer
//    with the same transactional id and aborts its open transaction'.
import { describe, expect, it } from 'vitest';
import type { Kafka, KafkaMessage, Producer } from 'kafkajs';
import { createTopics, kafkaClient, uniqueName } from '../../harness/kafka.js';

interface Seen {
  key: string;
  value: string;
  offset: string;
}

/**
 * Reads a 1-partition topic from the beginning until `stop(seen)` is true, or fails after `timeoutMs`.
 */
async function readUntil(
  kafka: Kafka,
  topic: string,
  stop: (seen: Seen[]) => boolean,
  opts: { readUncommitted?: boolean; timeoutMs?: number } = {},
): Promise<Seen[]> {
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), readUncommitted: opts.readUncommitted ?? false });
  const seen: Seen[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`read ${seen.length} records from ${topic} without meeting the condition`)),
        opts.timeoutMs ?? 30_000,
      );
      void consumer.run({
        eachMessage: async ({ message }: { message: KafkaMessage }) => {
          seen.push({ key: String(message.key), value: String(message.value), offset: message.offset });
          if (stop(seen)) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

function transactionalProducer(kafka: Kafka, transactionalId: string): Producer {
  return kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1 });
}

describe('kafkajs against the real broker', () => {
  it("a second producer with the same transactional.id fences the first at its first transaction(), not at connect()", async () => {
    const kafka = kafkaClient();
    const topic = uniqueName('smoke-fence');
    await createTopics([topic]);
    const txId = uniqueName('smoke-fence-id');
    const first = transactionalProducer(kafka, txId);
    await first.connect();

    // connect() alone does not call InitProducerId, so it fences nothing: the first producer still commits.
    const second = transactionalProducer(kafka, txId);
    await second.connect();
    const before = await first.transaction();
    await before.send({ topic, messages: [{ key: 'k', value: 'first-before-fence' }] });
    await before.commit();

    // The first producer opens a transaction; the second's first transaction() bumps the epoch and fences it.
    const zombie = await first.transaction();
    await zombie.send({ topic, messages: [{ key: 'k', value: 'zombie' }] });
    const fencing = await second.transaction();
    await fencing.send({ topic, messages: [{ key: 'k', value: 'second' }] });
    await fencing.commit();

    const err = await zombie.commit().then(
      () => undefined,
      (e: unknown) => e as { type?: string; name?: string },
    );
    expect(err, 'the fenced producer must not be able to commit').toBeDefined();
    expect(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED']).toContain(err?.type);
    await first.disconnect().catch(() => {});
    await second.disconnect();

    const seen = await readUntil(kafka, topic, (s) => s.some((x) => x.value === 'second'));
    expect(seen.map((s) => s.value)).toEqual(['first-before-fence', 'second']);
  });
});
