// The ceiling on this client: a bare kafkajs consume → transform → produce loop doing the same work with the
// same guarantee. at_least_once: send each batch (acks=all), commit offsets every commit interval.
// exactly_once: one transaction per commit interval holding the outputs and the offsets.
// word-count: a Map of counts, each updated count written (one process owns every partition, so no repartition
// topic and no changelog). windowed-count: a Map of counts per user × window, stream time per input partition
// (as a task's), records past their window's end + grace dropped, each updated count written with the windowed
// key's bytes (no changelog; windows are never evicted, the bench's input being small). enrich: a Map loaded
// from the whole table topic first (then TABLE_LOADED), looked up per order. restore: a kafkajs consumer reads the changelog into LMDB, one write batch per fetched batch (the
// restore ceiling on this client), then prints what bench/apps/kstreams-app.ts prints.
// argv: scenario bootstrap groupId input output guarantee commitMs (env as for kstreams-app.ts)
import { Kafka, Partitioners, logLevel, type Message, type Transaction } from 'kafkajs';
import { open } from 'lmdb';
import {
  WINDOW_GRACE_MS,
  WINDOW_SIZE_MS,
  encodeCount,
  encodeWindowedKey,
  enrich,
  filterMap,
  restoreRecord,
  splitWords,
  windowStartOf,
  type ScenarioName,
} from '../lib/scenarios.js';

const [scenario, bootstrap, groupId, input, output, guarantee, commitMsArg] = process.argv.slice(2) as [
  ScenarioName, string, string, string, string, string, string,
];
const env = process.env;
const say = (line: string) => process.stdout.write(`${line}\n`);
const commitMs = Number(commitMsArg);
const eos = guarantee === 'exactly_once';
const brokers = bootstrap.split(',');
const kafka = new Kafka({ clientId: 'bare-loop', brokers, logLevel: logLevel.ERROR });

if (scenario === 'restore') await restore();
else await streamLoop();

async function streamLoop(): Promise<void> {
  const retry = { initialRetryTime: 20, maxRetryTime: 1000, retries: Number.MAX_SAFE_INTEGER };
  const producer = eos
    ? kafka.producer({ transactionalId: `${groupId}-txn`, idempotent: true, maxInFlightRequests: 1, retry, createPartitioner: Partitioners.DefaultPartitioner })
    : kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry, createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = new Kafka({ clientId: 'bare-loop-consumer', brokers, logLevel: logLevel.ERROR }).consumer({
    groupId,
    readUncommitted: false,
    maxWaitTimeInMs: 100,
  });
  await producer.connect();
  // enrich: the orders consumer joins while the table loads; batches wait for the table.
  const tableLoading = scenario === 'enrich' ? loadTable(env.BENCH_TABLE_TOPIC!) : undefined;
  let table: Map<string, string> | undefined;
  await consumer.connect();
  await consumer.subscribe({ topics: [input], fromBeginning: true });

  let txn: Transaction | undefined;
  let pending: Record<string, Record<number, string>> = {};
  let lastCommit = Date.now();
  let committing: Promise<void> = Promise.resolve();
  let inBatch = false;
  const counts = new Map<string, number>();
  const streamTime = new Map<number, number>();

  // Every output keeps its input's timestamp, as Kafka Streams does (kafkajs would otherwise stamp it at send).
  const transform = (key: Buffer | null, value: Buffer | null, timestamp: string, partition: number, out: Message[]): void => {
    switch (scenario) {
      case 'passthrough':
        out.push({ key, value, timestamp });
        return;
      case 'filter-map': {
        const r = filterMap(value!.toString());
        if (r) out.push({ key: r.key, value: r.value, timestamp });
        return;
      }
      case 'word-count':
        for (const word of splitWords(value!.toString())) {
          const n = (counts.get(word) ?? 0) + 1;
          counts.set(word, n);
          out.push({ key: word, value: encodeCount(n), timestamp });
        }
        return;
      case 'windowed-count': {
        const ts = Number(timestamp);
        const time = Math.max(streamTime.get(partition) ?? -1, ts);
        streamTime.set(partition, time);
        const start = windowStartOf(ts);
        if (start + WINDOW_SIZE_MS + WINDOW_GRACE_MS <= time) return; // late: its window is closed
        const k = key!.toString();
        const id = `${k}@${start}`;
        const n = (counts.get(id) ?? 0) + 1;
        counts.set(id, n);
        out.push({ key: encodeWindowedKey(k, start), value: encodeCount(n), timestamp });
        return;
      }
      case 'enrich': {
        const k = key!.toString();
        const profile = table!.get(k);
        if (profile !== undefined) out.push({ key: k, value: enrich(value!.toString(), profile), timestamp });
        return;
      }
    }
  };

  const commit = async (): Promise<void> => {
    const topics = Object.entries(pending).map(([topic, ps]) => ({
      topic,
      partitions: Object.entries(ps).map(([partition, offset]) => ({ partition: Number(partition), offset })),
    }));
    pending = {};
    lastCommit = Date.now();
    if (topics.length === 0) return;
    if (eos) {
      const t = txn ?? (await producer.transaction());
      txn = undefined;
      await t.sendOffsets({ consumerGroupId: groupId, topics });
      await t.commit();
    } else {
      await consumer.commitOffsets(topics.flatMap((t) => t.partitions.map((p) => ({ topic: t.topic, ...p }))));
    }
  };

  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      if (tableLoading) table ??= await tableLoading;
      await committing;
      inBatch = true;
      const messages: Message[] = [];
      for (const m of batch.messages) transform(m.key, m.value, m.timestamp, batch.partition, messages);
      if (eos) txn ??= await producer.transaction();
      const sender = txn ?? producer;
      // kafkajs writes one record batch per partition and request: keep each under the broker's 1 MB limit, and
      // send the chunks one after another (concurrent sends can overtake each other: word-count's counts must not).
      for (const chunk of chunks(messages)) await sender.sendBatch({ topicMessages: [{ topic: output, messages: chunk }], acks: -1 });
      (pending[batch.topic] ??= {})[batch.partition] = String(Number(batch.lastOffset()) + 1);
      if (Date.now() - lastCommit >= commitMs) await (committing = commit());
      inBatch = false;
    },
  });
  say('RUNNING');
  if (tableLoading) table = await tableLoading;
  // Commit on a clock too: the last records must not wait in an open transaction.
  const timer = setInterval(() => {
    if (!inBatch && Date.now() - lastCommit >= commitMs) committing = committing.then(commit);
  }, commitMs);
  process.once('SIGTERM', () => {
    clearInterval(timer);
    void committing.then(commit).finally(async () => {
      await consumer.disconnect();
      await producer.disconnect();
      process.exit(0);
    });
  });
}

/** `messages` in runs of at most ~512 KB of keys and values. */
function chunks(messages: Message[]): Message[][] {
  const out: Message[][] = [];
  let current: Message[] = [];
  let bytes = 0;
  for (const m of messages) {
    const size = (m.key?.length ?? 0) + (m.value?.length ?? 0) + 16;
    if (bytes + size > 512 * 1024 && current.length > 0) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(m);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Reads every partition of `topic` from the beginning to its current end into a Map; prints TABLE_LOADED. */
async function loadTable(topic: string): Promise<Map<string, string>> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
  await admin.disconnect();
  const table = new Map<string, string>();
  const consumer = kafka.consumer({ groupId: `${groupId}-table`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let remaining = [...ends.values()].filter((e) => e > 0).length;
  await new Promise<void>((resolve, reject) => {
    if (remaining === 0) return resolve();
    consumer
      .run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          for (const m of batch.messages) {
            if (m.value === null) table.delete(m.key!.toString());
            else table.set(m.key!.toString(), m.value.toString());
          }
          const end = ends.get(batch.partition)!;
          if (Number(batch.lastOffset()) + 1 >= end && ends.delete(batch.partition) && --remaining === 0) resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  say('TABLE_LOADED');
  return table;
}

/**
 * restore: the changelog (BENCH_CHANGELOG) into LMDB (under BENCH_STATE_DIR), one environment per partition as
 * kstreams has one per task. Each fetched batch is one asynchronous lmdb-js write batch (committed by its write
 * thread while the next fetch runs); a batch waits for the previous one's commit, so at most one is pending.
 */
async function restore(): Promise<void> {
  const t0 = Date.now();
  const topic = env.BENCH_CHANGELOG!;
  const expected = Number(env.BENCH_RESTORE_RECORDS);
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
  await admin.disconnect();
  const envs = new Map(
    [...ends.keys()].map((p) => {
      const root = open<Uint8Array, Uint8Array>(`${env.BENCH_STATE_DIR}/bare-loop/${p}`, { maxDbs: 4, noSubdir: false });
      return [p, { root, db: root.openDB<Uint8Array, Uint8Array>('restore', { keyEncoding: 'binary', encoding: 'binary' }) }];
    }),
  );
  // A group of its own per process (the restore runs share one application id), committing nothing.
  const consumer = kafka.consumer({ groupId: `${groupId}-restore-${process.pid}-${Date.now()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let first = 0;
  let restored = 0;
  let remaining = [...ends.values()].filter((e) => e > 0).length;
  let previous: Promise<unknown> = Promise.resolve();
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          if (first === 0) first = Date.now();
          const { db } = envs.get(batch.partition)!;
          await previous;
          let last: Promise<unknown> = Promise.resolve();
          for (const m of batch.messages) last = m.value === null ? db.remove(m.key!) : db.put(m.key!, m.value);
          previous = last;
          restored += batch.messages.length;
          const end = ends.get(batch.partition)!;
          if (Number(batch.lastOffset()) + 1 >= end && ends.delete(batch.partition) && --remaining === 0) resolve();
        },
      })
      .catch(reject);
  });
  await previous;
  const done = Date.now();
  say(`RESTORED ${restored} ${done - t0} ${done - first}`);
  await consumer.disconnect();
  let entries = 0;
  for (const { db } of envs.values()) for (const _ of db.getKeys()) entries++;
  const wrong: string[] = [];
  for (let i = 0; i < expected; i += 9973) {
    const r = restoreRecord(i);
    const found = [...envs.values()].some(({ db }) => Buffer.from(db.getBinary(Buffer.from(r.key)) ?? []).toString() === r.value);
    if (!found) wrong.push(r.key);
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    const m = process.memoryUsage();
    say(`MEMORY ${Math.round(m.heapUsed / 2 ** 20)} ${Math.round(m.external / 2 ** 20)}`);
  }
  if (entries !== expected || wrong.length > 0) say(`VERIFY_FAILED ${entries} entries (expected ${expected}), ${wrong.length} sampled keys wrong`);
  else say(`VERIFIED ${entries}`);
  const keepAlive = setInterval(() => {}, 1000); // until the runner's SIGTERM, like the other apps
  process.once('SIGTERM', () => {
    clearInterval(keepAlive);
    void Promise.all([...envs.values()].map(({ root }) => root.close())).finally(() => process.exit(0));
  });
}
