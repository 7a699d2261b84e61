// Backpressure: when processing is slower than fetching, a partition is paused once its task buffers
// maxBufferedRecordsPerPartition records and resumed when it drains, so buffered input stays bounded
// (by the threshold plus one fetch response) instead of growing with the backlog.
import { describe, expect, it } from 'vitest';
import { KafkaStreams, Serdes, StreamsBuilder } from '@kstreams/core';
import { pino } from 'pino';
import { bootstrapServers, createTopics, kafkaClient, uniqueName } from '../../harness/kafka.js';
import { readTopic, waitForState } from '../../harness/streams-app.js';

const RECORDS = 4000;
const VALUE_BYTES = 100;
const THRESHOLD = 200;
const FETCH_BYTES = 16 * 1024;

const sleeper = new Int32Array(new SharedArrayBuffer(4));
const busy = (ms: number) => Atomics.wait(sleeper, 0, 0, ms);

describe('backpressure', () => {
  it('pauses a partition whose buffer is full, keeping buffered input bounded while processing is slow', { timeout: 120_000 }, async () => {
    const input = uniqueName('bp-in');
    const output = uniqueName('bp-out');
    await createTopics([input, output]);
    const kafka = kafkaClient();
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    // Small produce batches, so one fetch returns small record batches (a fetch returns whole batches).
    for (let i = 0; i < RECORDS; i += 50) {
      await producer.send({
        topic: input,
        messages: Array.from({ length: 50 }, (_, j) => ({ key: `k${i + j}`, value: String(i + j).padEnd(VALUE_BYTES, '.') })),
      });
    }
    await producer.disconnect();

    const b = new StreamsBuilder();
    b.stream(input, { keySerde: Serdes.string(), valueSerde: Serdes.string() })
      .mapValues((v) => {
        busy(1); // 1 ms per record: far slower than fetching
        return v.trimEnd();
      })
      .to(output, { keySerde: Serdes.string(), valueSerde: Serdes.string() });
    const app = new KafkaStreams(b.build(), {
      applicationId: uniqueName('bp-app'),
      bootstrapServers: bootstrapServers(),
      maxBufferedRecordsPerPartition: THRESHOLD,
      maxFetchBytesPerPartition: FETCH_BYTES,
      commitIntervalMs: 500,
      logger: pino({ level: 'silent' }),
    });
    let maxBuffered = 0;
    let sawPaused = false;
    const sampler = setInterval(() => {
      const m = app.metrics();
      maxBuffered = Math.max(maxBuffered, m.bufferedRecords);
      sawPaused ||= m.pausedPartitions > 0;
    }, 5);
    const running = waitForState(app, 'RUNNING');
    await app.start();
    await running;
    const out = await readTopic(kafka, output, RECORDS, 90_000);
    clearInterval(sampler);
    const processed = app.metrics().processedTotal;
    await app.close();

    expect(out).toHaveLength(RECORDS);
    expect(processed).toBe(RECORDS);
    expect(sawPaused, 'the partition was paused at least once').toBe(true);
    const oneFetch = Math.ceil(FETCH_BYTES / VALUE_BYTES) + 50;
    expect(maxBuffered, `peak buffered records (threshold ${THRESHOLD}, one fetch ≤ ${oneFetch})`).toBeLessThanOrEqual(THRESHOLD + oneFetch);
    expect(maxBuffered).toBeGreaterThan(0);
  });
});
