// Scaling by partition: three instances (separate processes) share a 6-partition input; one leaves, another
// joins. Every input must reach the output: at_least_once nothing missing, exactly_once each exactly once.
import { describe, expect, it } from 'vitest';
import type { ProcessingGuarantee } from '@kstreams/core';
import { bootstrapServers, createTopics, kafkaClient, uniqueName } from '../../harness/kafka.js';
import { startChildApp, type ChildApp } from '../../harness/child-app.js';

const TOTAL = 40_000;
const PARTITIONS = 6;

describe.each<ProcessingGuarantee>(['at_least_once', 'exactly_once'])('scaling (%s)', (guarantee) => {
  it('three instances share the work; one leaves and one joins; nothing is lost', { timeout: 300_000 }, async () => {
    const input = uniqueName('scale-in');
    const output = uniqueName('scale-out');
    await createTopics([
      { topic: input, numPartitions: PARTITIONS },
      { topic: output, numPartitions: PARTITIONS },
    ]);
    const kafka = kafkaClient();
    const seen: Array<{ seq: number; run: string }> = [];
    const reader = kafka.consumer({ groupId: uniqueName('scale-reader'), readUncommitted: false });
    await reader.connect();
    await reader.subscribe({ topics: [output], fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        const [seq, run] = message.value!.toString().split(':');
        seen.push({ seq: Number(seq), run: run! });
      },
    });

    let produced = 0;
    const feeding = (async () => {
      const producer = kafka.producer();
      await producer.connect();
      while (produced < TOTAL) {
        const from = produced;
        const n = Math.min(100, TOTAL - from);
        await producer.send({
          topic: input,
          messages: Array.from({ length: n }, (_, j) => ({ key: `k${(from + j) % 300}`, value: String(from + j) })),
        });
        produced += n;
        await new Promise((r) => setTimeout(r, 50));
      }
      await producer.disconnect();
    })();

    const env = {
      BOOTSTRAP: bootstrapServers(),
      APP_ID: uniqueName('scale-app'),
      INPUT: input,
      OUTPUT: output,
      GUARANTEE: guarantee,
      COMMIT_MS: guarantee === 'exactly_once' ? '100' : '1000',
    };
    const apps: Record<string, ChildApp> = {};
    for (const name of ['a', 'b', 'c']) {
      apps[name] = startChildApp('pipeline-app', { ...env, INSTANCE: name });
      await apps[name]!.waitFor('RUNNING', 90_000);
    }
    await new Promise((r) => setTimeout(r, 3000));
    apps.c!.kill('SIGTERM'); // leaves cleanly: commits, then leaves the group
    expect(await apps.c!.exited).toBe(0);
    await new Promise((r) => setTimeout(r, 3000));
    apps.d = startChildApp('pipeline-app', { ...env, INSTANCE: 'd' });
    await apps.d.waitFor('RUNNING', 90_000);

    await feeding;
    const deadline = Date.now() + 120_000;
    while (new Set(seen.map((s) => s.seq)).size < TOTAL && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    for (const name of ['a', 'b', 'd']) apps[name]!.kill('SIGTERM');
    for (const name of ['a', 'b', 'd']) expect(await apps[name]!.exited).toBe(0);
    await new Promise((r) => setTimeout(r, 1000));
    await reader.disconnect();

    const counts = new Map<number, number>();
    for (const s of seen) counts.set(s.seq, (counts.get(s.seq) ?? 0) + 1);
    const missing = Array.from({ length: TOTAL }, (_, i) => i).filter((i) => !counts.has(i));
    expect(missing.length, `missing, e.g. ${missing.slice(0, 5).join(', ')}`).toBe(0);
    if (guarantee === 'exactly_once') expect([...counts.values()].filter((c) => c > 1).length, 'duplicates').toBe(0);
    // Every instance did part of the work.
    const byInstance = new Set(seen.map((s) => s.run));
    expect([...byInstance].sort()).toEqual(['a', 'b', 'c', 'd']);
  });
});
