// The ceiling on this client: a bare kafkajs consume → transform → produce loop doing the same work with the
// same guarantee. at_least_once: send each batch (acks=all), commit offsets every commit interval.
// exactly_once: one transaction per commit interval holding the outputs and the offsets.
// argv: scenario bootstrap groupId input output guarantee commitMs
import { Kafka, Partitioners, logLevel, type Message, type Transaction } from 'kafkajs';
import { filterMap, type ScenarioName } from '../lib/scenarios.js';

const [scenario, bootstrap, groupId, input, output, guarantee, commitMsArg] = process.argv.slice(2) as [
  ScenarioName, string, string, string, string, string, string,
];
const commitMs = Number(commitMsArg);
const eos = guarantee === 'exactly_once';
const kafka = new Kafka({ clientId: 'bare-loop', brokers: bootstrap.split(','), logLevel: logLevel.ERROR });
const retry = { initialRetryTime: 20, maxRetryTime: 1000, retries: Number.MAX_SAFE_INTEGER };
const producer = eos
  ? kafka.producer({ transactionalId: `${groupId}-txn`, idempotent: true, maxInFlightRequests: 1, retry, createPartitioner: Partitioners.DefaultPartitioner })
  : kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry, createPartitioner: Partitioners.DefaultPartitioner });
const consumer = new Kafka({ clientId: 'bare-loop-consumer', brokers: bootstrap.split(','), logLevel: logLevel.ERROR }).consumer({
  groupId,
  readUncommitted: false,
  maxWaitTimeInMs: 100,
});
await producer.connect();
await consumer.connect();
await consumer.subscribe({ topics: [input], fromBeginning: true });

let txn: Transaction | undefined;
let pending: Record<string, Record<number, string>> = {};
let lastCommit = Date.now();
let committing: Promise<void> = Promise.resolve();
let inBatch = false;

function transform(key: Buffer | null, value: Buffer | null): Message | undefined {
  if (scenario === 'passthrough') return { key, value };
  const r = filterMap(value!.toString());
  return r && { key: r.key, value: r.value };
}

async function commit(): Promise<void> {
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
}

await consumer.run({
  autoCommit: false,
  eachBatch: async ({ batch }) => {
    await committing;
    inBatch = true;
    const messages: Message[] = [];
    for (const m of batch.messages) {
      const out = transform(m.key, m.value);
      if (out) messages.push(out);
    }
    if (eos) {
      txn ??= await producer.transaction();
      if (messages.length) await txn.sendBatch({ topicMessages: [{ topic: output, messages }], acks: -1 });
    } else if (messages.length) {
      await producer.sendBatch({ topicMessages: [{ topic: output, messages }], acks: -1 });
    }
    (pending[batch.topic] ??= {})[batch.partition] = String(Number(batch.lastOffset()) + 1);
    if (Date.now() - lastCommit >= commitMs) await (committing = commit());
    inBatch = false;
  },
});
process.stdout.write('RUNNING\n');
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
