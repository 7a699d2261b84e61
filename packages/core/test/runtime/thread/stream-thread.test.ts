// The stream thread's rebalance handling, without a broker: a recording fake of the client port drives the
// consumer's callbacks and holds admin calls, so assignments can overlap a task start deterministically.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Headers, Serdes, StreamsBuilder } from '@kstreams/core';
import { resolveConfig } from '../../../src/config/resolve-config.js';
import type { ProcessingGuarantee, StreamsConfig } from '../../../src/config/streams-config.js';
import { ThreadHandle } from '../../../src/runtime/instance/thread-handle.js';
import { reviveError } from '../../../src/runtime/instance/revive-error.js';
import type { ThreadEvent } from '../../../src/runtime/thread/thread-messages.js';
import { FakeKafkaClient } from '../fake-kafka-client.js';
import { builtTopology } from '../../../src/topology/built-topology.js';

const dirs: string[] = [];
const threads: ThreadHandle[] = [];
afterEach(async () => {
  for (const t of threads.splice(0)) await t.send({ type: 'close' });
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A thread of `in` (2 partitions) → `out`, over a fake client; returns both and what the thread reported. */
function startThread(processingGuarantee: ProcessingGuarantee) {
  return startThreadWith({ processingGuarantee });
}

async function startThreadWith(settings: Partial<StreamsConfig>) {
  const builder = new StreamsBuilder();
  builder.stream('in', { keySerde: Serdes.string(), valueSerde: Serdes.string() }).to('out', { keySerde: Serdes.string(), valueSerde: Serdes.string() });
  const topology = builtTopology(builder.build());
  const client = new FakeKafkaClient();
  client.topics.set('in', 2).set('out', 2);
  const stateDir = mkdtempSync(join(tmpdir(), 'kstreams-thread-'));
  dirs.push(stateDir);
  const logger = pino({ level: 'silent' });
  const config = resolveConfig({ applicationId: 'app', bootstrapServers: 'fake:0', processingGuarantee: 'at_least_once', ...settings, stateDir, logger });
  const events: string[] = [];
  const fatal: Error[] = [];
  const running: Array<Extract<ThreadEvent, { type: 'running' }>> = [];
  // Through the instance's handle: every message crosses the boundary as a structured clone.
  const thread = new ThreadHandle(
    { topology, config, client, admin: await client.admin(), logger, globalStores: new Map() },
    { sourceTopics: ['in'], partitionCounts: Object.fromEntries(client.topics), sourcesOf: { 0: ['in'] }, offsetResets: {} },
    (event) => {
      if (event.type === 'rebalancing' || event.type === 'running') events.push(event.type);
      if (event.type === 'running') running.push(event);
      if (event.type === 'fatal') fatal.push(reviveError(event.error));
    },
  );
  threads.push(thread);
  await thread.send({ type: 'start' });
  return { thread, client, consumer: client.consumer!, events, fatal, running };
}

/** Waits (up to 5 s) until `condition` holds; the thread's loop runs on timers and I/O callbacks meanwhile. */
const until = async (condition: () => boolean) => {
  const deadline = Date.now() + 5000;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1));
  if (!condition()) throw new Error('condition not reached');
};

describe('StreamThread rebalances', () => {
  it('an assignment that arrives while the previous one is starting its tasks resumes its own partitions', async () => {
    const { client, consumer, events, fatal, running } = await startThread('exactly_once');
    const release = client.hold('admin.committedOffsets');
    const first = consumer.assign([{ topic: 'in', partition: 0 }], 1);
    await until(() => client.calls.includes('admin.committedOffsets in-0'));
    const second = consumer.assign(
      [
        { topic: 'in', partition: 0 },
        { topic: 'in', partition: 1 },
      ],
      2,
    );
    release();
    await Promise.all([first, second]);

    expect(fatal).toEqual([]);
    await until(() => running.length > 0 && running.at(-1)!.tasks.length === 2);
    expect([...running.at(-1)!.tasks].sort()).toEqual(['0_0', '0_1']);
    // Nothing of the newest generation stays paused, and the thread reported running after it.
    expect([...consumer.paused]).toEqual([]);
    expect(events.at(-1)).toBe('running');
    const lastResume = client.calls.findLastIndex((c) => c.startsWith('consumer.resume'));
    expect(client.calls[lastResume]).toBe('consumer.resume in-0,in-1');
  });

  it('a stale assignment stops at its next step: it neither seeks nor resumes', async () => {
    const { client, consumer } = await startThread('exactly_once');
    const release = client.hold('admin.committedOffsets');
    const first = consumer.assign([{ topic: 'in', partition: 0 }], 1);
    await until(() => client.calls.includes('admin.committedOffsets in-0'));
    const second = consumer.assign([{ topic: 'in', partition: 1 }], 2);
    release();
    await Promise.all([first, second]);
    expect(client.calls.filter((c) => c.startsWith('consumer.seek') || c.startsWith('consumer.resume'))).toEqual([
      'consumer.seek in-1@0',
      'consumer.resume in-1',
    ]);
  });

  it('fences every new task (initTransactions) before it reads committed offsets', async () => {
    const { client, consumer } = await startThread('exactly_once');
    await consumer.assign(
      [
        { topic: 'in', partition: 0 },
        { topic: 'in', partition: 1 },
      ],
      1,
    );
    const fenced = client.calls.filter((c) => c.startsWith('producer.initTransactions')).map((c) => client.calls.indexOf(c));
    const read = client.calls.findIndex((c) => c.startsWith('admin.committedOffsets'));
    expect(fenced).toHaveLength(2);
    expect(Math.max(...fenced)).toBeLessThan(read);
  });
});

describe('StreamThread commits', () => {
  it('at_least_once: output that piles up waits for its acknowledgements and does not commit before the interval', async () => {
    const { client, consumer, fatal } = await startThreadWith({ commitIntervalMs: 60_000, maxBufferedRecordsPerPartition: 10 });
    await consumer.assign([{ topic: 'in', partition: 0 }], 1);
    const records = Array.from({ length: 500 }, (_, i) => ({
      topic: 'in',
      partition: 0,
      offset: i,
      timestamp: i,
      key: Buffer.from(`k${i}`),
      value: Buffer.from(`v${i}`),
      headers: new Headers(),
    }));
    // One fetch of 500 records: processed in one slice, its output is far over 10 × 10 unacknowledged records.
    await consumer.deliver({ topic: 'in', partition: 0, records });
    await until(() => client.sent.length === 500);
    expect(fatal).toEqual([]);
    expect(client.calls.filter((c) => c.startsWith('consumer.commitOffsets'))).toEqual([]);
  });
});

describe('StreamThread exactly_once commits', () => {
  it('add the consumed offsets to the task transaction with the consumer group metadata of the current generation', async () => {
    const { client, consumer, fatal } = await startThreadWith({ processingGuarantee: 'exactly_once', commitIntervalMs: 10 });
    await consumer.assign([{ topic: 'in', partition: 0 }], 7);
    const record = { topic: 'in', partition: 0, offset: 4, timestamp: 0, key: Buffer.from('k'), value: Buffer.from('v'), headers: new Headers() };
    await consumer.deliver({ topic: 'in', partition: 0, records: [record] });
    await until(() => client.calls.includes('producer.commitTransaction app-0_0'));
    expect(fatal).toEqual([]);
    const sendOffsets = client.calls.filter((c) => c.startsWith('producer.sendOffsets'));
    const commit = client.calls.indexOf('producer.commitTransaction app-0_0');
    expect(sendOffsets).toEqual(['producer.sendOffsets app-0_0 in-0@5 app/member-1@7']);
    expect(client.calls.indexOf(sendOffsets[0]!)).toBeLessThan(commit);
  });
});

describe('StreamThread failures', () => {
  it('a failure during a commit abandons the tasks only after the commit finished', async () => {
    const { client, consumer, fatal } = await startThreadWith({ processingGuarantee: 'exactly_once', commitIntervalMs: 10 });
    await consumer.assign([{ topic: 'in', partition: 0 }], 1);
    const release = client.hold('producer.commitTransaction');
    const record = { topic: 'in', partition: 0, offset: 0, timestamp: 0, key: Buffer.from('k'), value: Buffer.from('v'), headers: new Headers() };
    await consumer.deliver({ topic: 'in', partition: 0, records: [record] });
    await until(() => client.calls.includes('producer.commitTransaction app-0_0'));
    consumer.handlers!.onCrash(new Error('the consumer died'));
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    expect(fatal.map((e) => e.message)).toEqual(['the consumer died']);
    // The commit is still in flight: nothing may abort its transaction now.
    expect(client.calls.filter((c) => c.startsWith('producer.abortTransaction'))).toEqual([]);
    // Once it committed, the abandon that follows finds no open transaction to abort.
    release();
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    expect(client.calls.filter((c) => c.startsWith('producer.abortTransaction'))).toEqual([]);
  });
});
