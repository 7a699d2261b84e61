#!/usr/bin/env node
// End-to-end check of the Java Kafka Streams baseline against a running broker (see ../README.md).
//
//   node bench/java/scripts/verify.mjs [--bootstrap 127.0.0.1:39092] [--records 100000] [--partitions 1]
//        [--commit-interval 100] [--scenarios passthrough,filter-map] [--guarantees at_least_once,exactly_once_v2]
//
// Produces the input once per scenario, then for each scenario x guarantee: starts the jar, waits for RUNNING,
// waits until the app's committed offsets reach the end of the input, sends SIGTERM, waits for CLOSED and the exit,
// reads the output with a read_committed consumer and checks it record by record. The output topic uses
// message.timestamp.type=LogAppendTime, so "first to last output" throughput is measured with broker timestamps
// (Kafka Streams otherwise copies the input record's timestamp to the output). Needs the jar built (mvn package).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import kafkajs from 'kafkajs';

const { Kafka, logLevel, CompressionTypes } = kafkajs;
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
const here = dirname(fileURLToPath(import.meta.url));
const jar = join(here, '..', 'target', 'kstreams-java-bench.jar');

function opt(name, def) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
}
const bootstrap = opt('bootstrap', '127.0.0.1:39092');
const N = Number(opt('records', '100000'));
const partitions = Number(opt('partitions', '1'));
const commitInterval = opt('commit-interval', '100');
const scenarios = opt('scenarios', 'passthrough,filter-map').split(',');
const guarantees = opt('guarantees', 'at_least_once,exactly_once_v2').split(',');
const runId = Date.now().toString(36);

if (!existsSync(jar)) {
  console.error(`missing ${jar}: run \`mvn -q -B package\` in bench/java first`);
  process.exit(2);
}

const kafka = new Kafka({ clientId: 'bench-java-verify', brokers: bootstrap.split(','), logLevel: logLevel.WARN });
const admin = kafka.admin();
await admin.connect();

const pad = 'x'.repeat(100);
function inputRecord(scenario, i) {
  if (scenario === 'passthrough') return { key: `k${i}`, value: `v${i}-${pad}` };
  // Deterministic pseudo-random amount: about half even.
  const amount = (i * 2654435761) % 1000;
  return { key: `k${i}`, value: JSON.stringify({ id: i, user: `u${i % 1000}`, amount, payload: pad }) };
}
function expectedOutput(scenario, i) {
  if (scenario === 'passthrough') return inputRecord(scenario, i);
  const o = JSON.parse(inputRecord(scenario, i).value);
  if (o.amount % 2 !== 0) return null;
  return { key: o.user, value: JSON.stringify({ id: o.id, user: o.user, amount: o.amount }) };
}

async function produceInput(scenario, topic) {
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const t0 = Date.now();
  const batch = 5000;
  for (let i = 0; i < N; i += batch) {
    const messages = [];
    for (let j = i; j < Math.min(N, i + batch); j++) messages.push(inputRecord(scenario, j));
    await producer.send({ topic, acks: -1, compression: CompressionTypes.None, messages });
  }
  await producer.disconnect();
  console.error(`produced ${N} ${scenario} records to ${topic} in ${Date.now() - t0} ms`);
}

async function sumCommitted(groupId, topic) {
  const r = await admin.fetchOffsets({ groupId, topics: [topic] });
  return r[0].partitions.reduce((s, p) => s + Math.max(0, Number(p.offset)), 0);
}
async function sumEnd(topic) {
  return (await admin.fetchTopicOffsets(topic)).reduce((s, p) => s + Number(p.high), 0);
}

function runApp(args) {
  const t0 = Date.now();
  const child = spawn('java', ['-jar', jar, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  const waiters = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push({ line, at: Date.now() });
    for (const w of waiters.filter((w) => w.line === line)) w.resolve(Date.now());
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
  const waitLine = (line, timeoutMs) =>
    new Promise((resolve, reject) => {
      const seen = lines.find((l) => l.line === line);
      if (seen) return resolve(seen.at);
      waiters.push({ line, resolve });
      setTimeout(() => reject(new Error(`no ${line} within ${timeoutMs} ms; stderr:\n${stderr}`)), timeoutMs).unref();
      exited.then((e) => reject(new Error(`app exited (${e.code}/${e.signal}) before ${line}; stderr:\n${stderr}`)));
    });
  return { child, t0, lines, exited, waitLine, stderr: () => stderr };
}

async function readOutput(topic, expectedCount) {
  const consumer = kafka.consumer({ groupId: `verify-${topic}`, readUncommitted: false });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const records = [];
  let lastAt = Date.now();
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      for (const m of batch.messages) {
        records.push({ key: m.key?.toString('utf8') ?? null, value: m.value?.toString('utf8') ?? null, ts: Number(m.timestamp) });
      }
      lastAt = Date.now();
    },
  });
  const deadline = Date.now() + 120_000;
  // Read until the expected count arrived and then 2 s of silence (to catch duplicates), or time out.
  while (Date.now() < deadline && !(records.length >= expectedCount && Date.now() - lastAt > 2000)) {
    await new Promise((r) => setTimeout(r, 200));
  }
  await consumer.disconnect();
  return records;
}

const inputs = {};
for (const scenario of scenarios) {
  inputs[scenario] = `bench-java-in-${scenario}-${runId}`;
  await produceInput(scenario, inputs[scenario]);
}

const results = [];
let failures = 0;
for (const scenario of scenarios) {
  const expected = [];
  for (let i = 0; i < N; i++) {
    const e = expectedOutput(scenario, i);
    if (e) expected.push(e);
  }
  for (const guarantee of guarantees) {
    const appId = `bench-java-${scenario}-${guarantee}-${runId}`;
    const output = `bench-java-out-${scenario}-${guarantee}-${runId}`;
    await admin.createTopics({
      topics: [{ topic: output, numPartitions: partitions, replicationFactor: 1,
        configEntries: [{ name: 'message.timestamp.type', value: 'LogAppendTime' }] }],
      waitForLeaders: true,
    });
    const app = runApp([scenario, bootstrap, appId, inputs[scenario], output, guarantee, commitInterval]);
    const runningAt = await app.waitLine('RUNNING', 60_000);
    const inputEnd = await sumEnd(inputs[scenario]);
    let doneAt;
    for (;;) {
      if ((await sumCommitted(appId, inputs[scenario])) >= inputEnd) { doneAt = Date.now(); break; }
      if (Date.now() - runningAt > 300_000) throw new Error(`${appId}: not done after 300 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const termAt = Date.now();
    app.child.kill('SIGTERM');
    const closedAt = await app.waitLine('CLOSED', 60_000);
    const exit = await app.exited;

    const out = await readOutput(output, expected.length);
    // Check: same multiset of (key, value) as expected, nothing extra, nothing missing.
    const want = new Map();
    for (const e of expected) want.set(`${e.key}\u0000${e.value}`, (want.get(`${e.key}\u0000${e.value}`) ?? 0) + 1);
    let unexpected = 0;
    for (const r of out) {
      const k = `${r.key}\u0000${r.value}`;
      const c = want.get(k);
      if (!c) unexpected++;
      else if (c === 1) want.delete(k);
      else want.set(k, c - 1);
    }
    const missing = [...want.values()].reduce((s, c) => s + c, 0);
    const ok = out.length === expected.length && unexpected === 0 && missing === 0 && exit.code === 0;
    if (!ok) failures++;
    const tsMin = out.reduce((m, r) => Math.min(m, r.ts), Infinity);
    const tsMax = out.reduce((m, r) => Math.max(m, r.ts), -Infinity);
    const spanMs = tsMax - tsMin;
    const row = {
      scenario, guarantee, commitIntervalMs: Number(commitInterval), partitions,
      input: N, expected: expected.length, output: out.length, unexpected, missing, exitCode: exit.code, ok,
      startToRunningMs: runningAt - app.t0,
      firstOutputAfterRunningMs: tsMin - runningAt,
      firstToLastOutputMs: spanMs,
      outRecPerSec: spanMs > 0 ? Math.round((out.length - 1) / (spanMs / 1000)) : null,
      inRecPerSec: spanMs > 0 ? Math.round(N / (spanMs / 1000)) : null,
      runningToAllCommittedMs: doneAt - runningAt,
      sigtermToClosedMs: closedAt - termAt,
      sigtermToExitMs: exit.at - termAt,
    };
    results.push(row);
    console.error(JSON.stringify(row));
    if (!ok) console.error(app.stderr());
  }
}
await admin.disconnect();
console.log(JSON.stringify(results, null, 2));
console.log(`${results.length - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
