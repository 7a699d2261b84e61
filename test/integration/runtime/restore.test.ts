// Restore from changelogs against the real broker: a persistent store restores only the changelog tail it has
// not made durable; a deleted state folder is rebuilt from the whole changelog; local state that claims an
// offset beyond its changelog is detected, wiped and restored with a warning; a task moving to another
// instance continues with exact counts. Outputs are checked against the closed form (test/harness/totals.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { KafkaStreams, type RestoreProgress } from '@kstreams/core';
import { pino } from 'pino';
import { totalsTopology } from '../../apps/totals-topology.js';
import { bootstrapServers, createTopics, kafkaClient, uniqueName } from '../../harness/kafka.js';
import { waitForState } from '../../harness/streams-app.js';
import { feedSequences, until } from '../../harness/sequences.js';
import { readTotals, wrongTotals, type TotalsReader } from '../../harness/totals.js';

const KEYS = 20;
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'kstreams-restore-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface Run {
  readonly app: KafkaStreams;
  readonly restores: RestoreProgress[];
  readonly warnings: string[];
  restored(): number;
}

async function startRun(o: { appId: string; input: string; output: string; stateDir: string; instance: string }): Promise<Run> {
  const restores: RestoreProgress[] = [];
  const warnings: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as { level: number; msg: string };
        if (entry.level === 40) warnings.push(entry.msg);
      }
      done();
    },
  });
  const app = new KafkaStreams(totalsTopology({ input: o.input, output: o.output, store: 'persistent', instance: o.instance }), {
    applicationId: o.appId,
    bootstrapServers: bootstrapServers(),
    processingGuarantee: 'exactly_once',
    commitIntervalMs: 100,
    stateDir: o.stateDir,
    sessionTimeoutMs: 6000,
    heartbeatIntervalMs: 500,
    logger: pino({ level: 'warn' }, sink),
  });
  app.restoreProgress$.subscribe((p) => restores.push(p));
  const running = waitForState(app, 'RUNNING', 90_000);
  await app.start();
  await running;
  return { app, restores, warnings, restored: () => restores.filter((p) => p.done).reduce((n, p) => n + p.restored, 0) };
}

async function setUp(partitions: number) {
  const input = uniqueName('restore-in');
  const output = uniqueName('restore-out');
  await createTopics([
    { topic: input, numPartitions: partitions },
    { topic: output, numPartitions: partitions },
  ]);
  const kafka = kafkaClient();
  const reader = await readTotals(kafka, output);
  let fed = 0;
  /** Feeds the next `n` sequence numbers (keys continue the same sequences). */
  const feed = async (n: number) => {
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    for (let i = fed; i < fed + n; i += 500) {
      const m = Math.min(500, fed + n - i);
      await producer.send({ topic: input, messages: Array.from({ length: m }, (_, j) => ({ key: `k${(i + j) % KEYS}`, value: String(i + j) })) });
    }
    await producer.disconnect();
    fed += n;
    await until(() => reader.distinct() >= fed, 60_000);
    expect(reader.distinct()).toBe(fed);
  };
  return { input, output, kafka, reader, feed, appId: uniqueName('restore-app') };
}

function expectExact(reader: TotalsReader, total: number): void {
  const wrong = wrongTotals(reader.seen, KEYS);
  expect(wrong.length, `outputs off the closed form, e.g. ${JSON.stringify(wrong.slice(0, 3))}`).toBe(0);
  expect(reader.seen).toHaveLength(total);
}

describe('restore from changelogs', () => {
  it('restarts a persistent store restoring only the changelog tail; a deleted state folder restores everything', async () => {
    const t = await setUp(2);
    const dirA = tempDir();
    const a = await startRun({ ...t, stateDir: dirA, instance: 'a' });
    expect(a.restored()).toBe(0);
    await t.feed(2000);
    await a.app.close();

    // Another instance with an empty state dir restores the whole changelog (one record per input), then works on.
    const b = await startRun({ ...t, stateDir: tempDir(), instance: 'b' });
    expect(b.restored()).toBe(2000);
    await t.feed(500);
    await b.app.close();

    // The first state dir is 500 changelog records behind: only they are restored.
    const c = await startRun({ ...t, stateDir: dirA, instance: 'c' });
    expect(c.restored()).toBe(500);
    expect(c.restores.filter((p) => p.done).every((p) => p.startOffset > 0)).toBe(true);
    await t.feed(300);
    await c.app.close();

    // Deleting the state folder (cleanUp) restores from the changelog again, completely.
    await c.app.cleanUp();
    const d = await startRun({ ...t, stateDir: dirA, instance: 'd' });
    expect(d.restored()).toBe(2800);
    await t.feed(200);
    await d.app.close();

    await t.reader.stop();
    expectExact(t.reader, 3000);
  });

  it('detects local state beyond the changelog, wipes it with a warning and restores', async () => {
    const t = await setUp(1);
    const dir = tempDir();
    const a = await startRun({ ...t, stateDir: dir, instance: 'a' });
    await t.feed(1000);
    await a.app.close();

    // Another application id reuses the state dir layout: copy a's state under the new id to fake a store whose
    // checkpoint (about offset 1000) lies beyond a fresh, shorter changelog.
    const { cpSync } = await import('node:fs');
    const other = { ...(await setUp(1)) };
    cpSync(join(dir, t.appId), join(dir, other.appId), { recursive: true });
    const b = await startRun({ ...other, stateDir: dir, instance: 'b' });
    expect(b.warnings.some((w) => /outside .*wiping it and restoring from the changelog/.test(w)), b.warnings.join('\n')).toBe(true);
    // The wiped store starts from zero, so the new application's totals are exact from its first record.
    await other.feed(100);
    await b.app.close();
    await other.reader.stop();
    await t.reader.stop();
    expectExact(other.reader, 100);
  });

  it('moves tasks to a joining instance and back, continuing with exact counts', async () => {
    const t = await setUp(4);
    const a = await startRun({ ...t, stateDir: tempDir(), instance: 'a' });
    await t.feed(2000);
    const b = await startRun({ ...t, stateDir: tempDir(), instance: 'b' });
    await until(() => a.app.metrics().tasks + b.app.metrics().tasks === 4 && b.app.metrics().tasks > 0, 60_000);
    expect(b.app.metrics().tasks).toBeGreaterThan(0);
    expect(b.restored(), 'the tasks b took over were restored from their changelogs').toBeGreaterThan(0);
    await t.feed(2000);
    await a.app.close();
    await until(() => b.app.metrics().tasks === 4, 60_000);
    await t.feed(2000);
    await b.app.close();
    await t.reader.stop();
    expectExact(t.reader, 6000);
    const runs = new Set(t.reader.seen.map((s) => s.run));
    expect(runs).toEqual(new Set(['a', 'b']));
  });
});
