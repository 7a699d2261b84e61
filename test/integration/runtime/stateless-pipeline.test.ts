// A stateless topology on the real runtime and broker, under both guarantees.
import { describe, expect, it } from 'vitest';
import { KafkaStreams, Serdes, StreamsBuilder, type ProcessingGuarantee } from '@kstreams/core';
import { pino } from 'pino';
import { bootstrapServers, createTopics, kafkaClient, uniqueName } from '../../harness/kafka.js';
import { produce, readTopic, waitForState } from '../../harness/streams-app.js';

const quiet = pino({ level: process.env.KSTREAMS_LOG_LEVEL ?? 'warn' });

describe.each<ProcessingGuarantee>(['at_least_once', 'exactly_once'])('stateless pipeline (%s)', (guarantee) => {
  it('filters and maps every input record of a 3-partition topic', async () => {
    const input = uniqueName('in');
    const output = uniqueName('out');
    await createTopics([
      { topic: input, numPartitions: 3 },
      { topic: output, numPartitions: 3 },
    ]);
    const kafka = kafkaClient();
    const n = 3000;
    await produce(
      kafka,
      input,
      Array.from({ length: n }, (_, i) => ({ key: `k${i % 50}`, value: String(i) })),
    );

    const b = new StreamsBuilder();
    b.stream(input, { keySerde: Serdes.string(), valueSerde: Serdes.string() })
      .mapValues((v) => Number(v))
      .filter((_k, v) => v % 3 !== 0)
      .mapValues((v) => `v${v * 2}`)
      .to(output, { keySerde: Serdes.string(), valueSerde: Serdes.string() });
    const app = new KafkaStreams(b.build(), {
      applicationId: uniqueName('app'),
      bootstrapServers: bootstrapServers(),
      processingGuarantee: guarantee,
      commitIntervalMs: 200,
      logger: quiet,
    });
    const running = waitForState(app, 'RUNNING');
    await app.start();
    await running;
    const expected = Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 !== 0);
    const out = await readTopic(kafka, output, expected.length);
    expect(await app.close()).toBe(true);
    expect(app.state).toBe('NOT_RUNNING');

    expect(out.map((r) => r.value).sort()).toEqual(expected.map((i) => `v${i * 2}`).sort());
    // Keys keep their partition: the default partitioner is murmur2 of the key bytes, like the input's.
    const partitionOfKey = new Map<string, number>();
    for (const r of out) {
      const seen = partitionOfKey.get(r.key!);
      if (seen !== undefined) expect(r.partition).toBe(seen);
      partitionOfKey.set(r.key!, r.partition);
    }
  });
});
