// Scaling by partition: three instances (separate processes) share a 6-partition input; one leaves, another
// joins. Every input must reach the output: at_least_once nothing missing, exactly_once each exactly once.
import { describe, expect, it } from 'vitest';
import type { ProcessingGuarantee } from '@kstreams/core';
import { bootstrapServers, createTopics, kafkaClient, uniqueName } from '../../harness/kafka.js';
import { startChildApp, type ChildApp } from '../../harness/child-app.js';
import { feedSequences, readSequences, tally, until } from '../../harness/sequences.js';

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
    const reader = await readSequences(kafka, output);
    const feeding = feedSequences(kafka, input, { total: TOTAL, batch: 100, pauseMs: 50, keys: 300 });

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
    await until(() => reader.distinct() >= TOTAL, 120_000);
    for (const name of ['a', 'b', 'd']) apps[name]!.kill('SIGTERM');
    for (const name of ['a', 'b', 'd']) expect(await apps[name]!.exited).toBe(0);
    await new Promise((r) => setTimeout(r, 1000));
    await reader.stop();

    const { missing, duplicated } = tally(reader.seen, TOTAL);
    expect(missing.length, `missing, e.g. ${missing.slice(0, 5).join(', ')}`).toBe(0);
    if (guarantee === 'exactly_once') expect(duplicated.length, 'duplicates').toBe(0);
    // Every instance did part of the work.
    expect([...new Set(reader.seen.map((s) => s.run))].sort()).toEqual(['a', 'b', 'c', 'd']);
  });
});
