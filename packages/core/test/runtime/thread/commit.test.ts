// The commit protocol (runtime/thread/commit.ts) over real StreamTasks and the recording fake client: the steps in
// order, what a fenced or failed commit does, and that the stores are made durable only after the commit.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { Headers, Materialized, Serdes, Stores, StreamsBuilder } from '../../../src/index.js';
import { GroupRebalancingError, ProducerFencedError } from '../../../src/client/client-errors.js';
import type { GroupMetadata, TransactionalProducerPort } from '../../../src/client/kafka-client.js';
import { resolveConfig } from '../../../src/config/resolve-config.js';
import type { InputRecord } from '../../../src/record/input-record.js';
import type { OutgoingRecord } from '../../../src/record/outgoing-record.js';
import { systemClock } from '../../../src/runtime/task/clock.js';
import { StreamTask } from '../../../src/runtime/task/stream-task.js';
import type { ActiveTask } from '../../../src/runtime/thread/active-task.js';
import { BufferedCollector } from '../../../src/runtime/thread/buffered-collector.js';
import { atLeastOnceCommit, exactlyOnceCommit } from '../../../src/runtime/thread/commit.js';
import type { StreamsAssignor } from '../../../src/runtime/thread/streams-assignor.js';
import { builtTopology } from '../../../src/topology/built-topology.js';
import { FakeKafkaClient } from '../fake-kafka-client.js';

const S = Serdes.string();
const logger = pino({ level: 'silent' });
const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array | null) => (b === null ? null : new TextDecoder().decode(b));

// `in` → count per key in a cached in-memory store → `out`: the counts reach `out` (and the changelog) only when
// the store's cache flushes, i.e. at commit step 2.
const b = new StreamsBuilder();
b.stream('in', { keySerde: S, valueSerde: S })
  .groupByKey()
  .count({ materialized: Materialized.as(Stores.inMemoryKeyValueStore('counts')) })
  .toStream()
  .to('out');
const topology = builtTopology(b.build());
const config = resolveConfig({ applicationId: 'app', bootstrapServers: 'fake:0', logger });
const group: GroupMetadata = { groupId: 'app', generationId: 5, memberId: 'member-1' };

/**
 * A real task of partition `p` writing through `collector`. Its stores' `commit` (step 6, making writes durable)
 * and the collector's `discard` are recorded in `calls`, between the client's calls.
 */
function streamTask(calls: string[], p: number, collector: BufferedCollector): ActiveTask {
  const stream = new StreamTask({
    topology,
    subtopology: topology.subtopologies[0]!,
    partitions: [{ topic: 'in', partition: p }],
    clock: systemClock,
    settings: config,
    logger,
    collector,
  });
  stream.initialize();
  const storesCommit = stream.stores.commit.bind(stream.stores);
  stream.stores.commit = () => {
    calls.push(`stores.commit ${stream.id}`);
    storesCommit();
  };
  return { id: stream.id, stream, collector };
}

/** An exactly_once task as the guarantee opens it: its own transactional producer, begun on its first send. */
async function eosTask(client: FakeKafkaClient, p: number): Promise<{ task: ActiveTask; producer: TransactionalProducerPort }> {
  const producer = client.transactionalProducer({ transactionalId: `app-0_${p}` });
  await producer.initTransactions();
  const collector = new BufferedCollector(async (records) => {
    if (!producer.inTransaction) await producer.beginTransaction();
    return producer.send(records);
  }, () => 2);
  const discard = collector.discard.bind(collector);
  collector.discard = async () => {
    client.calls.push(`collector.discard 0_${p}`);
    await discard();
  };
  return { task: streamTask(client.calls, p, collector), producer };
}

function eos(...tasks: Array<{ task: ActiveTask; producer: TransactionalProducerPort }>) {
  const producers = new Map(tasks.map((t) => [t.task, t.producer]));
  return exactlyOnceCommit(
    () => group,
    (task) => producers.get(task)!,
  );
}

/** Feeds `keys` to the task's partition at offsets `from`.. and processes them all. */
function consume(task: ActiveTask, keys: readonly string[], from: number): void {
  const p = task.stream.partitions[0]!.partition;
  const records: InputRecord[] = keys.map((k, i) => ({
    topic: 'in',
    partition: p,
    offset: from + i,
    timestamp: 1000 + i,
    key: enc(k),
    value: enc('x'),
    headers: new Headers(),
  }));
  task.stream.addRecords('in', p, records);
  while (task.stream.process());
}

const after = (calls: string[], mark: string) => calls.slice(calls.indexOf(mark) + 1);
const outputs = (sent: readonly OutgoingRecord[]) => sent.filter((r) => r.topic === 'out').map((r) => dec(r.key));

describe('exactlyOnceCommit', () => {
  it('flushes the stores, waits for the sends, adds the offsets with the group metadata, commits, then makes the stores durable', async () => {
    const client = new FakeKafkaClient();
    const t = await eosTask(client, 0);
    consume(t.task, ['a', 'b', 'a'], 10);
    // The cache holds the counts: nothing was sent before the commit.
    expect(client.sent).toEqual([]);
    const result = await eos(t).commit([t.task]);
    expect(result).toEqual({ committed: [t.task], migrated: [], failed: [], deferred: [] });
    const steps = after(client.calls, 'producer.initTransactions app-0_0');
    expect(steps[0]).toBe('producer.beginTransaction app-0_0');
    const firstOffsets = steps.findIndex((c) => c.startsWith('producer.sendOffsets'));
    expect(steps.slice(1, firstOffsets).every((c) => c.startsWith('producer.send app-0_0'))).toBe(true);
    expect(steps.slice(firstOffsets)).toEqual([
      'producer.sendOffsets app-0_0 in-0@13 app/member-1@5',
      'producer.commitTransaction app-0_0',
      'stores.commit 0_0',
    ]);
    // What the flush produced was sent (acknowledged) before the offsets were added: the counts and their changelog.
    expect(outputs(client.sent).sort()).toEqual(['a', 'b']);
    expect(client.sent.some((r) => r.topic === 'app-counts-changelog')).toBe(true);
    expect(t.task.stream.commitNeeded).toBe(false);
  });

  it('commits nothing for a task with no consumed offsets and no open transaction', async () => {
    const client = new FakeKafkaClient();
    const t = await eosTask(client, 0);
    const mark = client.calls.length;
    const result = await eos(t).commit([t.task]);
    expect(result.committed).toEqual([t.task]);
    expect(client.calls.slice(mark).filter((c) => c.startsWith('producer.'))).toEqual([]);
  });

  it('commits nothing again when nothing was consumed since the last commit', async () => {
    const client = new FakeKafkaClient();
    const t = await eosTask(client, 0);
    const protocol = eos(t);
    consume(t.task, ['a'], 0);
    await protocol.commit([t.task]);
    const mark = client.calls.length;
    const result = await protocol.commit([t.task]);
    expect(result.committed).toEqual([t.task]);
    expect(client.calls.slice(mark).filter((c) => c.startsWith('producer.'))).toEqual([]);
  });

  it('commits an open transaction without consumed offsets (output of a punctuation)', async () => {
    const client = new FakeKafkaClient();
    const t = await eosTask(client, 0);
    t.task.collector.send({ topic: 'out', partition: 0, key: enc('p'), value: null, headers: new Headers(), timestamp: 0 });
    await t.task.collector.flush();
    expect(t.producer.inTransaction).toBe(true);
    const result = await eos(t).commit([t.task]);
    expect(result.committed).toEqual([t.task]);
    expect(after(client.calls, 'producer.send app-0_0 1')).toEqual([
      'producer.sendOffsets app-0_0  app/member-1@5',
      'producer.commitTransaction app-0_0',
      'stores.commit 0_0',
    ]);
  });

  it('reads the group metadata at commit time (the current generation)', async () => {
    const client = new FakeKafkaClient();
    const t = await eosTask(client, 0);
    let generationId = 1;
    const protocol = exactlyOnceCommit(
      () => ({ ...group, generationId }),
      () => t.producer,
    );
    consume(t.task, ['a'], 0);
    generationId = 9;
    await protocol.commit([t.task]);
    expect(client.calls).toContain('producer.sendOffsets app-0_0 in-0@1 app/member-1@9');
  });

  it.each(['producer.commitTransaction', 'producer.sendOffsets'])(
    'a ProducerFencedError from %s reports the task migrated: no abort, no discard, stores not made durable',
    async (step) => {
      const client = new FakeKafkaClient();
      const t = await eosTask(client, 0);
      consume(t.task, ['a'], 0);
      client.fail(step, new ProducerFencedError('app-0_0'));
      const result = await eos(t).commit([t.task]);
      expect(result).toEqual({ committed: [], migrated: [t.task], failed: [], deferred: [] });
      expect(client.calls.at(-1)).toBe(`${step} ${step === 'producer.sendOffsets' ? 'app-0_0 in-0@1 app/member-1@5' : 'app-0_0'}`);
      expect(client.calls.filter((c) => c.startsWith('producer.abortTransaction') || c.startsWith('collector.discard'))).toEqual([]);
      expect(client.calls).not.toContain('stores.commit 0_0');
      if (step === 'producer.sendOffsets') expect(client.calls).not.toContain('producer.commitTransaction app-0_0');
    },
  );

  it.each([
    ['producer.commitTransaction', 'app-0_0'],
    ['producer.sendOffsets', 'app-0_0 in-0@1 app/member-1@5'],
    ['producer.send', 'app-0_0 2'],
  ])('any other failure of %s aborts the transaction after discarding the collector, and reports the task failed', async (step, detail) => {
    const client = new FakeKafkaClient();
    const t = await eosTask(client, 0);
    consume(t.task, ['a'], 0);
    const error = new Error(`${step} broke`);
    client.fail(step, error);
    const result = await eos(t).commit([t.task]);
    expect(result.committed).toEqual([]);
    expect(result.migrated).toEqual([]);
    expect(result.deferred).toEqual([]);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]!.task).toBe(t.task);
    expect(result.failed[0]!.error).toBe(error);
    expect(after(client.calls, `${step} ${detail}`)).toEqual(['collector.discard 0_0', 'producer.abortTransaction app-0_0']);
    expect(client.calls).not.toContain('stores.commit 0_0');
    expect(t.producer.inTransaction).toBe(false);
  });

  it('a failed abort does not hide the commit failure', async () => {
    const client = new FakeKafkaClient();
    const t = await eosTask(client, 0);
    consume(t.task, ['a'], 0);
    const error = new Error('commit broke');
    client.fail('producer.commitTransaction', error);
    client.fail('producer.abortTransaction', new Error('abort broke too'));
    const result = await eos(t).commit([t.task]);
    expect(result.failed.map((f) => f.error)).toEqual([error]);
  });

  it('commits tasks independently: one committed, one migrated, one failed', async () => {
    // One client per task, so a failure set on one client hits that task's producer only.
    const clients = [new FakeKafkaClient(), new FakeKafkaClient(), new FakeKafkaClient()];
    const ts = await Promise.all(clients.map((c, p) => eosTask(c, p)));
    ts.forEach((t, p) => consume(t.task, ['a'], p * 10));
    clients[1]!.fail('producer.commitTransaction', new ProducerFencedError('app-0_1'));
    const error = new Error('broker said no');
    clients[2]!.fail('producer.sendOffsets', error);
    const result = await eos(...ts).commit(ts.map((t) => t.task));
    expect(result.committed).toEqual([ts[0]!.task]);
    expect(result.migrated).toEqual([ts[1]!.task]);
    expect(result.failed).toEqual([{ task: ts[2]!.task, error }]);
    expect(result.deferred).toEqual([]);
    expect(clients[0]!.calls.slice(-3)).toEqual(['producer.sendOffsets app-0_0 in-0@1 app/member-1@5', 'producer.commitTransaction app-0_0', 'stores.commit 0_0']);
    expect(clients[1]!.calls.at(-1)).toBe('producer.commitTransaction app-0_1');
    expect(clients[2]!.calls.slice(-2)).toEqual(['collector.discard 0_2', 'producer.abortTransaction app-0_2']);
  });

  it('abandon discards each task collector, then aborts its open transaction', async () => {
    const client = new FakeKafkaClient();
    const t0 = await eosTask(client, 0);
    const t1 = await eosTask(client, 1);
    consume(t0.task, ['a'], 0);
    t0.task.collector.send({ topic: 'out', partition: 0, key: enc('x'), value: null, headers: new Headers(), timestamp: 0 });
    await t0.task.collector.flush();
    // Buffered, not yet sent: abandon drops it.
    t0.task.collector.send({ topic: 'out', partition: 0, key: enc('dropped'), value: null, headers: new Headers(), timestamp: 0 });
    const mark = client.calls.length;
    await eos(t0, t1).abandon([t0.task, t1.task]);
    const calls = client.calls.slice(mark);
    expect(calls).toContain('producer.abortTransaction app-0_0');
    expect(calls.indexOf('collector.discard 0_0')).toBeLessThan(calls.indexOf('producer.abortTransaction app-0_0'));
    expect(calls).toContain('collector.discard 0_1');
    expect(calls.some((c) => c.startsWith('producer.commitTransaction') || c.startsWith('producer.sendOffsets'))).toBe(false);
    await t0.task.collector.flush();
    expect(client.sent.map((r) => dec(r.key))).not.toContain('dropped');
  });
});

describe('atLeastOnceCommit', () => {
  async function alos(partitions: number) {
    const client = new FakeKafkaClient();
    const consumer = client.groupConsumer({ groupId: 'app', assignor: {} as StreamsAssignor, readCommitted: false, fromBeginning: true });
    const producer = client.producer();
    const collector = new BufferedCollector((records) => producer.send(records), () => 2);
    const discard = collector.discard.bind(collector);
    collector.discard = async () => {
      client.calls.push('collector.discard');
      await discard();
    };
    const tasks = Array.from({ length: partitions }, (_, p) => streamTask(client.calls, p, collector));
    return { client, consumer, collector, tasks, protocol: atLeastOnceCommit(consumer, collector) };
  }

  it('flushes every task stores, waits for the sends, commits last consumed + 1 of every task, then makes the stores durable', async () => {
    const { client, tasks, protocol } = await alos(2);
    consume(tasks[0]!, ['a', 'b', 'a'], 10);
    consume(tasks[1]!, ['c'], 0);
    expect(client.sent).toEqual([]);
    const result = await protocol.commit(tasks);
    expect(result).toEqual({ committed: tasks, migrated: [], failed: [], deferred: [] });
    const commitAt = client.calls.findIndex((c) => c.startsWith('consumer.commitOffsets'));
    expect(client.calls.slice(commitAt)).toEqual(['consumer.commitOffsets in-0@13,in-1@1', 'stores.commit 0_0', 'stores.commit 0_1']);
    expect(client.calls.slice(0, commitAt).length).toBeGreaterThan(0);
    expect(client.calls.slice(0, commitAt).every((c) => c.startsWith('producer.send'))).toBe(true);
    expect(outputs(client.sent).sort()).toEqual(['a', 'b', 'c']);
    expect(client.committed).toEqual(new Map([['in-0', 13], ['in-1', 1]]));
  });

  it('commits only the partitions that advanced since the last commit', async () => {
    const { client, tasks, protocol } = await alos(2);
    consume(tasks[0]!, ['a'], 0);
    consume(tasks[1]!, ['b'], 0);
    await protocol.commit(tasks);
    consume(tasks[1]!, ['b'], 1);
    const mark = client.calls.length;
    await protocol.commit(tasks);
    expect(client.calls.slice(mark).filter((c) => c.startsWith('consumer.'))).toEqual(['consumer.commitOffsets in-1@2']);
  });

  it('commits no offsets when nothing was consumed, and still reports the tasks committed', async () => {
    const { client, tasks, protocol } = await alos(2);
    const result = await protocol.commit(tasks);
    expect(result.committed).toEqual(tasks);
    expect(client.calls.filter((c) => c.startsWith('consumer.commitOffsets') || c.startsWith('producer.'))).toEqual([]);
  });

  it('a GroupRebalancingError defers the commit: nothing made durable, the offsets are committed next time', async () => {
    const { client, tasks, protocol } = await alos(1);
    consume(tasks[0]!, ['a'], 0);
    client.fail('consumer.commitOffsets', new GroupRebalancingError());
    const result = await protocol.commit(tasks);
    expect(result).toEqual({ committed: [], migrated: [], failed: [], deferred: tasks });
    expect(client.calls).not.toContain('stores.commit 0_0');
    expect(client.committed.size).toBe(0);
    expect(tasks[0]!.stream.commitNeeded).toBe(true);
    const retry = await protocol.commit(tasks);
    expect(retry.committed).toEqual(tasks);
    expect(client.calls.filter((c) => c.startsWith('consumer.commitOffsets'))).toEqual(['consumer.commitOffsets in-0@1', 'consumer.commitOffsets in-0@1']);
    expect(client.calls.at(-1)).toBe('stores.commit 0_0');
  });

  it('any other commit failure reports every task failed with the error', async () => {
    const { client, tasks, protocol } = await alos(2);
    consume(tasks[0]!, ['a'], 0);
    const error = new Error('coordinator gone');
    client.fail('consumer.commitOffsets', error);
    const result = await protocol.commit(tasks);
    expect(result).toEqual({ committed: [], migrated: [], failed: tasks.map((task) => ({ task, error })), deferred: [] });
    expect(client.calls.filter((c) => c.startsWith('stores.commit'))).toEqual([]);
  });

  it('a failed send fails the commit before any offset is committed', async () => {
    const { client, tasks, protocol } = await alos(1);
    consume(tasks[0]!, ['a'], 0);
    const error = new Error('send failed');
    client.fail('producer.send', error);
    const result = await protocol.commit(tasks);
    expect(result.failed).toEqual([{ task: tasks[0]!, error }]);
    expect(client.calls.filter((c) => c.startsWith('consumer.commitOffsets') || c.startsWith('stores.commit'))).toEqual([]);
  });

  it('abandon discards what the shared collector buffered and commits nothing', async () => {
    const { client, collector, tasks, protocol } = await alos(1);
    consume(tasks[0]!, ['a'], 0);
    collector.send({ topic: 'out', partition: 0, key: enc('dropped'), value: null, headers: new Headers(), timestamp: 0 });
    await protocol.abandon(tasks);
    expect(client.calls).toEqual(['collector.discard']);
    await collector.flush();
    expect(client.sent).toEqual([]);
  });
});
