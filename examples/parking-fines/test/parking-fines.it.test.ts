// The parking-fines topology on the real runtime and broker, exactly_once: after the sample, the committed
// output holds each user's amount owed, the deleted user's row ends with a tombstone, and the unknown user has none.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KafkaStreams } from '@kstreams/core';
import { Partitioners, type Kafka } from 'kafkajs';
import { pino } from 'pino';
import { bootstrapServers, createTopics, kafkaClient, uniqueName } from '../../../test/harness/kafka.js';
import { waitForState } from '../../../test/harness/streams-app.js';
import type { AmountOwed } from '../src/model.js';
import { expectedAmountsOwed, sampleEvents } from '../src/sample.js';
import { parkingFinesTopology } from '../src/topology.js';

/** Writes the sample in timestamp order, with its timestamps. */
async function produceSample(kafka: Kafka, topics: { users: string; fines: string }): Promise<void> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    for (const e of sampleEvents()) {
      const value = e.value === null ? null : JSON.stringify(e.value);
      await producer.send({ topic: topics[e.topic], messages: [{ key: e.key, value, timestamp: String(e.at) }] });
    }
  } finally {
    await producer.disconnect();
  }
}

/**
 * Reads the output (read_committed) into a table (the last value per key; null for a tombstone) until `done`
 * holds, then for `graceMs` more, so that a late record would show; fails after `timeoutMs` showing what it read.
 */
async function readOwed(
  kafka: Kafka,
  topic: string,
  done: (rows: ReadonlyMap<string, AmountOwed | null>) => boolean,
  graceMs: number,
  timeoutMs = 60_000,
): Promise<Map<string, AmountOwed | null>> {
  const rows = new Map<string, AmountOwed | null>();
  const consumer = kafka.consumer({ groupId: uniqueName('owed-reader'), readUncommitted: false });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${JSON.stringify([...rows])} from ${topic}`)), timeoutMs);
      void consumer.run({
        eachMessage: async ({ message }) => {
          rows.set(message.key!.toString(), message.value === null ? null : (JSON.parse(message.value.toString()) as AmountOwed));
          if (done(rows)) {
            clearTimeout(timer);
            setTimeout(resolve, graceMs);
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return new Map(rows);
}

describe('parking-fines on a broker', () => {
  it('ends with each existing user’s amount owed; the deleted user’s row is gone', async () => {
    const topics = { users: uniqueName('pf-users'), fines: uniqueName('pf-fines'), amountsOwed: uniqueName('pf-owed') };
    // Users and fines are joined by user id, so they need the same partition count.
    await createTopics(Object.values(topics).map((topic) => ({ topic, numPartitions: 3 })));
    const kafka = kafkaClient();
    await produceSample(kafka, topics);

    const stateDir = mkdtempSync(join(tmpdir(), 'pf-it-'));
    const app = new KafkaStreams(parkingFinesTopology(topics), {
      applicationId: uniqueName('pf-app'),
      bootstrapServers: bootstrapServers(),
      processingGuarantee: 'exactly_once',
      stateDir,
      logger: pino({ level: 'silent' }),
    });
    const expected = expectedAmountsOwed();
    const settled = (rows: ReadonlyMap<string, AmountOwed | null>): boolean =>
      [...expected].every(([id, owed]) => JSON.stringify(rows.get(id)) === JSON.stringify(owed));
    try {
      const running = waitForState(app, 'RUNNING');
      await app.start();
      await running;
      // Once u1-u3 show their final amounts, keep reading for 3 s (30 commit intervals): all 15 input records
      // are processed by then, and any later record (a wrong one) would show in the table.
      const rows = await readOwed(kafka, topics.amountsOwed, settled, 3_000);

      // u4 was deleted: its row, if it ever had one, ends with a tombstone. u5 is no user: no row.
      expect(rows.has('u5')).toBe(false);
      if (rows.has('u4')) expect(rows.get('u4')).toBeNull();
      rows.delete('u4');
      expect(rows).toEqual(expected);
    } finally {
      await app.close();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
