// Exactly-once for a stateful topology under SIGKILL (modelled on Kafka's StreamsEosTest): a child-process app
// keeps count and sum per key in a store (persistent LMDB, or in-memory) with a changelog and writes both with every input
// record. It is killed 5 times while transactions are open and restarted, each time restoring the tail of the
// changelog its local store had not made durable. Every output read with read_committed must equal the closed
// form (so no update was lost or applied twice, also across restores), each input exactly once, in key order.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootstrapServers, createTopics, kafkaClient, uniqueName } from '../../harness/kafka.js';
import { runWithKills } from '../../harness/kill-loop.js';
import { endWithMarkers, feedSequences } from '../../harness/sequences.js';
import { readAggregates, readTotals, wrongAggregates, wrongTotals } from '../../harness/totals.js';

const TOTAL = 100_000;
const KILLS = 5;
const PARTITIONS = 4;
const KEYS = 100;

describe.each(['persistent', 'in-memory'])('stateful kill -9 (exactly_once, %s store)', (store) => {
  it(`keeps exact per-key count and sum over ${TOTAL} records across ${KILLS} SIGKILLs`, { timeout: 600_000 }, async () => {
    const input = uniqueName('skill-in');
    const output = uniqueName('skill-out');
    await createTopics([
      { topic: input, numPartitions: PARTITIONS },
      { topic: output, numPartitions: PARTITIONS },
    ]);
    const kafka = kafkaClient();
    const reader = await readTotals(kafka, output);
    const feeding = feedSequences(kafka, input, { total: TOTAL, batch: 200, pauseMs: 50, keys: KEYS });
    const stateDir = mkdtempSync(join(tmpdir(), 'kstreams-skill-'));
    const env = {
      BOOTSTRAP: bootstrapServers(),
      APP_ID: uniqueName('skill-app'),
      INPUT: input,
      OUTPUT: output,
      GUARANTEE: 'exactly_once',
      COMMIT_MS: '100',
      STATE_DIR: stateDir,
      STORE: store,
    };
    const restored: number[] = [];
    try {
      await runWithKills({
        app: 'stateful-app',
        env,
        kills: KILLS,
        feeding,
        finished: () => reader.distinct() >= TOTAL,
        onRunning: (app) => restored.push(app.messages.reduce((n, m) => n + (typeof m.restored === 'number' ? m.restored : 0), 0)),
      });
      await endWithMarkers(kafka, output, PARTITIONS, reader);
      await reader.stop();
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
    expect(reader.markers.size, 'every output partition reached its marker: no transaction was left open').toBe(PARTITIONS);

    const { seen } = reader;
    const wrong = wrongTotals(seen, KEYS);
    expect(wrong.length, `outputs off the closed form, e.g. ${JSON.stringify(wrong.slice(0, 3))}; restored per run: ${restored.join(', ')}`).toBe(0);
    const bySeq = new Map<number, number>();
    for (const s of seen) bySeq.set(s.seq, (bySeq.get(s.seq) ?? 0) + 1);
    expect([...bySeq.values()].filter((c) => c > 1).length, 'inputs processed twice').toBe(0);
    expect(bySeq.size, 'inputs processed').toBe(TOTAL);
    // In-memory stores start empty, so every run after the first restored the changelog. (A persistent store
    // restores only what it had not made durable: usually nothing, as a kill mostly hits an open transaction
    // whose changelog records are aborted; the restore-tail test covers the tail.)
    if (store === 'in-memory') expect(restored.slice(1).every((n) => n > 0), `restored per run: ${restored.join(', ')}`).toBe(true);
    const finals = new Map<string, number>();
    for (const s of seen) finals.set(s.key, Math.max(finals.get(s.key) ?? 0, s.count));
    expect([...finals.values()].every((c) => c === TOTAL / KEYS)).toBe(true);
  });
});

describe('stateful kill -9 (exactly_once, DSL groupBy + aggregate, cached)', () => {
  it(`keeps every committed aggregate in closed form over ${TOTAL} records across ${KILLS} SIGKILLs`, { timeout: 600_000 }, async () => {
    const input = uniqueName('skill-dsl-in');
    const output = uniqueName('skill-dsl-out');
    await createTopics([
      { topic: input, numPartitions: PARTITIONS },
      { topic: output, numPartitions: PARTITIONS },
    ]);
    const kafka = kafkaClient();
    const reader = await readAggregates(kafka, output);
    const feeding = feedSequences(kafka, input, { total: TOTAL, batch: 200, pauseMs: 50, keys: KEYS });
    const stateDir = mkdtempSync(join(tmpdir(), 'kstreams-skill-dsl-'));
    const env = {
      BOOTSTRAP: bootstrapServers(),
      APP_ID: uniqueName('skill-dsl-app'),
      INPUT: input,
      OUTPUT: output,
      GUARANTEE: 'exactly_once',
      COMMIT_MS: '100',
      STATE_DIR: stateDir,
      STORE: 'persistent',
      MODE: 'dsl',
    };
    const done = () => reader.latest.size === KEYS && [...reader.latest.values()].every((c) => c === TOTAL / KEYS);
    try {
      await runWithKills({ app: 'stateful-app', env, kills: KILLS, feeding, finished: done });
      await endWithMarkers(kafka, output, PARTITIONS, reader);
      await reader.stop();
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
    expect(reader.markers.size, 'no transaction was left open').toBe(PARTITIONS);
    const wrong = wrongAggregates(reader.seen, KEYS);
    expect(wrong.length, `updates off the closed form or not increasing, e.g. ${JSON.stringify(wrong.slice(0, 3))}`).toBe(0);
    expect(done(), `final counts: ${JSON.stringify([...reader.latest].slice(0, 5))}`).toBe(true);
    // Caching merged updates between commits, yet there were many intermediate updates to check.
    expect(reader.seen.length).toBeGreaterThan(KEYS * 5);
    expect(reader.seen.length).toBeLessThanOrEqual(TOTAL);
  });
});
