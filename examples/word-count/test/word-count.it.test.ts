// The word-count topology on the real runtime and broker, exactly_once, on a chunk of the bundled text: the
// committed output must end with each word's exact count.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KafkaStreams } from '@kstreams/core';
import type { Kafka } from 'kafkajs';
import { pino } from 'pino';
import { bootstrapServers, createTopics, kafkaClient, uniqueName } from '../../../test/harness/kafka.js';
import { produce, waitForState } from '../../../test/harness/streams-app.js';
import { bundledLines } from '../src/bundled-text.js';
import { WordCounts } from '../src/top-words.js';
import { wordCountTopology } from '../src/topology.js';
import { countWords } from '../src/words.js';

/** Reads the output (read_committed) until the counts add up to `total` words, or fails after `timeoutMs`. */
async function readCountsUntil(kafka: Kafka, topic: string, total: number, timeoutMs = 90_000): Promise<WordCounts> {
  const counts = new WordCounts();
  const consumer = kafka.consumer({ groupId: uniqueName('word-count-reader'), readUncommitted: false });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`counted ${counts.sum}/${total} words from ${topic}`)), timeoutMs);
      void consumer.run({
        eachMessage: async ({ message }) => {
          counts.update(message.key!.toString(), Number(message.value!.toString()));
          if (counts.sum >= total) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return counts;
}

describe('word-count on a broker', () => {
  it('counts every word of 1,500 lines of the bundled text exactly once', async () => {
    const topics = { input: uniqueName('wc-lines'), output: uniqueName('wc-counts') };
    await createTopics([
      { topic: topics.input, numPartitions: 3 },
      { topic: topics.output, numPartitions: 3 },
    ]);
    const lines = bundledLines().slice(0, 1500);
    const expected = countWords(lines);
    let total = 0;
    for (const n of expected.values()) total += n;

    const stateDir = mkdtempSync(join(tmpdir(), 'wc-it-'));
    const app = new KafkaStreams(wordCountTopology(topics), {
      applicationId: uniqueName('wc-app'),
      bootstrapServers: bootstrapServers(),
      processingGuarantee: 'exactly_once',
      stateDir,
      logger: pino({ level: 'silent' }),
    });
    const kafka = kafkaClient();
    try {
      const running = waitForState(app, 'RUNNING');
      await app.start();
      await running;
      await produce(kafka, topics.input, lines.map((value) => ({ key: null, value })));
      const counts = await readCountsUntil(kafka, topics.output, total);

      expect(counts.sum).toBe(total);
      expect(counts.distinctWords).toBe(expected.size);
      const wrong = [...expected].filter(([w, n]) => counts.get(w) !== n);
      expect(wrong).toEqual([]);
    } finally {
      await app.close();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
