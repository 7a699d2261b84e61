// Exactly-once of suppressed final results under SIGKILL: a windowed count with `untilWindowCloses` (test/apps/
// suppress-app.ts) is killed 5 times while it works and restarted, each time restoring its window store and its
// suppression buffer from their changelogs. Read with read_committed, every key and window must have exactly one
// final result, with the full count: none lost with a buffer that was not restored, none emitted twice by a run
// that re-emitted what an aborted transaction had already emitted, none emitted before its window closed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Partitioners, type Kafka, type PartitionMetadata } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { bootstrapServers, createTopics, kafkaClient, uniqueName } from '../../harness/kafka.js';
import { runWithKills } from '../../harness/kill-loop.js';
import { readMarkedOutput } from '../../harness/marked-output.js';
import { endWithMarkers } from '../../harness/sequences.js';

const WINDOWS = 30;
const KEYS = 10;
const PER_KEY_AND_WINDOW = 100;
const TOTAL = WINDOWS * KEYS * PER_KEY_AND_WINDOW; // one record per ms: 1,000 per 1 s window
const KILLS = 5;
const PARTITIONS = 4;
const WINDOW_MS = 1000;

interface FinalCount {
  readonly window: string;
  readonly count: number;
  readonly run: string;
}

/**
 * Record i: key `k<i mod KEYS>`, value i, timestamp base + i, in batches of `batch` with `pauseMs` between them.
 * Then one record per partition far past the last window, which closes every window of that partition's task.
 */
async function feed(kafka: Kafka, topic: string, base: number, batch: number, pauseMs: number): Promise<void> {
  const producer = kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    for (let from = 0; from < TOTAL; from += batch) {
      const n = Math.min(batch, TOTAL - from);
      await producer.send({
        topic,
        messages: Array.from({ length: n }, (_, j) => ({ key: `k${(from + j) % KEYS}`, value: String(from + j), timestamp: String(base + from + j) })),
      });
      await new Promise((r) => setTimeout(r, pauseMs));
    }
    const closeAt = String(base + TOTAL + 5 * WINDOW_MS);
    await producer.send({ topic, messages: closerKeys(topic).map((key) => ({ key, value: 'close', timestamp: closeAt })) });
  } finally {
    await producer.disconnect();
  }
}

/** One key per partition, as the default (murmur2) partitioner maps it. */
function closerKeys(topic: string): string[] {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata: PartitionMetadata[] = Array.from({ length: PARTITIONS }, (_, p) => ({ partitionErrorCode: 0, partitionId: p, leader: 0, replicas: [0], isr: [0] }));
  const keys = new Map<number, string>();
  for (let n = 0; keys.size < PARTITIONS; n++) {
    const key = `closer-${n}`;
    const p = partitioner({ topic, partitionMetadata, message: { key, value: null } });
    if (!keys.has(p)) keys.set(p, key);
  }
  return [...keys.values()];
}

describe('suppression kill -9 (exactly_once, untilWindowCloses)', () => {
  it(`emits each of ${WINDOWS * KEYS} final window counts exactly once across ${KILLS} SIGKILLs`, { timeout: 600_000 }, async () => {
    const input = uniqueName('suppress-kill-in');
    const output = uniqueName('suppress-kill-out');
    await createTopics([
      { topic: input, numPartitions: PARTITIONS },
      { topic: output, numPartitions: PARTITIONS },
    ]);
    const kafka = kafkaClient();
    const reader = await readMarkedOutput(kafka, output, (key, value): FinalCount => {
      const [count, run] = value.split(':');
      return { window: key, count: Number(count), run: run! };
    });
    // Recent, whole-second event times: the changelogs are `compact,delete` and keep records by their time.
    const base = Math.floor(Date.now() / WINDOW_MS) * WINDOW_MS - 3_600_000;
    const feeding = feed(kafka, input, base, 150, 100);
    const stateDir = mkdtempSync(join(tmpdir(), 'kstreams-suppress-kill-'));
    const env = {
      BOOTSTRAP: bootstrapServers(),
      APP_ID: uniqueName('suppress-kill-app'),
      INPUT: input,
      OUTPUT: output,
      COMMIT_MS: '100',
      STATE_DIR: stateDir,
    };
    const distinct = () => new Set(reader.seen.map((s) => s.window)).size;
    try {
      await runWithKills({ app: 'suppress-app', env, kills: KILLS, feeding, finished: () => distinct() >= WINDOWS * KEYS });
      await endWithMarkers(kafka, output, PARTITIONS, reader);
      await reader.stop();
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
    expect(reader.markers.size, 'every output partition reached its marker: no transaction was left open').toBe(PARTITIONS);

    const expected: string[] = [];
    for (let w = 0; w < WINDOWS; w++) for (let k = 0; k < KEYS; k++) expected.push(`k${k}@${base + w * WINDOW_MS}`);
    const byWindow = new Map<string, FinalCount[]>();
    for (const s of reader.seen) byWindow.set(s.window, [...(byWindow.get(s.window) ?? []), s]);
    const missing = expected.filter((w) => !byWindow.has(w));
    const twice = [...byWindow].filter(([, finals]) => finals.length > 1);
    const unexpected = [...byWindow.keys()].filter((w) => !expected.includes(w));
    const wrong = reader.seen.filter((s) => s.count !== PER_KEY_AND_WINDOW);
    expect(missing, 'windows without a final result').toEqual([]);
    expect(twice.slice(0, 3), `windows with ${twice.length} more than one final result`).toEqual([]);
    expect(unexpected, 'final results of windows that never closed').toEqual([]);
    expect(wrong.slice(0, 3), `${wrong.length} final results without the full count`).toEqual([]);
    const runs = new Set(reader.seen.map((s) => s.run));
    expect(runs.size, `runs that emitted final results: ${[...runs].join(', ')}`).toBeGreaterThan(1);
  });
});
