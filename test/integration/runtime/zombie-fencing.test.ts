// Zombie fencing: an exactly_once instance is frozen (SIGSTOP) until the group moves its tasks to the other
// instance, then thawed (SIGCONT). Its late commit must be rejected (its producers were fenced by the new
// owner), it must keep running, and the output must hold each input exactly once.
import { describe, expect, it } from 'vitest';
import { bootstrapServers, createTopics, kafkaClient, uniqueName } from '../../harness/kafka.js';
import { startChildApp } from '../../harness/child-app.js';
import { endWithMarkers, feedSequences, readSequences, tally, until } from '../../harness/sequences.js';

const TOTAL = 30_000;

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
    const feeding = feedSequences(kafka, input, { total: TOTAL, batch: 100, pauseMs: 20, keys: 100 });

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
    await new Promise((r) => setTimeout(r, 1500)); // both process for a while

    zombie.kill('SIGSTOP');
    // The group drops the frozen member after its session timeout and the healthy one takes every task,
    // fencing the zombie's transactional ids.
    const healthyRebalanced = healthy.states.length;
    await new Promise((r) => setTimeout(r, 12_000));
    expect(healthy.states.slice(healthyRebalanced), 'the healthy instance rebalanced and runs').toContain('RUNNING');
    const zombieStatesBeforeThaw = zombie.states.length;
    zombie.kill('SIGCONT');

    await feeding;
    await until(() => reader.distinct() >= TOTAL, 120_000);
    await until(() => /fenced by a newer owner/.test(zombie.stderr()), 30_000);
    expect(zombie.stderr(), 'the zombie\'s commit was rejected because a newer producer fenced it').toMatch(/fenced by a newer owner/);
    await until(() => zombie.states.slice(zombieStatesBeforeThaw).includes('RUNNING'), 60_000);
    expect(zombie.states.slice(zombieStatesBeforeThaw), 'the zombie rejoined the group and runs again').toContain('RUNNING');
    expect(zombie.states).not.toContain('ERROR');

    zombie.kill('SIGTERM');
    healthy.kill('SIGTERM');
    expect(await zombie.exited).toBe(0);
    expect(await healthy.exited).toBe(0);

    await endWithMarkers(kafka, output, PARTITIONS, reader);
    await reader.stop();
    expect(reader.markers.size, 'no transaction was left open').toBe(PARTITIONS);

    const { missing, duplicated } = tally(reader.seen, TOTAL);
    expect(duplicated.length, 'duplicates').toBe(0);
    expect(missing.length, 'every input once').toBe(0);
    expect(reader.seen.some((s) => s.run === 'zombie') && reader.seen.some((s) => s.run === 'healthy')).toBe(true);
  });
});
