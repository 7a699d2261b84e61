// emitStrategy(onWindowClose) across a restart, on the broker: the aggregation's emit progress is committed with
// the input offsets (Kafka Streams' processor metadata in TopicPartitionMetadata) and read back when the task
// starts again, so a window that was emitted before the restart and is still in the store is not emitted again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { EmitStrategy, KafkaStreams, Serdes, StreamsBuilder, TimeWindows, type Topology } from '@kstreams/core';
import { bootstrapServers, createTopics, kafkaClient, uniqueName } from '../../harness/kafka.js';
import { readTopic, waitForState } from '../../harness/streams-app.js';

const WINDOW = 10_000;
// Recent, window-aligned event times: the store's changelog is `compact,delete` by record time.
const T = Math.floor(Date.now() / WINDOW) * WINDOW - 60 * WINDOW;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function finalCounts(input: string, output: string): Topology {
  const S = Serdes.string();
  const b = new StreamsBuilder();
  b.stream(input, { keySerde: S, valueSerde: S })
    .groupByKey()
    .windowedBy(TimeWindows.ofSizeWithNoGrace(WINDOW))
    .emitStrategy(EmitStrategy.onWindowClose())
    // Kept for an hour, so the emitted window is still in the store after the restart.
    .count({ materialized: { storeName: 'final-counts', retentionMs: 3_600_000 } })
    .toStream()
    .selectKey((w) => `${w.key}@${w.window.start - T}`)
    .mapValues((n) => String(n))
    .to(output, { keySerde: S, valueSerde: S });
  return b.build();
}

describe.each(['exactly_once', 'at_least_once'] as const)('emitStrategy(onWindowClose) across a restart (%s)', (guarantee) => {
  it('does not emit a window again that was emitted before the restart', { timeout: 180_000 }, async () => {
    const input = uniqueName('final-in');
    const output = uniqueName('final-out');
    await createTopics([input, output]);
    const applicationId = uniqueName('final-app');
    const kafka = kafkaClient();
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    const send = (value: string, ts: number) => producer.send({ topic: input, messages: [{ key: 'k', value, timestamp: String(ts) }] });
    const run = async (stateDir: string, work: () => Promise<void>) => {
      const app = new KafkaStreams(finalCounts(input, output), {
        applicationId,
        bootstrapServers: bootstrapServers(),
        processingGuarantee: guarantee,
        stateDir,
        logger: pino({ level: 'warn' }),
      });
      const running = waitForState(app, 'RUNNING', 90_000);
      await app.start();
      await running;
      try {
        await work();
      } finally {
        expect(await app.close()).toBe(true);
      }
    };
    try {
      const first = mkdtempSync(join(tmpdir(), 'kstreams-final-'));
      dirs.push(first);
      await run(first, async () => {
        await send('a', T + 1000);
        await send('b', T + 2000);
        await send('c', T + WINDOW + 2000); // closes [0, 10 s)
        expect((await readTopic(kafka, output, 1)).map((r) => `${r.key}=${r.value}`)).toEqual(['k@0=2']);
      });
      // Another state directory: the store comes back from its changelog, [0, 10 s) included.
      const second = mkdtempSync(join(tmpdir(), 'kstreams-final-'));
      dirs.push(second);
      await run(second, async () => {
        await send('d', T + WINDOW + 3000); // would re-emit [0, 10 s) without the committed progress
        await send('e', T + 2 * WINDOW + 1000); // closes [10 s, 20 s)
        const out = await readTopic(kafka, output, 2);
        expect(out.map((r) => `${r.key}=${r.value}`)).toEqual(['k@0=2', `k@${WINDOW}=2`]);
      });
      // Nothing else came: a third record would show up here.
      const all = await readTopic(kafka, output, 3, 3000).catch((e: Error) => e.message);
      expect(all).toMatch(/read 2\/3 records/);
    } finally {
      await producer.disconnect();
    }
  });
});
