// The minute-counts topology on the real runtime and broker, exactly_once: the sample's views (some out of order
// within the grace, one late), written in its two phases; the committed output ends with each page's count per
// minute, and the late view changes nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KafkaStreams } from '@kstreams/core';
import { Partitioners, type Kafka } from 'kafkajs';
import { pino } from 'pino';
import { bootstrapServers, createTopics, kafkaClient, uniqueName } from '../../../test/harness/kafka.js';
import { waitForState } from '../../../test/harness/streams-app.js';
import { expectedCounts, samplePhases, type SampleView } from '../src/sample.js';
import { minuteCountsTopology } from '../src/topology.js';

/** Writes the views in order, one at a time, keyed by user, with their event times. */
async function produceViews(kafka: Kafka, topic: string, views: readonly SampleView[]): Promise<void> {
  // Idempotent: a retried send must not duplicate a view, which the exact counts would show.
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

/** The output as a table (the last count per `page@windowStart`), read with read_committed in the background. */
async function readCounts(kafka: Kafka, topic: string): Promise<{ counts: Map<string, number>; records: () => number; stop: () => Promise<void> }> {
  const counts = new Map<string, number>();
  let records = 0;
  const consumer = kafka.consumer({ groupId: uniqueName('minute-counts-reader'), readUncommitted: false });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      records++;
      counts.set(message.key!.toString(), Number(message.value!.toString()));
    },
  });
  return { counts, records: () => records, stop: () => consumer.disconnect() };
}

async function until(what: string, done: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const matches = (counts: ReadonlyMap<string, number>, expected: ReadonlyMap<string, number>): boolean =>
  [...expected].every(([k, n]) => counts.get(k) === n);

describe('minute-counts on a broker', () => {
  it('counts views per page and minute, out-of-order ones within the grace included, the late one dropped', async () => {
    const topics = { pageViews: uniqueName('mc-views'), output: uniqueName('mc-counts') };
    await createTopics([
      { topic: topics.pageViews, numPartitions: 3 },
      { topic: topics.output, numPartitions: 3 },
    ]);
    const [first, second] = samplePhases();
    const all = [...first!, ...second!];
    const expected = expectedCounts(all);

    const stateDir = mkdtempSync(join(tmpdir(), 'mc-it-'));
    const app = new KafkaStreams(minuteCountsTopology(topics), {
      applicationId: uniqueName('mc-app'),
      bootstrapServers: bootstrapServers(),
      processingGuarantee: 'exactly_once',
      stateDir,
      logger: pino({ level: 'silent' }),
    });
    const kafka = kafkaClient();
    const reader = await readCounts(kafka, topics.output);
    try {
      const running = waitForState(app, 'RUNNING');
      await app.start();
      await running;

      // Phase 1, then phase 2 once phase 1 is counted: stream time passes the first minute's grace only then.
      await produceViews(kafka, topics.pageViews, first!);
      await until('the first phase counted', () => matches(reader.counts, expectedCounts(first!)));
      expect(reader.records()).toBe(first!.length); // one update per view (window stores have no cache)
      await produceViews(kafka, topics.pageViews, second!);
      // The last view comes after the late one (same user and page): once it is counted, the late one was seen.
      await until('every count', () => matches(reader.counts, expected));
      await new Promise((r) => setTimeout(r, 2_000)); // 20 commit intervals: anything more would show

      expect(reader.counts).toEqual(expected);
      expect(reader.records()).toBe(all.filter((v) => !v.late).length);
    } finally {
      await reader.stop();
      await app.close();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
