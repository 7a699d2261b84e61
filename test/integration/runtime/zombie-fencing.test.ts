// Zombie fencing: an exactly_once instance is frozen (SIGSTOP) until the group moves its tasks to the other
// instance, then thawed (SIGCONT). Its late commit must be rejected (its producers were fenced by the new
// owner), it must keep running, and the output must hold each input exactly once.
import { describe, expect, it } from 'vitest';
import { bootstrapServers, createTopics, kafkaClient, uniqueName } from '../../harness/kafka.js';
import { startChildApp } from '../../harness/child-app.js';
import { waitFor } from '../../harness/findings.js';
import { endWithMarkers, feedSequences, probeEveryPartition, readSequences, tally } from '../../harness/sequences.js';

const TOTAL = 30_000;
/** The feed holds back the records from here on until both instances own tasks, so both have work when the zombie freezes. */
const GATE = 15_000;

const PARTITIONS = 4;

describe('zombie fencing (exactly_once)', () => {
  it('rejects a frozen instance\'s late commit and keeps the output exactly once', { timeout: 300_000 }, async () => {
    const input = uniqueName('zombie-in');
    const output = uniqueName('zombie-out');
    await createTopics([
      { topic: input, numPartitions: PARTITIONS },
      { topic: output, numPartitions: PARTITIONS },
    ]);
    const kafka = kafkaClient();
    const reader = await readSequences(kafka, output);
    let bothOwnTasks = false;
    const feeding = feedSequences(kafka, input, {
      total: TOTAL,
      batch: 100,
      pauseMs: 20,
      keys: 100,
      gates: [{ at: GATE, open: () => bothOwnTasks, what: 'both instances to own tasks' }],
    });

    const env = {
      BOOTSTRAP: bootstrapServers(),
      APP_ID: uniqueName('zombie-app'),
      INPUT: input,
      OUTPUT: output,
      GUARANTEE: 'exactly_once',
      COMMIT_MS: '100',
      SESSION_MS: '6000',
    };
    const zombie = startChildApp('pipeline-app', { ...env, INSTANCE: 'zombie' });
    await zombie.waitFor('RUNNING', 90_000);
    const healthy = startChildApp('pipeline-app', { ...env, INSTANCE: 'healthy' });
    await healthy.waitFor('RUNNING', 90_000);
    // Both instances own tasks: a probe on every partition is processed, some by each.
    const owners = await probeEveryPartition(kafka, input, PARTITIONS, reader, 'both instances to process a probe on every partition', 90_000);
    expect(new Set(owners.values()), `the instance that processed each partition's probe: ${JSON.stringify([...owners])}`).toEqual(new Set(['zombie', 'healthy']));
    bothOwnTasks = true;
    // Both process the records that follow; the zombie freezes in the middle of that work (the feed goes on).
    const bothAfterGate = () => ['zombie', 'healthy'].every((run) => reader.seen.some((s) => s.run === run && s.seq >= GATE));
    await waitFor(bothAfterGate, `committed output of both instances from records ${GATE} and later`, 90_000, () => `${reader.distinct()} distinct, ${reader.seen.filter((s) => s.seq >= GATE).length} of them from ${GATE} on`);

    zombie.kill('SIGSTOP');
    // The group drops the frozen member after its session timeout and the healthy one takes every task,
    // fencing the zombie's transactional ids (a new task's producer fences the old one before the task reads
    // its offsets). The healthy instance processing a probe on every partition shows it owns all of them.
    const healthyRebalanced = healthy.states.length;
    const takeover = await probeEveryPartition(kafka, input, PARTITIONS, reader, 'the healthy instance to take over every partition from the frozen one', 120_000);
    expect([...takeover.values()], `the instance that processed each partition's probe: ${JSON.stringify([...takeover])}`).toEqual(Array(PARTITIONS).fill('healthy'));
    await waitFor(() => healthy.states.slice(healthyRebalanced).includes('RUNNING'), 'the healthy instance to rebalance and run', 60_000, () => `states since the freeze: ${healthy.states.slice(healthyRebalanced).join(' → ')}`);
    expect(healthy.states.slice(healthyRebalanced), 'the healthy instance rebalanced and runs').toContain('RUNNING');
    const zombieStatesBeforeThaw = zombie.states.length;
    zombie.kill('SIGCONT');

    await feeding;
    await waitFor(() => reader.distinct() >= TOTAL, `${TOTAL} distinct outputs`, 120_000, () => `${reader.distinct()} distinct`);
    await waitFor(() => /fenced by a newer owner/.test(zombie.stderr()), 'the zombie\'s commit to be rejected as fenced', 30_000, () => `zombie stderr: ${zombie.stderr().slice(-2000)}`);
    expect(zombie.stderr(), 'the zombie\'s commit was rejected because a newer producer fenced it').toMatch(/fenced by a newer owner/);
    await waitFor(() => zombie.states.slice(zombieStatesBeforeThaw).includes('RUNNING'), 'the zombie to rejoin the group and run again', 60_000, () => `zombie states since the thaw: ${zombie.states.slice(zombieStatesBeforeThaw).join(' → ')}`);
    expect(zombie.states.slice(zombieStatesBeforeThaw), 'the zombie rejoined the group and runs again').toContain('RUNNING');
    expect(zombie.states).not.toContain('ERROR');

    zombie.kill('SIGTERM');
    healthy.kill('SIGTERM');
    expect(await zombie.exited).toBe(0);
    expect(await healthy.exited).toBe(0);

    // Both instances have exited, so these markers come after everything either wrote, including any late
    // commit of the zombie: once the read_committed reader has every marker, a duplicate would be in `seen`.
    await endWithMarkers(kafka, output, PARTITIONS, reader);
    await reader.stop();
    expect(reader.markers.size, 'no transaction was left open').toBe(PARTITIONS);
    const probesTwice = [...reader.probes].filter(([, values]) => values.length > 1);
    expect(probesTwice, 'probes processed more than once').toEqual([]);

    const { missing, duplicated } = tally(reader.seen, TOTAL);
    expect(duplicated.length, 'duplicates').toBe(0);
    expect(missing.length, 'every input once').toBe(0);
    expect(reader.seen.some((s) => s.run === 'zombie') && reader.seen.some((s) => s.run === 'healthy')).toBe(true);
  });
});
