// Exactly-once (and at-least-once) under SIGKILL: a child-process app runs a stateless pipeline over 100,000
// records and is killed at 5 random moments while transactions are open, then restarted. A read_committed
// reader must see every input transformed exactly once (at_least_once: at least once), in per-key order.
// The test ends by writing a marker to every output partition; the markers must become readable, which proves
// no transaction was left open.
import { describe, expect, it } from 'vitest';
import type { ProcessingGuarantee } from '@kstreams/core';
import { bootstrapServers, createTopics, kafkaClient, uniqueName } from '../../harness/kafka.js';
import { startChildApp } from '../../harness/child-app.js';
import type { Kafka } from 'kafkajs';

/** Data records (markers excluded) a read_uncommitted reader sees, up to the markers. */
async function countUncommitted(kafka: Kafka, topic: string, partitions: number): Promise<number> {
  const c = kafka.consumer({ groupId: uniqueName('kill-uncommitted'), readUncommitted: true });
  let count = 0;
  const markers = new Set<number>();
  await c.connect();
  await c.subscribe({ topics: [topic], fromBeginning: true });
  await new Promise<void>((resolve) => {
    void c.run({
      eachMessage: async ({ partition, message }) => {
        if (message.key?.toString() === '__marker') markers.add(partition);
        else count++;
        if (markers.size === partitions) resolve();
      },
    });
  });
  await c.disconnect();
  return count;
}

const TOTAL = 100_000;
const KILLS = 5;
const PARTITIONS = 4;
const KEYS = 200;

describe.each<ProcessingGuarantee>(['exactly_once', 'at_least_once'])('kill -9 (%s)', (guarantee) => {
  it(`processes ${TOTAL} records across ${KILLS} SIGKILLs`, { timeout: 600_000 }, async () => {
    const input = uniqueName('kill-in');
    const output = uniqueName('kill-out');
    const appId = uniqueName('kill-app');
    await createTopics([
      { topic: input, numPartitions: PARTITIONS },
      { topic: output, numPartitions: PARTITIONS },
    ]);
    const kafka = kafkaClient();

    // The reader runs for the whole test, read_committed.
    const seen: Array<{ key: string; seq: number; partition: number; run: string; offset: number }> = [];
    const markers = new Set<number>();
    const reader = kafka.consumer({ groupId: uniqueName('kill-reader'), readUncommitted: false });
    await reader.connect();
    await reader.subscribe({ topics: [output], fromBeginning: true });
    await reader.run({
      eachMessage: async ({ partition, message }) => {
        const key = message.key!.toString();
        if (key === '__marker') markers.add(partition);
        else {
          const [seq, run] = message.value!.toString().split(':');
          seen.push({ key, seq: Number(seq), partition, run: run!, offset: Number(message.offset) });
        }
      },
    });

    // Input arrives continuously (about 4,000 records/s) while the app is killed and restarted, so every
    // kill lands while records are being processed and transactions are open.
    let produced = 0;
    const feeding = (async () => {
      const producer = kafka.producer();
      await producer.connect();
      while (produced < TOTAL) {
        const n = Math.min(200, TOTAL - produced);
        const from = produced;
        await producer.send({
          topic: input,
          messages: Array.from({ length: n }, (_, j) => ({ key: `k${(from + j) % KEYS}`, value: String(from + j) })),
        });
        produced += n;
        await new Promise((r) => setTimeout(r, 50));
      }
      await producer.disconnect();
    })();

    const env = { BOOTSTRAP: bootstrapServers(), APP_ID: appId, INPUT: input, OUTPUT: output, GUARANTEE: guarantee, COMMIT_MS: '100' };
    const kills: number[] = [];
    const progressAtKill: number[] = [];
    for (let run = 0; run <= KILLS; run++) {
      const app = startChildApp('pipeline-app', { ...env, INSTANCE: `run${run}` });
      await app.waitFor('RUNNING', 90_000);
      if (run < KILLS) {
        const delay = 1000 + Math.floor(Math.random() * 2000);
        await new Promise((r) => setTimeout(r, delay));
        app.kill('SIGKILL');
        await app.exited;
        kills.push(delay);
        progressAtKill.push(new Set(seen.map((x) => x.seq)).size);
      } else {
        // The last run finishes the work, then shuts down cleanly.
        await feeding;
        const deadline = Date.now() + 240_000;
        while (new Set(seen.map((x) => x.seq)).size < TOTAL && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 250));
        }
        app.kill('SIGTERM');
        expect(await app.exited).toBe(0);
      }
    }
    expect(kills).toHaveLength(KILLS);
    // The killed runs did work: committed output grew across them.
    expect(progressAtKill.at(-1)! > 0, `committed output at each kill: ${progressAtKill.join(', ')}`).toBe(true);

    const marker = kafka.producer();
    await marker.connect();
    await marker.send({
      topic: output,
      messages: Array.from({ length: PARTITIONS }, (_, p) => ({ key: '__marker', value: 'end', partition: p })),
    });
    await marker.disconnect();
    const deadline = Date.now() + 60_000;
    while (markers.size < PARTITIONS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await reader.disconnect();
    expect(markers.size, 'every output partition reached its marker: no transaction was left open').toBe(PARTITIONS);

    // What a read_uncommitted reader sees beyond the committed records was written by transactions the kills
    // left open and the restarts aborted (exactly_once), or is a duplicate (at_least_once).
    const all = await countUncommitted(kafka, output, PARTITIONS);

    const counts = new Map<number, number>();
    for (const s of seen) counts.set(s.seq, (counts.get(s.seq) ?? 0) + 1);
    const missing = Array.from({ length: TOTAL }, (_, i) => i).filter((i) => !counts.has(i));
    expect(missing.length, `missing sequence numbers, e.g. ${missing.slice(0, 5).join(', ')}`).toBe(0);
    if (guarantee === 'exactly_once') {
      const duplicated = [...counts].filter(([, c]) => c > 1);
      const where = (seq: number) =>
        seen.filter((x) => x.seq === seq).map((x) => `${x.run}@p${x.partition}o${x.offset}`).join(' & ');
      const byRuns = new Map<string, number>();
      for (const [seq] of duplicated) {
        const runs = seen.filter((x) => x.seq === seq).map((x) => x.run).join('+');
        byRuns.set(runs, (byRuns.get(runs) ?? 0) + 1);
      }
      expect(
        duplicated.length,
        `duplicated sequence numbers, e.g. ${duplicated.slice(0, 3).map(([s]) => `${s} (${where(s)})`).join(', ')}; by runs: ${[...byRuns].map(([r, n]) => `${r}: ${n}`).join(', ')}`,
      ).toBe(0);
      expect(seen).toHaveLength(TOTAL);
      // Per key (one partition per key), the sequence numbers arrive in input order.
      const last = new Map<string, number>();
      let outOfOrder = 0;
      for (const s of seen) {
        if ((last.get(s.key) ?? -1) >= s.seq) outOfOrder++;
        last.set(s.key, s.seq);
      }
      expect(outOfOrder).toBe(0);
      expect(all, 'some kill landed inside an open transaction, whose records were then aborted').toBeGreaterThan(TOTAL);
    }
  });
});
