// A windowed count on the real broker under exactly_once: its window store's changelog is created as Kafka
// Streams creates it (compact,delete; retention = store retention + 1 day), and an instance that starts on an
// empty state directory restores the windows from it and goes on counting exactly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigResourceTypes, type Consumer, type Kafka } from 'kafkajs';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { KafkaStreams, Serdes, StreamsBuilder, TimeWindows, type RestoreProgress } from '@kstreams/core';
import { bootstrapServers, createTopics, kafkaClient, uniqueName } from '../../harness/kafka.js';
import { waitForState } from '../../harness/streams-app.js';
import { until } from '../../harness/sequences.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// Recent timestamps: the changelog is compact,delete with retention.ms = 1 day + 61 min, and the broker deletes
// records older than that by their timestamp, which would leave nothing to restore.
const BASE = Date.now() - (Date.now() % MINUTE) - 10 * MINUTE;
const KEYS = 6;
const WINDOWS = 5;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function topology(input: string, output: string) {
  const S = Serdes.string();
  const b = new StreamsBuilder();
  b.stream(input, { keySerde: S, valueSerde: S })
    .groupByKey()
    .windowedBy(TimeWindows.ofSizeAndGrace(MINUTE, HOUR))
    .count({ materialized: { storeName: 'window-counts' } })
    .toStream()
    .selectKey((w) => `${w.key}@${w.window.start}`)
    .to(output, { keySerde: S, valueSerde: Serdes.nullable(Serdes.int64Number()) });
  return b.build();
}

async function start(appId: string, input: string, output: string) {
  const stateDir = mkdtempSync(join(tmpdir(), 'kstreams-windowed-'));
  dirs.push(stateDir);
  const app = new KafkaStreams(topology(input, output), {
    applicationId: appId,
    bootstrapServers: bootstrapServers(),
    processingGuarantee: 'exactly_once',
    stateDir,
    logger: pino({ level: 'warn' }),
  });
  const restores: RestoreProgress[] = [];
  app.restoreProgress$.subscribe((p) => restores.push(p));
  const running = waitForState(app, 'RUNNING', 90_000);
  await app.start();
  await running;
  return { app, restored: () => restores.filter((p) => p.done).reduce((n, p) => n + p.restored, 0) };
}

/** The latest count per `key@windowStart` on the output (read_committed). */
async function latestCounts(kafka: Kafka, topic: string): Promise<{ latest: Map<string, number>; consumer: Consumer }> {
  const latest = new Map<string, number>();
  const consumer = kafka.consumer({ groupId: uniqueName('windowed-reader'), readUncommitted: false });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      latest.set(message.key!.toString(), Number(message.value!.readBigInt64BE()));
    },
  });
  return { latest, consumer };
}

describe('windowed count on the broker', () => {
  it('logs its windows to a compact,delete changelog and restores them on an empty state directory', async () => {
    const input = uniqueName('win-in');
    const output = uniqueName('win-out');
    const appId = uniqueName('win-app');
    await createTopics([
      { topic: input, numPartitions: 2 },
      { topic: output, numPartitions: 2 },
    ]);
    const kafka = kafkaClient();
    const expected = new Map<string, number>();
    let sent = 0;
    const feed = async (n: number) => {
      const producer = kafka.producer({ idempotent: true });
      await producer.connect();
      const messages = Array.from({ length: n }, (_, j) => {
        const i = sent + j;
        const key = `k${i % KEYS}`;
        const windowStart = BASE + (Math.floor(i / KEYS) % WINDOWS) * MINUTE;
        const id = `${key}@${windowStart}`;
        expected.set(id, (expected.get(id) ?? 0) + 1);
        return { key, value: String(i), timestamp: String(windowStart + (i % 1000)) };
      });
      await producer.send({ topic: input, messages });
      await producer.disconnect();
      sent += n;
    };
    const reader = await latestCounts(kafka, output);
    const caughtUp = () => expected.size > 0 && [...expected].every(([id, n]) => reader.latest.get(id) === n);
    try {
      await feed(600);
      const first = await start(appId, input, output);
      await until(caughtUp, 60_000);
      expect(reader.latest.size).toBe(KEYS * WINDOWS);

      const admin = kafka.admin();
      await admin.connect();
      const changelog = `${appId}-window-counts-changelog`;
      const described = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: changelog }] });
      await admin.disconnect();
      const configs = new Map(described.resources[0]!.configEntries.map((e) => [e.configName, e.configValue]));
      expect(configs.get('cleanup.policy')).toBe('compact,delete');
      expect(configs.get('retention.ms')).toBe(String(MINUTE + HOUR + 24 * HOUR));
      await first.app.close();

      // A new instance on an empty state directory: every window comes back from the changelog.
      await feed(300);
      const second = await start(appId, input, output);
      await until(caughtUp, 60_000);
      expect(second.restored()).toBeGreaterThanOrEqual(KEYS * WINDOWS);
      expect([...reader.latest].sort()).toEqual([...expected].sort());
      await second.app.close();
    } finally {
      await reader.consumer.disconnect();
    }
  }, 180_000);
});
