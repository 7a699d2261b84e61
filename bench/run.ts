// npm run bench [-- <scenario...>] [--records N] [--restore-records N] [--size BYTES] [--impl kstreams,bare-loop,java]
//                 [--repeat N] [--no-docs] [--enrich-preloaded]
//                 [--latency | --latency-only | --no-latency] [--latency-rate N] [--latency-seconds S] [--latency-warmup S]
// npm run bench -- --report bench/results/<date>.json [<latency>.json...]   (rewrites the docs from a saved full run,
//                 its latency section from the last file holding latency results; runs nothing)
// Runs each stream scenario × guarantee (ALOS, EOS 100 ms, EOS 1000 ms) and the restore scenario for kstreams, a
// bare kafkajs loop and Java Kafka Streams, side by side on one broker (KAFKA_BOOTSTRAP_SERVERS, else the local
// launcher's), checks every run's outputs, and writes bench/results/<date>.json; a run of every scenario and
// implementation also writes docs/benchmarks.md and docs/benchmarks.svg. Not part of npm test or CI.
// BENCH_WINDOW_CACHE=on: Java's windowed-count keeps Kafka Streams' default cache on its window store (fewer
// outputs; the run ends once every final count is read) instead of withCachingDisabled().
// Latency (--latency; the full run includes passthrough's): after the throughput runs, passthrough and filter-map
// again per guarantee and implementation on an empty topic written at a fixed rate, p50/p99/max of the time from
// each record's timestamp (its send time) to a read_committed reader seeing its output (bench/lib/run-latency.ts).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { preload, type MakeRecord } from './lib/preload.js';
import { writeDocs, type BenchRun } from './lib/docs.js';
import { failures, label, latencyFailures, latencyTable, ratios, restoreTable, table } from './lib/report.js';
import { JAVA_JAR, runOne, type Guarantee, type Implementation, type RunResult } from './lib/run-one.js';
import { runRestore, backendOf, type RestoreResult, type RestoreStore } from './lib/run-restore.js';
import { LATENCY_SCENARIOS, runLatency, type LatencyResult, type LatencyScenario } from './lib/run-latency.js';
import {
  DEFAULT_RECORDS,
  RESTORE_STORE,
  SCENARIOS,
  TABLE_RECORDS,
  enrichRecord,
  expectedOutputs,
  inputRecord,
  outputCheck,
  restoreRecord,
  tableRecord,
  windowedCountBase,
  windowedCountRecord,
  wordCountLine,
  type ScenarioName,
  type StreamScenario,
} from './lib/scenarios.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const say = (line: string) => process.stdout.write(`[bench] ${line}\n`);
const IMPLS: readonly Implementation[] = ['kstreams', 'bare-loop', 'java'];

function parseArgs(argv: string[]) {
  const opts = {
    scenarios: [] as ScenarioName[],
    records: undefined as number | undefined,
    restoreRecords: DEFAULT_RECORDS.restore,
    size: 200,
    impls: [...IMPLS],
    repeat: 1,
    docs: true,
    /** enrich: write the orders before the app starts (after the table), not once it has loaded the table. */
    enrichPreloaded: false,
    /** undefined: passthrough's in a full run, none otherwise; 'only': no throughput runs. */
    latency: undefined as boolean | 'only' | undefined,
    latencyRate: 2000,
    latencySeconds: 15,
    latencyWarmup: 2,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--records') opts.records = Number(argv[++i]);
    else if (a === '--restore-records') opts.restoreRecords = Number(argv[++i]);
    else if (a === '--size') opts.size = Number(argv[++i]);
    else if (a === '--impl') opts.impls = argv[++i]!.split(',') as Implementation[];
    else if (a === '--repeat') opts.repeat = Number(argv[++i]);
    else if (a === '--no-docs') opts.docs = false;
    else if (a === '--enrich-preloaded') opts.enrichPreloaded = true;
    else if (a === '--latency') opts.latency = true;
    else if (a === '--latency-only') opts.latency = 'only';
    else if (a === '--no-latency') opts.latency = false;
    else if (a === '--latency-rate') opts.latencyRate = Number(argv[++i]);
    else if (a === '--latency-seconds') opts.latencySeconds = Number(argv[++i]);
    else if (a === '--latency-warmup') opts.latencyWarmup = Number(argv[++i]);
    else if ((SCENARIOS as readonly string[]).includes(a)) opts.scenarios.push(a as ScenarioName);
    else throw new Error(`unknown argument ${a} (scenarios: ${SCENARIOS.join(', ')})`);
  }
  const all = opts.scenarios.length === 0;
  if (all) opts.scenarios = [...SCENARIOS];
  // The latency phase: of the selected passthrough and filter-map with --latency; of passthrough alone in a full
  // run (about 3 minutes more: 9 runs of ~20 s).
  const latencyScenarios: LatencyScenario[] =
    opts.latency === false
      ? []
      : opts.latency === undefined
        ? all ? ['passthrough'] : []
        : LATENCY_SCENARIOS.filter((s) => opts.scenarios.includes(s));
  return { ...opts, latencyScenarios };
}

async function broker(): Promise<{ bootstrap: string; stop: () => Promise<void> }> {
  const env = process.env.KAFKA_BOOTSTRAP_SERVERS;
  if (env) return { bootstrap: env, stop: async () => {} };
  // @ts-expect-error plain JavaScript module without declarations
  const launcher = await import('../tools/kafka/launcher.mjs');
  const { bootstrapServers, startedNow } = (await launcher.start({ log: say })) as { bootstrapServers: string; startedNow: boolean };
  return { bootstrap: bootstrapServers, stop: async () => void (startedNow && (await launcher.stop({ log: say }))) };
}

/** Newest modification time under `dir` (files only). */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds the Java baseline when its jar is missing or older than its sources or pom. */
function ensureJavaBaseline(): boolean {
  const java = `${root}bench/java`;
  const sources = Math.max(newest(`${java}/src`), statSync(`${java}/pom.xml`).mtimeMs);
  if (existsSync(JAVA_JAR) && statSync(JAVA_JAR).mtimeMs >= sources) return true;
  say(`${existsSync(JAVA_JAR) ? 'rebuilding (sources changed)' : 'building'} the Java Kafka Streams baseline (bench/java, Maven)...`);
  const r = spawnSync('mvn', ['-q', '-B', '-Dstyle.color=never', '-f', `${java}/pom.xml`, 'package', '-DskipTests'], { stdio: 'inherit' });
  return r.status === 0 && existsSync(JAVA_JAR) && statSync(JAVA_JAR).mtimeMs >= sources;
}

function machine(): string {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' }).stderr.split('\n')[0] ?? 'java ?';
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${java.trim()}`;
}

const reportIndex = process.argv.indexOf('--report');
if (reportIndex >= 0) {
  const [file, ...more] = process.argv.slice(reportIndex + 1);
  const run = JSON.parse(readFileSync(file!, 'utf8')) as BenchRun;
  // Latency results of another run (e.g. `npm run bench -- passthrough --latency-only`) replace the full run's.
  let latencyFrom: string | undefined;
  for (const f of more) {
    const other = JSON.parse(readFileSync(f, 'utf8')) as BenchRun;
    if (other.latency?.length) {
      run.latency = other.latency;
      run.latencyDate = other.date;
      latencyFrom = f;
    }
  }
  writeDocs(root, run, latencyFrom);
  say(`wrote docs/benchmarks.md and docs/benchmarks.svg from ${[file, ...more].join(', ')}`);
  process.exit(0);
}
const opts = parseArgs(process.argv.slice(2));
if (opts.impls.includes('java') && !ensureJavaBaseline()) {
  say('the Java baseline could not be built; running without it');
  opts.impls = opts.impls.filter((i) => i !== 'java');
}
const { bootstrap, stop } = await broker();
const settings: Array<{ guarantee: Guarantee; commitMs: number }> = [
  { guarantee: 'at_least_once', commitMs: 30_000 },
  { guarantee: 'exactly_once', commitMs: 100 },
  { guarantee: 'exactly_once', commitMs: 1000 },
];
const restoreRuns: Array<{ impl: Implementation; store: RestoreStore }> = [
  { impl: 'kstreams', store: 'persistent' },
  { impl: 'kstreams', store: 'in-memory' },
  { impl: 'bare-loop', store: 'persistent' },
  { impl: 'java', store: 'persistent' },
  { impl: 'java', store: 'in-memory' },
].filter((r) => opts.impls.includes(r.impl as Implementation)) as Array<{ impl: Implementation; store: RestoreStore }>;
const recordsOf = (s: StreamScenario) => opts.records ?? DEFAULT_RECORDS[s];
const streamScenarios = opts.scenarios.filter((s): s is StreamScenario => s !== 'restore');
const throughput = opts.latency !== 'only';
const total =
  opts.repeat *
  ((throughput ? streamScenarios.length * settings.length * opts.impls.length + (opts.scenarios.includes('restore') ? restoreRuns.length : 0) : 0) +
    opts.latencyScenarios.length * settings.length * opts.impls.length);
say(
  `${throughput ? opts.scenarios.join(', ') : ''}${opts.latencyScenarios.length ? `${throughput ? ' + ' : ''}latency of ${opts.latencyScenarios.join(', ')} (${opts.latencyRate} records/s for ${opts.latencySeconds} s)` : ''} × ${settings.map(label).join(', ')} × ${opts.impls.join(', ')}${opts.repeat > 1 ? ` × ${opts.repeat}` : ''}: ${total} runs`,
);
const results: RunResult[] = [];
const restores: RestoreResult[] = [];
const latency: LatencyResult[] = [];
const kafka = new Kafka({ clientId: 'bench', brokers: bootstrap.split(','), logLevel: logLevel.ERROR });
const admin = kafka.admin();
await admin.connect();
const partitions = 4;
const suffix = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const logEvery = (n: number) => (done: number) => {
  if (done % 100_000 === 0 || done === n) say(`  preloaded ${done}/${n}`);
};
let n = 0;

async function streamScenario(scenario: StreamScenario): Promise<void> {
  const records = recordsOf(scenario);
  const size = opts.size;
  const created: string[] = [];
  let input = `bench-in-${scenario}-${suffix()}`;
  let env: Record<string, string> = {};
  // windowed-count: event times of the run's records, aligned to the window size, ending an hour before now.
  const windowBase = windowedCountBase(records);
  if (scenario === 'enrich') {
    // The table is written once; each run gets its own empty order topic, written once the app has the table.
    const tableTopic = `bench-users-${suffix()}`;
    await admin.createTopics({ topics: [{ topic: tableTopic, numPartitions: partitions }], waitForLeaders: true });
    created.push(tableTopic);
    say(`preloading the ${TABLE_RECORDS} users of the table into ${tableTopic}...`);
    await preload(kafka, tableTopic, TABLE_RECORDS, tableRecord, logEvery(TABLE_RECORDS));
    env = { BENCH_TABLE_TOPIC: tableTopic, BENCH_TABLE_RECORDS: String(TABLE_RECORDS) };
  } else {
    const make: MakeRecord =
      scenario === 'word-count' ? wordCountLine : scenario === 'windowed-count' ? (i) => windowedCountRecord(i, windowBase, size) : (i) => inputRecord(i, size);
    await admin.createTopics({ topics: [{ topic: input, numPartitions: partitions }], waitForLeaders: true });
    created.push(input);
    say(`preloading ${records} records into ${input}...`);
    await preload(kafka, input, records, make, logEvery(records), scenario === 'windowed-count' ? 1 : 4);
  }
  const expected = expectedOutputs(scenario, records);
  for (let rep = 0; rep < opts.repeat; rep++) {
    for (const s of settings) {
      for (const impl of opts.impls) {
        n++;
        say(`(${n}/${total}) ${scenario} ${label(s)} ${impl}...`);
        let feedAfterTableLoaded: (() => Promise<void>) | undefined;
        if (scenario === 'enrich') {
          input = `bench-in-enrich-${suffix()}`;
          await admin.createTopics({ topics: [{ topic: input, numPartitions: partitions }], waitForLeaders: true });
          created.push(input);
          const topic = input;
          if (opts.enrichPreloaded) await preload(kafka, topic, records, (i) => enrichRecord(i, size));
          else feedAfterTableLoaded = () => preload(kafka, topic, records, (i) => enrichRecord(i, size));
        }
        const r = await runOne(
          { impl, scenario, ...s, input, records, expected, check: outputCheck(scenario, records, size, windowBase), bootstrap, partitions, env, feedAfterTableLoaded },
          (line) => say(`  ${line}`),
        );
        say(`  ${r.error ? 'FAILED, ' : ''}${r.recordsPerSec} records/s, ${r.cpuSeconds.toFixed(1)} CPU s, peak RSS ${r.peakRssMb} MB`);
        results.push(r);
      }
    }
  }
  await admin.deleteTopics({ topics: created }).catch(() => {});
}

async function restoreScenario(): Promise<void> {
  const records = opts.restoreRecords;
  const id = suffix();
  const applicationId = `bench-restore-${id}`;
  const input = `bench-in-restore-${id}`;
  const changelog = `${applicationId}-${RESTORE_STORE}-changelog`;
  await admin.createTopics({
    topics: [
      { topic: input, numPartitions: partitions },
      { topic: changelog, numPartitions: partitions, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
    ],
    waitForLeaders: true,
  });
  say(`preloading ${records} changelog records into ${changelog}...`);
  await preload(kafka, changelog, records, restoreRecord, logEvery(records));
  for (let rep = 0; rep < opts.repeat; rep++) {
    for (const r of restoreRuns) {
      n++;
      say(`(${n}/${total}) restore ${backendOf(r.impl, r.store)} ${r.impl}...`);
      const res = await runRestore({ ...r, bootstrap, applicationId, input, changelog, records }, (line) => say(`  ${line}`));
      say(
        `  ${res.error ? 'FAILED, ' : ''}${res.records} records in ${res.restoreSeconds.toFixed(2)} s: ${res.recordsPerSec} records/s (start → restored ${res.startToRestoredSeconds.toFixed(2)} s), ${res.cpuSeconds.toFixed(1)} CPU s, peak RSS ${res.peakRssMb} MB`,
      );
      restores.push(res);
    }
  }
  await admin.deleteTopics({ topics: [input, changelog] }).catch(() => {});
}

async function latencyScenario(scenario: LatencyScenario): Promise<void> {
  for (let rep = 0; rep < opts.repeat; rep++) {
    for (const s of settings) {
      for (const impl of opts.impls) {
        n++;
        say(`(${n}/${total}) latency ${scenario} ${label(s)} ${impl}: ${opts.latencyRate} records/s for ${opts.latencySeconds} s...`);
        const r = await runLatency(
          { impl, scenario, ...s, rate: opts.latencyRate, seconds: opts.latencySeconds, warmupSeconds: opts.latencyWarmup, size: opts.size, bootstrap, partitions },
          (line) => say(`  ${line}`),
        );
        say(
          `  ${r.error ? 'FAILED, ' : ''}${r.sent} sent (${r.sentPerSec}/s), ${r.measured} measured: p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, max ${r.maxMs} ms${r.timestampMismatches ? `, ${r.timestampMismatches} outputs without their input's timestamp` : ''}`,
        );
        latency.push(r);
      }
    }
  }
}

try {
  if (throughput) {
    for (const scenario of opts.scenarios) {
      if (scenario === 'restore') await restoreScenario();
      else await streamScenario(scenario);
    }
  }
  for (const scenario of opts.latencyScenarios) await latencyScenario(scenario);
} finally {
  await admin.disconnect();
  await stop();
}

const date = new Date().toISOString().slice(0, 10);
const everything = throughput && !opts.enrichPreloaded && SCENARIOS.every((s) => opts.scenarios.includes(s)) && IMPLS.every((i) => opts.impls.includes(i));
const run: BenchRun = {
  date,
  machine: machine(),
  commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim(),
  packagesDirty: execFileSync('git', ['status', '--porcelain', '--', 'packages'], { cwd: root, encoding: 'utf8' }).trim() !== '',
  partitions,
  repeat: opts.repeat,
  size: opts.size,
  records: Object.fromEntries(streamScenarios.map((s) => [s, recordsOf(s)])),
  tableRecords: TABLE_RECORDS,
  restoreRecords: opts.restoreRecords,
  results,
  restores,
  ...(latency.length
    ? { latency, latencySettings: { rate: opts.latencyRate, seconds: opts.latencySeconds, warmupSeconds: opts.latencyWarmup } }
    : {}),
};
mkdirSync(`${root}bench/results`, { recursive: true });
const resultsFile = `bench/results/${date}${everything ? '' : `-${opts.scenarios.join('-')}`}${opts.enrichPreloaded ? '-preloaded' : ''}${!everything && latency.length ? '-latency' : ''}.json`;
writeFileSync(`${root}${resultsFile}`, `${JSON.stringify(run, null, 2)}\n`);
const failed = [...failures(results, restores), ...latencyFailures(latency)];
process.stdout.write(
  `\n${results.length ? table(results) : ''}\n\n${restores.length ? restoreTable(restores) : ''}\n\n${latency.length ? `${latencyTable(latency)}\n\n` : ''}${ratios(results, restores).join('\n')}\n${failed.length ? `\nFAILED:\n${failed.join('\n')}\n` : ''}`,
);
if (opts.docs && everything) {
  writeDocs(root, run);
  say('wrote docs/benchmarks.md and docs/benchmarks.svg');
}
say(`results in ${resultsFile}`);
