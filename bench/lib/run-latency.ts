// The latency phase: one implementation of passthrough or filter-map under one guarantee, started on an empty
// input topic. Once the app reports RUNNING the runner writes records at a fixed rate, each with timestamp = the
// time it is sent (Date.now()); a read_committed kafkajs reader on the output topic records, for each output,
// Date.now() − the output's timestamp (kstreams, Java Kafka Streams and the bare loop all keep the input record's
// timestamp on the output; the reader also checks it against the send time it recorded for that input, so an
// implementation that does not propagate it shows up as `timestampMismatches`, and is then measured from the send
// time instead). Outputs of records sent in the first `warmupSeconds` are left out (group join, first fetches).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { appCommand, startApp, type Guarantee, type Implementation } from './run-one.js';
import { amountOf, filterMap, inputRecord } from './scenarios.js';

export type LatencyScenario = 'passthrough' | 'filter-map';
export const LATENCY_SCENARIOS: readonly LatencyScenario[] = ['passthrough', 'filter-map'];

export interface LatencySpec {
  readonly impl: Implementation;
  readonly scenario: LatencyScenario;
  readonly guarantee: Guarantee;
  readonly commitMs: number;
  /** Records per second written. */
  readonly rate: number;
  /** Seconds of writing. */
  readonly seconds: number;
  /** Outputs of records sent in the first seconds are not measured. */
  readonly warmupSeconds: number;
  readonly size: number;
  readonly bootstrap: string;
  readonly partitions: number;
}

export interface LatencyResult
  extends Pick<LatencySpec, 'impl' | 'scenario' | 'guarantee' | 'commitMs' | 'rate' | 'seconds' | 'warmupSeconds'> {
  /** Records written, and the rate actually achieved. */
  readonly sent: number;
  readonly sentPerSec: number;
  readonly outputs: number;
  /** Outputs measured (after the warm-up). */
  readonly measured: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Outputs whose timestamp is not the send time of their input (0: the implementation propagates it). */
  readonly timestampMismatches: number;
  readonly error?: string;
}

/** After the last record is sent, how long to wait for the last outputs (beyond the commit interval). */
const DRAIN_MS = 20_000;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export async function runLatency(spec: LatencySpec, progress: (line: string) => void): Promise<LatencyResult> {
  const id = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const input = `bench-lat-in-${spec.scenario}-${spec.impl}-${id}`;
  const output = `bench-lat-out-${spec.scenario}-${spec.impl}-${id}`;
  const appId = `bench-lat-${spec.impl}-${id}`;
  const stateDir = mkdtempSync(join(tmpdir(), 'kstreams-bench-'));
  const kafka = new Kafka({ clientId: 'bench-latency', brokers: spec.bootstrap.split(','), logLevel: logLevel.ERROR });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [
      { topic: input, numPartitions: spec.partitions },
      { topic: output, numPartitions: spec.partitions },
    ],
    waitForLeaders: true,
  });

  const total = Math.round(spec.rate * spec.seconds);
  const sendTime = new Float64Array(total);
  const seen = new Uint8Array(total);
  const latencies: number[] = [];
  let outputs = 0;
  let duplicates = 0;
  let unknown = 0;
  let mismatches = 0;
  let sendStart = 0;
  const warmupUntil = () => sendStart + spec.warmupSeconds * 1000;
  /** The input index an output comes from (passthrough: key k<i>; filter-map: the order id in the value). */
  const indexOf = (key: Buffer | null, value: Buffer | null): number =>
    spec.scenario === 'passthrough' ? Number(key?.toString().slice(1)) : Number(/^\{"id":(\d+),/.exec(value?.toString() ?? '')?.[1]);

  const reader = kafka.consumer({ groupId: `${appId}-reader`, readUncommitted: false, maxWaitTimeInMs: 100 });
  await reader.connect();
  await reader.subscribe({ topics: [output], fromBeginning: true });
  await reader.run({
    eachBatch: async ({ batch }) => {
      const now = Date.now();
      for (const m of batch.messages) {
        outputs++;
        const i = indexOf(m.key, m.value);
        if (!(Number.isInteger(i) && i >= 0 && i < total) || sendTime[i] === 0) {
          unknown++;
          continue;
        }
        if (seen[i]) {
          duplicates++;
          continue;
        }
        seen[i] = 1;
        const ts = Number(m.timestamp);
        const sent = sendTime[i]!;
        if (ts !== sent) mismatches++;
        if (sent >= warmupUntil()) latencies.push(now - (ts === sent ? ts : sent));
      }
    },
  });

  const [cmd, args] = appCommand(spec.impl, [spec.scenario, spec.bootstrap, appId, input, output], spec.guarantee, spec.commitMs);
  const app = startApp(cmd, args, { BENCH_STATE_DIR: stateDir });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();

  let error: string | undefined;
  let sent = 0;
  let expected = 0;
  let sendEnd = 0;
  try {
    const startWait = Date.now();
    while (!app.lineAt.has('RUNNING')) {
      if (app.exited) throw new Error(`the app exited (code ${app.exitCode}) before RUNNING`);
      if (Date.now() - startWait > 90_000) throw new Error('no RUNNING after 90 s');
      await new Promise((r) => setTimeout(r, 20));
    }
    // A fixed rate: every 5 ms, send the records due by now (one request each tick, not awaited in turn).
    sendStart = Date.now();
    const inFlight = new Set<Promise<unknown>>();
    let sendError: unknown;
    let lastReport = sendStart;
    while (sent < total) {
      if (sendError) throw sendError;
      if (app.exited) throw new Error(`the app exited (code ${app.exitCode}) after ${sent} records sent`);
      const now = Date.now();
      const due = Math.min(total, Math.floor(((now - sendStart) / 1000) * spec.rate) + 1);
      if (due > sent) {
        const messages = [];
        for (; sent < due; sent++) {
          const r = inputRecord(sent, spec.size);
          sendTime[sent] = now;
          if (spec.scenario === 'passthrough' || amountOf(sent) % 2 === 0) expected++;
          messages.push({ key: r.key, value: r.value, timestamp: String(now) });
        }
        const p = producer.send({ topic: input, acks: 1, messages }).catch((e: unknown) => void (sendError = e));
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
      }
      if (now - lastReport >= 5000) {
        lastReport = now;
        progress(`${sent}/${total} sent, ${outputs} outputs`);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    await Promise.all(inFlight);
    if (sendError) throw sendError;
    sendEnd = Date.now();
    const deadline = sendEnd + spec.commitMs + DRAIN_MS;
    while (outputs - duplicates - unknown < expected) {
      if (app.exited) throw new Error(`the app exited (code ${app.exitCode}) after ${outputs}/${expected} outputs`);
      if (Date.now() > deadline) throw new Error(`${outputs}/${expected} outputs ${((Date.now() - sendEnd) / 1000).toFixed(0)} s after the last record`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  await producer.disconnect();
  await app.stop();
  if (!error) await new Promise((r) => setTimeout(r, 300));
  await reader.disconnect();
  await admin.deleteTopics({ topics: [input, output] }).catch(() => {});
  await admin.disconnect();
  rmSync(stateDir, { recursive: true, force: true });
  if (!error && (duplicates || unknown)) error = `${duplicates} duplicate and ${unknown} unexpected outputs`;
  if (!error) {
    // Every kept output must be the transformation of its input.
    const wrong = [...seen.keys()].filter((i) => seen[i] && spec.scenario === 'filter-map' && !filterMap(inputRecord(i, spec.size).value)).length;
    if (wrong) error = `${wrong} outputs of records filter-map drops`;
  }
  if (error) progress(`FAILED: ${error}\n${app.stderr().split('\n').slice(-25).join('\n')}`);
  const sorted = latencies.sort((a, b) => a - b);
  const sendSeconds = Math.max(0.001, ((sendEnd || Date.now()) - sendStart) / 1000);
  return {
    impl: spec.impl,
    scenario: spec.scenario,
    guarantee: spec.guarantee,
    commitMs: spec.commitMs,
    rate: spec.rate,
    seconds: spec.seconds,
    warmupSeconds: spec.warmupSeconds,
    sent,
    sentPerSec: Math.round(sent / sendSeconds),
    outputs,
    measured: sorted.length,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.length ? sorted[sorted.length - 1]! : NaN,
    timestampMismatches: mismatches,
    ...(error ? { error } : {}),
  };
}
