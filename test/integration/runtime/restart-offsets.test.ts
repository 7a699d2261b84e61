// A restart resumes every partition from its own committed offset, also when some partitions never had a
// commit (regression: the offset reset of the uncommitted partitions once overwrote the committed ones).
import { describe, expect, it } from 'vitest';
import { KafkaStreams, Serdes, StreamsBuilder, type ProcessingGuarantee } from '@kstreams/core';
import { pino } from 'pino';
import { bootstrapServers, createTopics, kafkaClient, uniqueName } from '../../harness/kafka.js';
import { awaitProbes, readMarkedOutput, writeProbes } from '../../harness/marked-output.js';
import { endWithMarkers } from '../../harness/sequences.js';
import { readTopic, waitForState } from '../../harness/streams-app.js';

describe.each<ProcessingGuarantee>(['exactly_once', 'at_least_once'])('restart (%s)', (guarantee) => {
  it('resumes a committed partition where it stopped while another partition has no commit yet', async () => {
    const input = uniqueName('restart-in');
    const output = uniqueName('restart-out');
    const applicationId = uniqueName('restart-app');
    await createTopics([
      { topic: input, numPartitions: 2 },
      { topic: output, numPartitions: 2 },
    ]);
    const kafka = kafkaClient();
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    const write = (from: number, n: number) =>
      producer.send({ topic: input, messages: Array.from({ length: n }, (_, i) => ({ key: 'k', value: String(from + i), partition: 0 })) });

    const run = async () => {
      const b = new StreamsBuilder();
      b.stream(input, { keySerde: Serdes.string(), valueSerde: Serdes.string() }).to(output, { keySerde: Serdes.string(), valueSerde: Serdes.string() });
      const app = new KafkaStreams(b.build(), {
        applicationId,
        bootstrapServers: bootstrapServers(),
        processingGuarantee: guarantee,
        commitIntervalMs: 100,
        logger: pino({ level: 'silent' }),
      });
      const running = waitForState(app, 'RUNNING');
      await app.start();
      await running;
      return app;
    };

    await write(0, 100); // partition 0 only: partition 1 never gets a record, so never a commit
    const first = await run();
    await readTopic(kafka, output, 100);
    await first.close(); // commits partition 0 at 100

    await write(100, 100);
    const second = await run();
    const out = await readTopic(kafka, output, 200);
    // A probe written after the data to each input partition: a record processed again (e.g. from a wrong start
    // offset) is processed before it, so its output precedes the probe's in the same output partition.
    const reader = await readMarkedOutput(kafka, output, (_key, value) => value);
    await awaitProbes(reader, await writeProbes(kafka, input, 2, 'restart'), 'the restarted app to process a probe on each partition', 60_000);
    await second.close();
    await producer.disconnect();
    // Everything the app wrote, up to end markers written after it closed.
    await endWithMarkers(kafka, output, 2, reader);
    await reader.stop();
    const all = reader.seen;

    expect(out.map((r) => Number(r.value))).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(reader.markers.size, 'the reader read both output partitions up to their end markers').toBe(2);
    expect(all).toHaveLength(200);
  });
});
