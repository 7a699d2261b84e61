// npm run bench [-- <scenario...>] [--records N] [--size BYTES] [--impl kstreams,bare-loop,java] [--no-docs]
// Runs each scenario × guarantee (ALOS, EOS 100 ms, EOS 1000 ms) for kstreams, a bare kafkajs loop and Java
// Kafka Streams, side by side on one broker, and writes bench/results/<date>.json, docs/benchmarks.md and
// docs/benchmarks.svg. Not part of npm test or CI.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { preload } from './lib/preload.js';
import { label, ratios, svgChart, table } from './lib/report.js';
import { JAVA_JAR, runOne, type Guarantee, type Implementation, type RunResult } from './lib/run-one.js';
import { SCENARIOS, expectedOutputs, type ScenarioName } from './lib/scenarios.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const say = (line: string) => process.stdout.write(`[bench] ${line}\n`);

function parseArgs(argv: string[]) {
  const opts = { scenarios: [] as ScenarioName[], records: 200_000, size: 200, impls: ['kstreams', 'bare-loop', 'java'] as Implementation[], docs: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--records') opts.records = Number(argv[++i]);
    else if (a === '--size') opts.size = Number(argv[++i]);
    else if (a === '--impl') opts.impls = argv[++i]!.split(',') as Implementation[];
    else if (a === '--no-docs') opts.docs = false;
    else if ((SCENARIOS as readonly string[]).includes(a)) opts.scenarios.push(a as ScenarioName);
    else throw new Error(`unknown argument ${a} (scenarios: ${SCENARIOS.join(', ')})`);
  }
  if (opts.scenarios.length === 0) opts.scenarios = [...SCENARIOS];
  return opts;
}

async function broker(): Promise<{ bootstrap: string; stop: () => Promise<void> }> {
  const env = process.env.KAFKA_BOOTSTRAP_SERVERS;
  if (env) return { bootstrap: env, stop: async () => {} };
  // @ts-expect-error plain JavaScript module without declarations
  const launcher = await import('../tools/kafka/launcher.mjs');
  const { bootstrapServers, startedNow } = (await launcher.start({ log: say })) as { bootstrapServers: string; startedNow: boolean };
  return { bootstrap: bootstrapServers, stop: async () => void (startedNow && (await launcher.stop({ log: say }))) };
}

function ensureJavaBaseline(): boolean {
  if (existsSync(JAVA_JAR)) return true;
  say('building the Java Kafka Streams baseline (bench/java, Maven)...');
  const r = spawnSync('mvn', ['-q', '-B', '-f', `${root}bench/java/pom.xml`, 'package', '-DskipTests'], { stdio: 'inherit' });
  return r.status === 0 && existsSync(JAVA_JAR);
}

function machine(): string {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' }).stderr.split('\n')[0] ?? 'java ?';
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${java.trim()}`;
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
const total = opts.scenarios.length * settings.length * opts.impls.length;
say(`${opts.scenarios.join(', ')} × ${settings.map(label).join(', ')} × ${opts.impls.join(', ')}: ${total} runs, ${opts.records} records of ${opts.size} bytes`);
const results: RunResult[] = [];
const kafka = new Kafka({ clientId: 'bench', brokers: bootstrap.split(','), logLevel: logLevel.ERROR });
const partitions = 4;
let n = 0;
try {
  for (const scenario of opts.scenarios) {
    const input = `bench-in-${scenario}-${Date.now().toString(36)}`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: input, numPartitions: partitions }], waitForLeaders: true });
    say(`preloading ${opts.records} records into ${input}...`);
    await preload(kafka, input, opts.records, opts.size, (done) => {
      if (done % 50_000 === 0 || done === opts.records) say(`  preloaded ${done}/${opts.records}`);
    });
    const expected = expectedOutputs(scenario, opts.records);
    for (const s of settings) {
      for (const impl of opts.impls) {
        n++;
        say(`(${n}/${total}) ${scenario} ${label(s)} ${impl}...`);
        const r = await runOne({ impl, scenario, ...s, input, expected, bootstrap, partitions }, (line) => say(`  ${line}`));
        say(`  ${r.recordsPerSec} records/s, ${r.cpuSeconds.toFixed(1)} CPU s, peak RSS ${r.peakRssMb} MB`);
        results.push(r);
      }
    }
    await admin.deleteTopics({ topics: [input] }).catch(() => {});
    await admin.disconnect();
  }
} finally {
  await stop();
}

const date = new Date().toISOString().slice(0, 10);
const about = machine();
mkdirSync(`${root}bench/results`, { recursive: true });
writeFileSync(`${root}bench/results/${date}.json`, `${JSON.stringify({ date, machine: about, records: opts.records, size: opts.size, results }, null, 2)}\n`);
process.stdout.write(`\n${table(results)}\n\n${ratios(results).join('\n')}\n`);
if (opts.docs) {
  writeFileSync(`${root}docs/benchmarks.svg`, svgChart(results));
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  writeFileSync(
    `${root}docs/benchmarks.md`,
    `# Benchmarks

Generated by \`npm run bench\` on ${date} at commit ${commit}. All implementations ran one after another in the same
run, on the same single-node Kafka 4.3.1 broker (the local launcher) and the same machine: ${about}.
The machines are shared and noisy: compare the ratios within one run, not absolute numbers across runs.

**Method.** Each scenario preloads ${opts.records.toLocaleString('en')} records of ${opts.size} bytes (deterministic) into a
${partitions}-partition topic. Each implementation then runs as its own process with one stream thread from the
beginning of that topic, and a \`read_committed\` reader measures records/s from the first to the last output it sees.
CPU time and peak RSS of the processing process come from \`/proc\` (CPU includes startup). Scenarios:
\`passthrough\` (stream → mapValues → to) and \`filter-map\` (JSON parse, keep half, re-key, JSON out). Guarantees:
at_least_once (Kafka Streams' default 30 s commit interval), exactly_once with 100 ms and 1000 ms commit
intervals (Java uses \`exactly_once_v2\`, kstreams and the bare loop EOS v1: a transaction per task / per loop).

![records/s](benchmarks.svg)

${table(results)}

${ratios(results).map((l) => `- ${l}`).join('\n')}

At the default 200,000 records a run lasts only a few seconds, so startup, JIT warm-up and noise weigh in
(the same configuration varied by about ±30 % between runs here): use \`--records 1000000\` for steadier figures.

**Reproduce:** \`npm run bench\` (all), \`npm run bench -- passthrough --records 1000000\`, \`--impl kstreams,bare-loop\`.
Hot spots of the slowest scenario: docs/profiling.md. Not yet measured: end-to-end latency percentiles, and the stateful scenarios (word-count, enrich, restore), which
come with the stateful-processing issue.
`,
  );
  say('wrote docs/benchmarks.md and docs/benchmarks.svg');
}
say(`results in bench/results/${date}.json`);
