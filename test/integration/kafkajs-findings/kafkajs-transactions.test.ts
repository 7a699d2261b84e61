// Checks, against the real broker, the kafkajs 2.2.4 transaction behaviours the exactly-once runtime builds on:
//  5. sendOffsets right after a commit and CONCURRENT_TRANSACTIONS (kafkajs does not retry it there, #430);
//  6. fence before reading offsets: a new producer with the same transactional.id aborts the old owner's open
//     transaction (records and offsets) before the new owner reads the group's committed offsets.
// Findings: docs/kafkajs-findings.md. Lines starting with `[finding]` report measured numbers.
//
// These tests characterise kafkajs itself (where it does not retry CONCURRENT_TRANSACTIONS, its retry defaults, what
// a fence costs and leaves behind), with the `[finding]` numbers the doc quotes. What the runtime relies on is
// asserted through the port, for every adapter, by test/integration/client-contract/transactional-producer.contract.test.ts:
//  - sendOffsets right after a commit succeeds (CONCURRENT_TRANSACTIONS absorbed by the adapter): 'back-to-back
//    transactions that start right after the previous commit all succeed: ...';
//  - a new producer with the same transactional id aborts the old owner's open transaction (records and offsets)
//    before committed offsets are read: 'initTransactions fences an older producer with the same transactional id
//    and aborts its open transaction';
//  - pending transactional offsets are not committed offsets until the commit (the race the fence prevents; this
//    file's former test 'the race: ...'): 'sendOffsets + commit moves the group committed offsets; sendOffsets +
//    abort does not', with 'committed records are visible read_committed, aborted ones are not; ...'.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Kafka, logLevel, type KafkaMessage, type LogEntry, type Producer } from 'kafkajs';

const execFileAsync = promisify(execFile);
import { bootstrapServers, createTopics, uniqueName } from '../../harness/kafka.js';
import { finding, shape, sleep, type ErrorShape } from '../../harness/findings.js';


interface ProtocolErrorLog {
  api: string;
  error: string;
}

/** A client that records every protocol error response kafkajs logs ("[Connection] Response <Api>(...)"). */
function recordingClient(): { kafka: Kafka; errors: ProtocolErrorLog[] } {
  const errors: ProtocolErrorLog[] = [];
  const kafka = new Kafka({
    clientId: uniqueName('txn'),
    brokers: bootstrapServers().split(','),
    logLevel: logLevel.ERROR,
    logCreator: () => (entry: LogEntry) => {
      const match = /^Response (\w+)\(/.exec(entry.log.message);
      if (match) errors.push({ api: match[1]!, error: String(entry.log.error) });
    },
  });
  return { kafka, errors };
}

function transactionalProducer(kafka: Kafka, transactionalId: string): Producer {
  return kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1 });
}


const isConcurrentTransactions = (e: unknown) => (e as ErrorShape).type === 'CONCURRENT_TRANSACTIONS';

async function committedOffset(kafka: Kafka, groupId: string, topic: string): Promise<string | undefined> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [answer] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return answer?.partitions.find((p) => p.partition === 0)?.offset;
  } finally {
    await admin.disconnect();
  }
}

/** Reads a 1-partition topic (read_committed) until `stop(values)` holds or `timeoutMs` passes. */
async function readCommitted(kafka: Kafka, topic: string, stop: (values: string[]) => boolean, timeoutMs = 10_000) {
  const consumer = kafka.consumer({ groupId: uniqueName('txn-reader'), maxWaitTimeInMs: 200 });
  const values: string[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }: { message: KafkaMessage }) => {
        values.push(String(message.value));
      },
    });
    const deadline = Date.now() + timeoutMs;
    while (!stop(values) && Date.now() < deadline) await sleep(50);
  } finally {
    await consumer.disconnect();
  }
  return values;
}

type Step = 'send' | 'sendOffsets';

interface LoopResult {
  iterations: number;
  sendOffsetsFailures: ErrorShape[];
  transactionsWithSendOffsetsRetry: number;
  otherFailures: Array<{ step: string; error: ErrorShape }>;
  msPerTransaction: number;
  protocolErrors: Record<string, number>;
}

/**
 * Runs `iterations` back-to-back transactions on one producer, each doing `steps` in order and committing.
 * sendOffsets is retried (as our adapter will) when it fails with CONCURRENT_TRANSACTIONS.
 */
async function transactionLoop(opts: {
  iterations: number;
  steps: Step[];
}): Promise<LoopResult & { groupId: string; input: string; output: string; kafka: Kafka }> {
  const { kafka, errors } = recordingClient();
  const input = uniqueName('txn-loop-in');
  const output = uniqueName('txn-loop-out');
  const groupId = uniqueName('txn-loop-group');
  await createTopics([input, output]);
  const producer = transactionalProducer(kafka, uniqueName('txn-loop-id'));
  await producer.connect();
  const sendOffsetsFailures: ErrorShape[] = [];
  const otherFailures: Array<{ step: string; error: ErrorShape }> = [];
  const affected = new Set<number>();
  const started = Date.now();
  try {
    for (let i = 0; i < opts.iterations; i++) {
      const txn = await producer.transaction();
      for (const step of opts.steps) {
        if (step === 'send') {
          try {
            await txn.send({ topic: output, messages: [{ key: 'k', value: String(i) }] });
          } catch (e) {
            otherFailures.push({ step, error: shape(e) });
            throw e;
          }
        } else {
          for (let attempt = 0; ; attempt++) {
            try {
              await txn.sendOffsets({
                consumerGroupId: groupId,
                topics: [{ topic: input, partitions: [{ partition: 0, offset: String(i + 1) }] }],
              });
              break;
            } catch (e) {
              if (!isConcurrentTransactions(e) || attempt >= 50) {
                otherFailures.push({ step, error: shape(e) });
                throw e;
              }
              sendOffsetsFailures.push({ ...shape(e), message: (e as Error).message });
              affected.add(i);
              await sleep(10);
            }
          }
        }
      }
      try {
        await txn.commit();
      } catch (e) {
        otherFailures.push({ step: 'commit', error: shape(e) });
        throw e;
      }
    }
  } finally {
    await producer.disconnect();
  }
  const msPerTransaction = (Date.now() - started) / opts.iterations;
  const protocolErrors: Record<string, number> = {};
  for (const e of errors) {
    const key = `${e.api}: ${e.error.includes('concurrent operation') ? 'CONCURRENT_TRANSACTIONS' : e.error}`;
    protocolErrors[key] = (protocolErrors[key] ?? 0) + 1;
  }
  return {
    iterations: opts.iterations,
    sendOffsetsFailures,
    transactionsWithSendOffsetsRetry: affected.size,
    otherFailures,
    msPerTransaction,
    protocolErrors,
    groupId,
    input,
    output,
    kafka,
  };
}

function report(label: string, r: LoopResult): void {
  finding(label, {
    iterations: r.iterations,
    sendOffsetsConcurrentTransactions: r.sendOffsetsFailures.length,
    transactionsWithSendOffsetsRetry: r.transactionsWithSendOffsetsRetry,
    otherFailures: r.otherFailures,
    msPerTransaction: Math.round(r.msPerTransaction * 10) / 10,
    protocolErrorResponsesLoggedByKafkajs: r.protocolErrors,
  });
}

describe('kafkajs: sendOffsets and CONCURRENT_TRANSACTIONS', () => {
  it('NODE_ENV under vitest (kafkajs picks its retry defaults from it)', () => {
    finding('process.env.NODE_ENV', process.env.NODE_ENV);
    expect(process.env.NODE_ENV).toBe('test');
  });

  for (const steps of [['send', 'sendOffsets'], ['sendOffsets', 'send'], ['sendOffsets']] as Step[][]) {
    it(`200 back-to-back transactions (${steps.join(' + ')} + commit): a sendOffsets CONCURRENT_TRANSACTIONS is retriable by the caller`, async () => {
      const r = await transactionLoop({ iterations: 200, steps });
      report(`loop ${steps.join('+')}`, r);
      expect(r.otherFailures).toEqual([]);
      // Every failure sendOffsets surfaced was CONCURRENT_TRANSACTIONS, with this exact shape; a retry succeeded.
      for (const e of r.sendOffsetsFailures) {
        expect(e).toMatchObject({ name: 'KafkaJSProtocolError', type: 'CONCURRENT_TRANSACTIONS', retriable: true, code: 51 });
      }
      if (steps[0] === 'sendOffsets') {
        // The transaction's first request is AddOffsetsToTxn: the broker often answers CONCURRENT_TRANSACTIONS
        // while it still completes the previous commit, and kafkajs hands that to the caller.
        expect(r.sendOffsetsFailures.length).toBeGreaterThan(0);
        expect(r.protocolErrors['AddPartitionsToTxn: CONCURRENT_TRANSACTIONS']).toBeUndefined();
      } else {
        // The first request is AddPartitionsToTxn (inside send), which kafkajs retries itself; by the time
        // sendOffsets runs the transaction is ongoing, so sendOffsets never sees CONCURRENT_TRANSACTIONS.
        expect(r.protocolErrors['AddPartitionsToTxn: CONCURRENT_TRANSACTIONS']).toBeGreaterThan(0);
        expect(r.sendOffsetsFailures).toEqual([]);
      }
      expect(await committedOffset(r.kafka, r.groupId, r.input)).toBe('200');
      if (steps.includes('send')) {
        const values = await readCommitted(r.kafka, r.output, (v) => v.length >= 200);
        expect(values).toEqual(Array.from({ length: 200 }, (_, i) => String(i)));
      }
    });
  }
});

/**
 * Runs in a child process with NODE_ENV=production so kafkajs uses its real retry defaults (src/retry/defaults.js:
 * initialRetryTime 300 ms); under vitest it uses src/retry/defaults.test.js (50 ms). Prints one JSON line.
 */
const PRODUCTION_DEFAULTS_SCRIPT = String.raw`
import { createRequire } from 'node:module';
const require = createRequire(process.cwd() + '/');
const { Kafka, logLevel } = require('kafkajs');
const args = JSON.parse(process.env.KJS_ARGS);
const errors = [];
const kafka = new Kafka({
  clientId: 'kjs-production-defaults',
  brokers: args.brokers,
  logLevel: logLevel.ERROR,
  logCreator: () => (entry) => {
    const m = /^Response (\w+)\(/.exec(entry.log.message);
    if (m) errors.push(m[1] + ': ' + (String(entry.log.error).includes('concurrent operation') ? 'CONCURRENT_TRANSACTIONS' : entry.log.error));
  },
});
const count = (from) => {
  const c = {};
  for (const e of errors.slice(from)) c[e] = (c[e] ?? 0) + 1;
  return c;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function loop(label, producerOptions, n, offsetsFirst) {
  const p = kafka.producer({ transactionalId: args.txBase + '-' + label, idempotent: true, maxInFlightRequests: 1, ...producerOptions });
  await p.connect();
  const warm = await p.transaction();
  await warm.send({ topic: args.output, messages: [{ value: 'warm-up' }] });
  await warm.commit();
  const from = errors.length;
  let sendOffsetsRetries = 0;
  const started = Date.now();
  for (let i = 0; i < n; i++) {
    const txn = await p.transaction();
    const sendOffsets = async () => {
      for (;;) {
        try {
          await txn.sendOffsets({ consumerGroupId: args.groupId + '-' + label, topics: [{ topic: args.input, partitions: [{ partition: 0, offset: String(i + 1) }] }] });
          return;
        } catch (e) {
          if (e.type !== 'CONCURRENT_TRANSACTIONS') throw e;
          sendOffsetsRetries++;
          await sleep(10);
        }
      }
    };
    if (offsetsFirst) await sendOffsets();
    await txn.send({ topic: args.output, messages: [{ value: label + '-' + i }] });
    if (!offsetsFirst) await sendOffsets();
    await txn.commit();
  }
  const totalMs = Date.now() - started;
  await p.disconnect();
  return { label, transactions: n, totalMs, msPerTransaction: Math.round((totalMs / n) * 10) / 10, sendOffsetsRetries, errors: count(from) };
}
const loops = [];
loops.push(await loop('default-retry', {}, 20, false));
loops.push(await loop('producer-retry-20ms', { retry: { initialRetryTime: 20, maxRetryTime: 1000, retries: Number.MAX_SAFE_INTEGER } }, 50, false));
loops.push(await loop('offsets-first', {}, 50, true));

const fenceId = args.txBase + '-fence';
const a = kafka.producer({ transactionalId: fenceId, idempotent: true, maxInFlightRequests: 1 });
await a.connect();
const open = await a.transaction();
await open.send({ topic: args.output, messages: [{ value: 'zombie' }] });
await open.sendOffsets({ consumerGroupId: args.groupId + '-fence', topics: [{ topic: args.input, partitions: [{ partition: 0, offset: '99' }] }] });
const b = kafka.producer({ transactionalId: fenceId, idempotent: true, maxInFlightRequests: 1 });
await b.connect();
const from = errors.length;
const fenceStarted = Date.now();
await (await b.transaction()).abort();
const fenceMs = Date.now() - fenceStarted;
const fenceErrors = count(from);
const aCommit = await open.commit().then(() => 'committed', (e) => e.type);
await a.disconnect();
await b.disconnect();
process.stdout.write(JSON.stringify({ nodeEnv: process.env.NODE_ENV, loops, fence: { fenceMs, fenceErrors, aCommit } }) + '\n');
`;

describe('kafkajs with its production retry defaults (child process, NODE_ENV=production)', () => {
  it('kafkajs’ own AddPartitionsToTxn retry waits ~300 ms per CONCURRENT_TRANSACTIONS; a producer retry option or sendOffsets-first avoids it; fencing an open transaction takes ~300 ms', async () => {
    const input = uniqueName('prod-in');
    const output = uniqueName('prod-out');
    await createTopics([input, output]);
    const args = {
      brokers: bootstrapServers().split(','),
      input,
      output,
      groupId: uniqueName('prod-group'),
      txBase: uniqueName('prod-id'),
    };
    const { stdout } = await execFileAsync(process.execPath, ['--input-type=module', '-e', PRODUCTION_DEFAULTS_SCRIPT], {
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      env: { ...process.env, NODE_ENV: 'production', KJS_ARGS: JSON.stringify(args) },
      timeout: 60_000,
    });
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      nodeEnv: string;
      loops: Array<{
        label: string;
        transactions: number;
        totalMs: number;
        msPerTransaction: number;
        sendOffsetsRetries: number;
        errors: Record<string, number>;
      }>;
      fence: { fenceMs: number; fenceErrors: Record<string, number>; aCommit: string };
    };
    finding('production retry defaults', result);
    expect(result.nodeEnv).toBe('production');
    const [byDefault, tuned, offsetsFirst] = result.loops;
    // Robust parts: every transaction committed (the script throws otherwise); the fenced producer's commit failed.
    expect(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED']).toContain(result.fence.aCommit);
    // Each AddPartitionsToTxn CONCURRENT_TRANSACTIONS costs kafkajs' first retry delay: 300 ms ± 20 %.
    const hits = byDefault!.errors['AddPartitionsToTxn: CONCURRENT_TRANSACTIONS'] ?? 0;
    expect(byDefault!.totalMs).toBeGreaterThanOrEqual(hits * 230);
    // With retry.initialRetryTime 20 on the producer, or with sendOffsets first, there is no such wait.
    expect(tuned!.sendOffsetsRetries).toBe(0);
    expect(offsetsFirst!.errors['AddPartitionsToTxn: CONCURRENT_TRANSACTIONS']).toBeUndefined();
    // Fencing an open transaction: InitProducerId answers CONCURRENT_TRANSACTIONS once (the coordinator aborts
    // the open transaction), kafkajs retries after ~300 ms.
    const fenceHits = result.fence.fenceErrors['InitProducerId: CONCURRENT_TRANSACTIONS'] ?? 0;
    expect(fenceHits).toBeGreaterThanOrEqual(1);
    expect(result.fence.fenceMs).toBeGreaterThanOrEqual(fenceHits * 230);
  });
});

describe('kafkajs: fence before reading offsets', () => {
  async function setup() {
    const { kafka } = recordingClient();
    const input = uniqueName('fence-in');
    const output = uniqueName('fence-out');
    const groupId = uniqueName('fence-group');
    await createTopics([input, output]);
    // The group's committed offset before the old owner's transaction: 5. (admin.setOffsets would take ~5 s: it
    // runs a consumer and stops it after its first fetch, which long-polls for maxWaitTimeInMs.)
    const earlier = transactionalProducer(kafka, uniqueName('fence-earlier-id'));
    await earlier.connect();
    const txn = await earlier.transaction();
    await txn.sendOffsets({
      consumerGroupId: groupId,
      topics: [{ topic: input, partitions: [{ partition: 0, offset: '5' }] }],
    });
    await txn.commit();
    await earlier.disconnect();
    return { kafka, input, output, groupId, txId: uniqueName('fence-id') };
  }

  /** The old owner: an open transaction with 3 records and the input offset 10, not committed. */
  async function openTransaction(kafka: Kafka, txId: string, output: string, input: string, groupId: string) {
    const producer = transactionalProducer(kafka, txId);
    await producer.connect();
    const txn = await producer.transaction();
    await txn.send({ topic: output, messages: ['a1', 'a2', 'a3'].map((value) => ({ key: 'k', value })) });
    await txn.sendOffsets({
      consumerGroupId: groupId,
      topics: [{ topic: input, partitions: [{ partition: 0, offset: '10' }] }],
    });
    return { producer, txn };
  }

  {
    const label = 'under vitest: kafkajs test retry defaults';
    it('the fix: the new owner begins + aborts a transaction first (fences, aborts the open one), then reads offsets', async () => {
      const { kafka, input, output, groupId, txId } = await setup();
      const a = await openTransaction(kafka, txId, output, input, groupId);
      const { kafka: kafkaB, errors: bErrors } = recordingClient();
      const b = transactionalProducer(kafkaB, txId);
      await b.connect();
      try {
        const fenceStarted = Date.now();
        const fence = await b.transaction(); // InitProducerId: bumps the epoch, aborts a's open transaction
        await fence.abort(); // nothing was added: no EndTxn is sent
        const fenceMs = Date.now() - fenceStarted;

        expect(await committedOffset(kafka, groupId, input)).toBe('5');
        const aCommit = await a.txn.commit().then(
          () => undefined,
          (e: unknown) => shape(e),
        );
        expect(aCommit?.name).toBe('KafkaJSProtocolError');
        expect(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED']).toContain(aCommit?.type);
        expect(await committedOffset(kafka, groupId, input)).toBe('5');
        // A producer whose commit failed is stuck: its next transaction() is refused.
        const aNext = await a.producer.transaction().then(
          () => undefined,
          (e: unknown) => ({ ...shape(e), message: (e as Error).message }),
        );

        // The new owner works normally from the fenced state.
        const txn = await b.transaction();
        await txn.send({ topic: output, messages: [{ key: 'k', value: 'b1' }] });
        await txn.sendOffsets({
          consumerGroupId: groupId,
          topics: [{ topic: input, partitions: [{ partition: 0, offset: '6' }] }],
        });
        await txn.commit();
        expect(await committedOffset(kafka, groupId, input)).toBe('6');
        expect(await readCommitted(kafka, output, (v) => v.includes('b1'))).toEqual(['b1']);

        // Baseline: fencing a transactional.id that has no open transaction.
        const c = transactionalProducer(kafkaB, txId);
        await c.connect();
        const idleStarted = Date.now();
        await (await c.transaction()).abort();
        const idleFenceMs = Date.now() - idleStarted;
        await c.disconnect();

        const initProducerIdErrors = bErrors.filter((e) => e.api === 'InitProducerId').map((e) => e.error);
        finding(`fence (${label})`, {
          fenceWithOpenTransactionMs: fenceMs,
          fenceIdleMs: idleFenceMs,
          initProducerIdErrorResponses: initProducerIdErrors.length,
          initProducerIdErrors: [...new Set(initProducerIdErrors)],
          fencedCommitError: aCommit,
          fencedProducerNextTransaction: aNext,
        });
        expect(initProducerIdErrors.every((e) => e.includes('concurrent operation'))).toBe(true);
        expect(aNext?.name).toBe('KafkaJSNonRetriableError');
      } finally {
        await a.producer.disconnect();
        await b.disconnect();
      }
    });
  }
});
