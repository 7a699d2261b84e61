// Smoke tests of kafkajs 2.2.4 against the real broker: the client features kstreams' runtime builds on.
// Run against Kafka 4.3.1 (default) and 3.9.1 (CI starts a second broker); results in docs/compatibility.md.
import { describe, expect, it } from 'vitest';
import type { Kafka, KafkaMessage, Producer } from 'kafkajs';
import { createTopics, kafkaClient, uniqueName } from '../harness/kafka.js';

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
  it('produces and consumes', async () => {
    const kafka = kafkaClient();
    const topic = uniqueName('smoke-plain');
    await createTopics([topic]);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: Array.from({ length: 100 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })),
    });
    await producer.disconnect();

    const seen = await readUntil(kafka, topic, (s) => s.length >= 100);
    expect(seen.map((s) => s.value)).toEqual(Array.from({ length: 100 }, (_, i) => `v${i}`));
  });

  it('idempotent producer (5 requests in flight) writes each record once, in order', async () => {
    const kafka = kafkaClient();
    const topic = uniqueName('smoke-idem');
    await createTopics([topic]);
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 5 });
    await producer.connect();
    const batches = Array.from({ length: 10 }, (_, b) =>
      Array.from({ length: 50 }, (_, i) => ({ key: 'k', value: String(b * 50 + i) })),
    );
    // Sent one after another (order is per send call), each batch as one request.
    for (const messages of batches) await producer.send({ topic, messages, acks: -1 });
    await producer.disconnect();

    const seen = await readUntil(kafka, topic, (s) => s.length >= 500);
    expect(seen.map((s) => Number(s.value))).toEqual(Array.from({ length: 500 }, (_, i) => i));
    expect(seen.map((s) => Number(s.offset))).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });

  it('transactional consume-process-produce commits outputs and input offsets together', async () => {
    const kafka = kafkaClient();
    const input = uniqueName('smoke-txn-in');
    const output = uniqueName('smoke-txn-out');
    const groupId = uniqueName('smoke-txn-group');
    await createTopics([input, output]);
    const feeder = kafka.producer();
    await feeder.connect();
    await feeder.send({ topic: input, messages: Array.from({ length: 200 }, (_, i) => ({ key: `k${i}`, value: `${i}` })) });
    await feeder.disconnect();

    const producer = transactionalProducer(kafka, uniqueName('smoke-txn-id'));
    await producer.connect();
    const consumer = kafka.consumer({ groupId, readUncommitted: false });
    await consumer.connect();
    await consumer.subscribe({ topics: [input], fromBeginning: true });
    let processed = 0;
    await new Promise<void>((resolve, reject) => {
      void consumer
        .run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          eachBatch: async ({ batch, resolveOffset }) => {
            const txn = await producer.transaction();
            try {
              await txn.send({
                topic: output,
                messages: batch.messages.map((m) => ({ key: m.key, value: String(Number(m.value) * 2) })),
              });
              const next = (BigInt(batch.lastOffset()) + 1n).toString();
              await txn.sendOffsets({
                consumerGroupId: groupId,
                topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }],
              });
              await txn.commit();
            } catch (e) {
              await txn.abort();
              reject(e as Error);
              return;
            }
            for (const m of batch.messages) resolveOffset(m.offset);
            processed += batch.messages.length;
            if (processed >= 200) resolve();
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();
    await producer.disconnect();

    const out = await readUntil(kafka, output, (s) => s.filter((x) => !x.value.startsWith('_')).length >= 200);
    expect(out.map((s) => Number(s.value))).toEqual(Array.from({ length: 200 }, (_, i) => i * 2));

    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchOffsets({ groupId, topics: [input] });
    await admin.disconnect();
    expect(offsets[0]?.partitions[0]?.offset).toBe('200');
  });

  it('a read_committed consumer never sees aborted records; read_uncommitted does', async () => {
    const kafka = kafkaClient();
    const topic = uniqueName('smoke-abort');
    await createTopics([topic]);
    const producer = transactionalProducer(kafka, uniqueName('smoke-abort-id'));
    await producer.connect();
    const aborted = await producer.transaction();
    await aborted.send({ topic, messages: Array.from({ length: 10 }, (_, i) => ({ key: 'a', value: `aborted-${i}` })) });
    await aborted.abort();
    const committed = await producer.transaction();
    await committed.send({ topic, messages: Array.from({ length: 10 }, (_, i) => ({ key: 'c', value: `committed-${i}` })) });
    await committed.commit();
    await producer.disconnect();

    const isLast = (s: Seen[]) => s.some((x) => x.value === 'committed-9');
    const readCommitted = await readUntil(kafka, topic, isLast);
    expect(readCommitted.map((s) => s.value)).toEqual(Array.from({ length: 10 }, (_, i) => `committed-${i}`));

    const readUncommitted = await readUntil(kafka, topic, isLast, { readUncommitted: true });
    expect(readUncommitted.filter((s) => s.value.startsWith('aborted-'))).toHaveLength(10);
    expect(readUncommitted.filter((s) => s.value.startsWith('committed-'))).toHaveLength(10);
  });

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
