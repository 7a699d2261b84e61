// Timestamped DSL stores (KIP-258) on a real broker: an aggregate's changelog holds the plain value bytes with
// the aggregate's timestamp as the record timestamp (what Java's ChangeLoggingTimestampedKeyValueBytesStore
// writes), and a store restored from it on an empty state directory has those timestamps back, so the next
// out-of-order record still forwards the larger one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KafkaStreams, Materialized, Serdes, StreamsBuilder } from '@kstreams/core';
import type { Kafka } from 'kafkajs';
import { pino } from 'pino';
import { bootstrapServers, createTopics, kafkaClient, uniqueName } from '../../harness/kafka.js';
import { readTopic, waitForState } from '../../harness/streams-app.js';

const S = Serdes.string();
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Reads `count` records of `topic` from the beginning (read_committed): key, value and timestamp. */
async function readStamped(kafka: Kafka, topic: string, count: number) {
  return (await readTopic(kafka, topic, count)).map(({ key, value, timestamp }) => ({ key, value, timestamp }));
}

async function send(kafka: Kafka, topic: string, records: ReadonlyArray<{ key: string; value: string; timestamp: number }>) {
  const producer = kafka.producer({ idempotent: true });
  await producer.connect();
  await producer.send({ topic, messages: records.map((r) => ({ key: r.key, value: r.value, timestamp: String(r.timestamp) })) });
  await producer.disconnect();
}

describe('timestamped stores on a broker', () => {
  it('log plain values with the aggregate timestamp, and restore those timestamps', async () => {
    const input = uniqueName('ts-in');
    const output = uniqueName('ts-out');
    await createTopics([input, output]);
    const kafka = kafkaClient();
    const applicationId = uniqueName('ts-app');
    const run = async () => {
      const b = new StreamsBuilder();
      b.stream(input, { keySerde: S, valueSerde: S })
        .groupByKey()
        .reduce((agg, v) => String(Number(agg) + Number(v)), { materialized: Materialized.as('sums', { valueSerde: S }) })
        .toStream()
        .to(output, { keySerde: S, valueSerde: Serdes.nullable(S) });
      const stateDir = mkdtempSync(join(tmpdir(), 'kstreams-ts-'));
      dirs.push(stateDir);
      const app = new KafkaStreams(b.build(), {
        applicationId,
        bootstrapServers: bootstrapServers(),
        processingGuarantee: 'exactly_once',
        commitIntervalMs: 100,
        cacheMaxBytes: 0,
        stateDir,
        logger: pino({ level: 'warn' }),
      });
      const running = waitForState(app, 'RUNNING', 90_000);
      await app.start();
      await running;
      return app;
    };

    const first = await run();
    await send(kafka, input, [
      { key: 'a', value: '1', timestamp: 100 },
      { key: 'a', value: '2', timestamp: 50 },
    ]);
    expect(await readStamped(kafka, output, 2)).toEqual([
      { key: 'a', value: '1', timestamp: 100 },
      { key: 'a', value: '3', timestamp: 100 },
    ]);
    await first.close();
    // The changelog: the value's bytes alone (no timestamp in front), the aggregate's timestamp on the record.
    expect(await readStamped(kafka, `${applicationId}-sums-changelog`, 2)).toEqual([
      { key: 'a', value: '1', timestamp: 100 },
      { key: 'a', value: '3', timestamp: 100 },
    ]);

    // An empty state directory: the store restores from the changelog, timestamps included.
    const second = await run();
    await send(kafka, input, [{ key: 'a', value: '4', timestamp: 60 }]);
    const all = await readStamped(kafka, output, 3);
    await second.close();
    expect(all[2]).toEqual({ key: 'a', value: '7', timestamp: 100 });
  });
});
