// The sessionization topology on the real runtime and broker, exactly_once: the sample's views (one that arrives
// out of order and merges two sessions, one that comes after its session closed), written in order to three
// partitions; the committed output holds each final session exactly once, and nothing for the late view.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KafkaStreams } from '@kstreams/core';
import { Partitioners, type Kafka } from 'kafkajs';
import { pino } from 'pino';
import { bootstrapServers, createTopics, kafkaClient, uniqueName } from '../../../test/harness/kafka.js';
import { waitForState } from '../../../test/harness/streams-app.js';
import { sessionKey } from '../src/model.js';
import { expectedFinalSessions, sampleViews, type SampleView } from '../src/sample.js';
import type { SessionSummary } from '../src/session-summary.js';
import { sessionizationTopology } from '../src/topology.js';

/** Writes the views in order, one at a time, keyed by user, with their event times. */
async function produceViews(kafka: Kafka, topic: string, views: readonly SampleView[]): Promise<void> {
  // Idempotent: a retried send must not duplicate a view, which the exact summaries would show.
  const producer = kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    for (const { at, view } of views) {
      await producer.send({ topic, messages: [{ key: view.userId, value: JSON.stringify(view), timestamp: String(at) }] });
    }
  } finally {
    await producer.disconnect();
  }
}

/** Every output record, in the order read (read_committed), in the background. */
async function readSessions(kafka: Kafka, topic: string): Promise<{ records: Array<[string, SessionSummary]>; stop: () => Promise<void> }> {
  const records: Array<[string, SessionSummary]> = [];
  const consumer = kafka.consumer({ groupId: uniqueName('sessionization-reader'), readUncommitted: false });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      records.push([message.key!.toString(), JSON.parse(message.value!.toString()) as SessionSummary]);
    },
  });
  return { records, stop: () => consumer.disconnect() };
}

async function until(what: string, done: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('sessionization on a broker', () => {
  it('writes each final session once: two sessions merged by an out-of-order view, the late view dropped', async () => {
    const topics = { pageViews: uniqueName('sess-views'), output: uniqueName('sess-sessions') };
    await createTopics([
      { topic: topics.pageViews, numPartitions: 3 },
      { topic: topics.output, numPartitions: 3 },
    ]);
    // Recent timestamps (95 to 5 minutes ago): the session store's changelog deletes records by their time.
    const views = sampleViews();
    const expected = expectedFinalSessions(views);
    expect(expected.size).toBe(4);

    const stateDir = mkdtempSync(join(tmpdir(), 'sess-it-'));
    const app = new KafkaStreams(sessionizationTopology(topics), {
      applicationId: uniqueName('sess-app'),
      bootstrapServers: bootstrapServers(),
      processingGuarantee: 'exactly_once',
      stateDir,
      logger: pino({ level: 'silent' }),
    });
    const kafka = kafkaClient();
    const reader = await readSessions(kafka, topics.output);
    try {
      const running = waitForState(app, 'RUNNING');
      await app.start();
      await running;

      await produceViews(kafka, topics.pageViews, views);
      // Every final session, u1's second one among them: u1's last view closes it, and is written after the late
      // view (u1's too, so on the same partition). Once that session is out, the late view has been processed.
      await until('every final session', () => [...expected.keys()].every((k) => reader.records.some(([key]) => key === k)));
      await new Promise((r) => setTimeout(r, 2_000)); // 20 commit intervals: anything more would show

      expect(reader.records).toHaveLength(expected.size); // one record per session: no update, no tombstone
      expect(new Map(reader.records)).toEqual(expected);
      // u2's two sessions merged into one, 4 views from 0:02 to 0:37.
      const merged = new Map(reader.records).get(sessionKey('u2', views[0]!.at + 2 * 60_000))!;
      expect([merged.views, merged.lastViewAt - merged.firstViewAt]).toEqual([4, 35 * 60_000]);
    } finally {
      await reader.stop();
      await app.close();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
