// Zombie fencing: an exactly_once instance is frozen (SIGSTOP) until the group moves its tasks to the other
// instance, then thawed (SIGCONT). Its late commit must be rejected (its producers were fenced by the new
// owner), it must keep running, and the output must hold each input exactly once.
import { describe, expect, it } from 'vitest';
import { bootstrapServers, createTopics, kafkaClient, uniqueName } from '../../harness/kafka.js';
import { startChildApp } from '../../harness/child-app.js';

const TOTAL = 30_000;

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}
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
    const seen: Array<{ seq: number; run: string }> = [];
    const markers = new Set<number>();
    const reader = kafka.consumer({ groupId: uniqueName('zombie-reader'), readUncommitted: false });
    await reader.connect();
    await reader.subscribe({ topics: [output], fromBeginning: true });
    await reader.run({
      eachMessage: async ({ partition, message }) => {
        if (message.key?.toString() === '__marker') markers.add(partition);
        else {
          const [seq, run] = message.value!.toString().split(':');
          seen.push({ seq: Number(seq), run: run! });
        }
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
          messages: Array.from({ length: n }, (_, j) => ({ key: `k${(from + j) % 100}`, value: String(from + j) })),
        });
        produced += n;
        await new Promise((r) => setTimeout(r, 20));
      }
      await producer.disconnect();
    })();

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
    const deadline = Date.now() + 120_000;
    while (new Set(seen.map((s) => s.seq)).size < TOTAL && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    await until(() => /fenced by a newer owner/.test(zombie.stderr()), 30_000);
    expect(zombie.stderr(), 'the zombie\'s commit was rejected because a newer producer fenced it').toMatch(/fenced by a newer owner/);
    await until(() => zombie.states.slice(zombieStatesBeforeThaw).includes('RUNNING'), 60_000);
    expect(zombie.states.slice(zombieStatesBeforeThaw), 'the zombie rejoined the group and runs again').toContain('RUNNING');
    expect(zombie.states).not.toContain('ERROR');

    zombie.kill('SIGTERM');
    healthy.kill('SIGTERM');
    expect(await zombie.exited).toBe(0);
    expect(await healthy.exited).toBe(0);

    const marker = kafka.producer();
    await marker.connect();
    await marker.send({ topic: output, messages: Array.from({ length: PARTITIONS }, (_, p) => ({ key: '__marker', value: 'end', partition: p })) });
    await marker.disconnect();
    const end = Date.now() + 60_000;
    while (markers.size < PARTITIONS && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    await reader.disconnect();
    expect(markers.size, 'no transaction was left open').toBe(PARTITIONS);

    const counts = new Map<number, number>();
    for (const s of seen) counts.set(s.seq, (counts.get(s.seq) ?? 0) + 1);
    expect([...counts.values()].filter((c) => c > 1).length, 'duplicates').toBe(0);
    expect(counts.size, 'every input once').toBe(TOTAL);
    expect(seen.some((s) => s.run === 'zombie') && seen.some((s) => s.run === 'healthy')).toBe(true);
  });
});
