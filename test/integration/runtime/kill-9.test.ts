// Exactly-once (and at-least-once) under SIGKILL: a child-process app runs a stateless pipeline over 100,000
// records and is killed at 5 random moments while transactions are open, then restarted. A read_committed
// reader must see every input transformed exactly once (at_least_once: at least once), in per-key order.
// The test ends by writing a marker to every output partition; the markers must become readable, which proves
// no transaction was left open.
import { describe, expect, it } from 'vitest';
import type { Kafka } from 'kafkajs';
import type { ProcessingGuarantee } from '@kstreams/core';
import { bootstrapServers, createTopics, kafkaClient, uniqueName } from '../../harness/kafka.js';
import { startChildApp } from '../../harness/child-app.js';
import { endWithMarkers, feedSequences, readSequences, tally, until } from '../../harness/sequences.js';

const TOTAL = 100_000;
const KILLS = 5;
const PARTITIONS = 4;
const KEYS = 200;

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

describe.each<ProcessingGuarantee>(['exactly_once', 'at_least_once'])('kill -9 (%s)', (guarantee) => {
  it(`processes ${TOTAL} records across ${KILLS} SIGKILLs`, { timeout: 600_000 }, async () => {
    const input = uniqueName('kill-in');
    const output = uniqueName('kill-out');
    await createTopics([
      { topic: input, numPartitions: PARTITIONS },
      { topic: output, numPartitions: PARTITIONS },
    ]);
    const kafka = kafkaClient();
    const reader = await readSequences(kafka, output);

    // Input arrives continuously (about 4,000 records/s) while the app is killed and restarted, so every
    // kill lands while records are being processed and transactions are open.
    const feeding = feedSequences(kafka, input, { total: TOTAL, batch: 200, pauseMs: 50, keys: KEYS });

    const appId = uniqueName('kill-app');
    // Outside the app (so its timing is untouched): the group's committed offsets over time, for diagnosis.
    const history = new Map<number, string[]>();
    const admin = kafka.admin();
    await admin.connect();
    const t0 = Date.now();
    let polling = true;
    const poller = (async () => {
      while (polling) {
        try {
          const [res] = await admin.fetchOffsets({ groupId: appId, topics: [input] });
          for (const p of res?.partitions ?? []) {
            const h = history.get(p.partition) ?? [];
            if (h.at(-1)?.split('@')[0] !== p.offset) h.push(`${p.offset}@${((Date.now() - t0) / 1000).toFixed(1)}s`);
            history.set(p.partition, h);
          }
        } catch {
          // the group may not exist yet
        }
        await new Promise((r) => setTimeout(r, 250)); // the diagnostic poller's interval, not a wait for a result
      }
    })();
    const runStarts: string[] = [];

    const env = { BOOTSTRAP: bootstrapServers(), APP_ID: appId, INPUT: input, OUTPUT: output, GUARANTEE: guarantee, COMMIT_MS: '100' };
    const progressAtKill: number[] = [];
    for (let run = 0; run <= KILLS; run++) {
      const app = startChildApp('pipeline-app', { ...env, INSTANCE: `run${run}` });
      await app.waitFor('RUNNING', 90_000);
      runStarts.push(`run${run} running@${((Date.now() - t0) / 1000).toFixed(1)}s`);
      if (run < KILLS) {
        // Part of the scenario, not a wait for a result: the kill lands at a random moment 1-3 s into the run,
        // while it processes the continuous feed with transactions open.
        await new Promise((r) => setTimeout(r, 1000 + Math.floor(Math.random() * 2000)));
        app.kill('SIGKILL');
        await app.exited;
        progressAtKill.push(reader.distinct());
      } else {
        // The last run finishes the work, then shuts down cleanly.
        await feeding;
        await until(() => reader.distinct() >= TOTAL, 240_000);
        app.kill('SIGTERM');
        expect(await app.exited).toBe(0);
      }
    }
    expect(progressAtKill).toHaveLength(KILLS);
    // The killed runs did work: committed output grew across them.
    expect(progressAtKill.at(-1)! > 0, `committed output at each kill: ${progressAtKill.join(', ')}`).toBe(true);

    polling = false;
    await poller;
    await admin.disconnect();
    await endWithMarkers(kafka, output, PARTITIONS, reader);
    await reader.stop();
    expect(reader.markers.size, 'every output partition reached its marker: no transaction was left open').toBe(PARTITIONS);

    // What a read_uncommitted reader sees beyond the committed records was written by transactions the kills
    // left open and the restarts aborted (exactly_once), or is a duplicate (at_least_once).
    const all = await countUncommitted(kafka, output, PARTITIONS);

    const { seen } = reader;
    const { missing, duplicated } = tally(seen, TOTAL);
    expect(missing.length, `missing sequence numbers, e.g. ${missing.slice(0, 5).join(', ')}`).toBe(0);
    if (guarantee === 'exactly_once') {
      const where = (seq: number) => seen.filter((x) => x.seq === seq).map((x) => `${x.run}@p${x.partition}o${x.offset}`).join(' & ');
      const offsetsHistory = [...history].map(([p, h]) => `p${p}: ${h.slice(0, 12).join(' ')}`).join('; ');
      expect(
        duplicated.length,
        `duplicated sequence numbers, e.g. ${duplicated.slice(0, 3).map((s) => `${s} (${where(s)})`).join(', ')}; ${runStarts.join(', ')}; committed offsets: ${offsetsHistory}`,
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
