// Scaling by partition: three instances (separate processes) share a 6-partition input; one leaves, another
// joins. Every input must reach the output: at_least_once nothing missing, exactly_once each exactly once.
import { describe, expect, it } from 'vitest';
import type { ProcessingGuarantee } from '@kstreams/core';
import { bootstrapServers, createTopics, kafkaClient, uniqueName } from '../../harness/kafka.js';
import { startChildApp, type ChildApp } from '../../harness/child-app.js';
import { waitFor } from '../../harness/findings.js';
import { endWithMarkers, feedSequences, probeEveryPartition, readSequences, tally } from '../../harness/sequences.js';

const TOTAL = 40_000;
const PARTITIONS = 6;
// The feed holds back the records from C_GATE on until c owns partitions (so c has work before it leaves), and
// the last ones, from D_GATE on, until d owns partitions (so d has work however slowly it joins). Where the
// instances are ready in time, the feed never waits and they join under load.
const C_GATE = 20_000;
const D_GATE = 36_000;

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
    const owns = new Set<string>();
    const feeding = feedSequences(kafka, input, {
      total: TOTAL,
      batch: 100,
      pauseMs: 50,
      keys: 300,
      gates: [
        { at: C_GATE, open: () => owns.has('c'), what: 'c to own partitions' },
        { at: D_GATE, open: () => owns.has('d'), what: 'd to own partitions' },
      ],
    });

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
    // The three share the work: every partition's probe is processed, some by c, and c's output is committed
    // (c is about to leave; the check at the end wants output of every instance).
    const runs = () => [...new Set(reader.seen.map((s) => s.run))].sort().join(', ');
    const three = await probeEveryPartition(kafka, input, PARTITIONS, reader, 'a, b and c to process a probe on every partition', 90_000);
    expect([...three.values()], `the instance that processed each partition's probe: ${JSON.stringify([...three])}`).toContain('c');
    owns.add('c');
    await waitFor(() => reader.seen.some((s) => s.run === 'c'), 'committed output of c', 90_000, () => `output of ${runs()}; probes processed by ${JSON.stringify([...three])}`);
    apps.c!.kill('SIGTERM'); // leaves cleanly: commits, then leaves the group
    expect(await apps.c!.exited).toBe(0);
    // a and b take over c's partitions: each partition's probe, written after c left, is processed by one of them.
    const two = await probeEveryPartition(kafka, input, PARTITIONS, reader, 'a and b to take over c\'s partitions', 90_000);
    expect([...new Set(two.values())].every((run) => run === 'a' || run === 'b'), `probes processed by ${JSON.stringify([...two])}`).toBe(true);
    apps.d = startChildApp('pipeline-app', { ...env, INSTANCE: 'd' });
    await apps.d.waitFor('RUNNING', 90_000);
    const withD = await probeEveryPartition(kafka, input, PARTITIONS, reader, 'a, b and d to process a probe on every partition', 90_000);
    expect([...withD.values()], `the instance that processed each partition's probe: ${JSON.stringify([...withD])}`).toContain('d');
    owns.add('d');

    await feeding;
    await waitFor(() => reader.distinct() >= TOTAL, `${TOTAL} distinct outputs`, 120_000, () => `${reader.distinct()} distinct, output of ${runs()}`);
    for (const name of ['a', 'b', 'd']) apps[name]!.kill('SIGTERM');
    for (const name of ['a', 'b', 'd']) expect(await apps[name]!.exited).toBe(0);
    // Every instance has exited, so these markers come after everything they wrote: once the read_committed
    // reader has every marker, any duplicate is in `seen`.
    await endWithMarkers(kafka, output, PARTITIONS, reader);
    await reader.stop();
    expect(reader.markers.size, 'the reader read every output partition up to its end marker').toBe(PARTITIONS);

    const { missing, duplicated } = tally(reader.seen, TOTAL);
    expect(missing.length, `missing, e.g. ${missing.slice(0, 5).join(', ')}`).toBe(0);
    if (guarantee === 'exactly_once') {
      expect(duplicated.length, 'duplicates').toBe(0);
      expect([...reader.probes].filter(([, values]) => values.length > 1), 'probes processed more than once').toEqual([]);
    }
    // Every instance did part of the work.
    expect([...new Set(reader.seen.map((s) => s.run))].sort()).toEqual(['a', 'b', 'c', 'd']);
  });
});
