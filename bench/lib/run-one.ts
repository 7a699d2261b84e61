// Runs one implementation of one stream scenario under one guarantee as a child process and measures it: a
// read_committed reader times the outputs (from the app's RUNNING to the last output) and checks them, /proc gives the child's CPU time and
// peak RSS. A run that crashes, stalls or writes wrong outputs is returned with `error` set, not thrown.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { StatsSampler } from './process-stats.js';
import type { OutputCheck, StreamScenario } from './scenarios.js';

export type Implementation = 'kstreams' | 'bare-loop' | 'java';
export type Guarantee = 'at_least_once' | 'exactly_once';

export interface RunSpec {
  readonly impl: Implementation;
  readonly scenario: StreamScenario;
  readonly guarantee: Guarantee;
  readonly commitMs: number;
  readonly input: string;
  /** Input records of the run. */
  readonly records: number;
  readonly expected: number;
  readonly check: OutputCheck;
  readonly bootstrap: string;
  readonly partitions: number;
  /** Extra environment of the app (scenario parameters, see bench/apps). */
  readonly env?: Readonly<Record<string, string>>;
  /** enrich: once the app printed TABLE_LOADED, writes the stream input (the run's clock starts with the outputs). */
  readonly feedAfterTableLoaded?: () => Promise<void>;
}

export interface RunResult {
  readonly impl: Implementation;
  readonly scenario: StreamScenario;
  readonly guarantee: Guarantee;
  readonly commitMs: number;
  readonly records: number;
  readonly outputs: number;
  /** From RUNNING (enrich: TABLE_LOADED, when the orders start to be written) to the last output. */
  readonly seconds: number;
  /** Output records per second over `seconds`. */
  readonly recordsPerSec: number;
  /** First to last output (the measure before: under exactly_once it leaves out the work before the first commit). */
  readonly firstToLastSeconds: number;
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
  readonly peakRssAnonMb: number;
  readonly startupSeconds: number;
  /** enrich: start to TABLE_LOADED. */
  readonly tableLoadSeconds?: number;
  /** Why the run failed (crash, stall, wrong outputs); absent when it passed. */
  readonly error?: string;
}

const root = fileURLToPath(new URL('../..', import.meta.url));
export const JAVA_JAR = `${root}bench/java/target/kstreams-java-bench.jar`;
/** No new output for this long (after the first, or after start) fails the run. */
const STALL_MS = 90_000;

/**
 * The command line of an app: `<scenario> <bootstrap> <applicationId> <input> <output> <guarantee> <commitMs>`.
 * BENCH_NODE_ARGS adds node flags to the kstreams app (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
 */
export function appCommand(impl: Implementation, common: readonly string[], guarantee: Guarantee, commitMs: number): [string, string[]] {
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // restore: a full GC after the restore, to report the memory held with the store full (MEMORY line).
  const gc = common[0] === 'restore' ? ['--expose-gc'] : [];
  switch (impl) {
    case 'kstreams':
      return [process.execPath, [...nodeArgs, ...gc, '--conditions=source', '--import', 'tsx', 'bench/apps/kstreams-app.ts', ...common, guarantee, String(commitMs)]];
    case 'bare-loop':
      return [process.execPath, [...gc, '--import', 'tsx', 'bench/apps/bare-loop.ts', ...common, guarantee, String(commitMs)]];
    case 'java':
      return ['java', ['-Xmx1g', '-jar', JAVA_JAR, ...common, guarantee === 'exactly_once' ? 'exactly_once_v2' : 'at_least_once', String(commitMs)]];
  }
}

/** A child process with its stdout lines, stderr tail, CPU/RSS sampler and exit. */
export interface App {
  readonly started: number;
  readonly stats: StatsSampler;
  readonly lineAt: Map<string, number>;
  readonly lines: string[];
  exited: boolean;
  exitCode: number | null;
  stderr(): string;
  onLine(listener: (line: string) => void): void;
  stop(): Promise<void>;
}

export function startApp(cmd: string, args: string[], env: Readonly<Record<string, string>>): App {
  const started = Date.now();
  const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  // BENCH_APP_LOG_DIR: keep each app's whole stdout and stderr there (e.g. with BENCH_NODE_ARGS=--trace-gc).
  const logDir = process.env.BENCH_APP_LOG_DIR;
  if (logDir) {
    const log = createWriteStream(join(logDir, `${basename(args.find((a) => a.startsWith('bench/apps/')) ?? 'java', '.ts')}-${child.pid}.log`));
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
  }
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-6000)));
  const listeners: Array<(line: string) => void> = [];
  const app: App = {
    started,
    stats: new StatsSampler(child.pid!),
    lineAt: new Map(),
    lines: [],
    exited: false,
    exitCode: null,
    stderr: () => stderr,
    onLine: (l) => void listeners.push(l),
    async stop() {
      app.stats.sample();
      app.stats.stop();
      if (!app.exited) child.kill('SIGTERM');
      await new Promise<void>((resolve) => {
        if (app.exited) return resolve();
        const t = setTimeout(() => child.kill('SIGKILL'), 30_000);
        child.on('exit', () => {
          clearTimeout(t);
          resolve();
        });
      });
    },
  };
  createInterface({ input: child.stdout! }).on('line', (raw) => {
    const line = raw.trim();
    app.lines.push(line);
    const word = line.split(' ')[0]!;
    if (!app.lineAt.has(word)) app.lineAt.set(word, Date.now());
    for (const l of listeners) l(line);
  });
  child.on('exit', (code) => {
    app.exited = true;
    app.exitCode = code;
  });
  return app;
}

export async function runOne(spec: RunSpec, progress: (line: string) => void): Promise<RunResult> {
  const id = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const output = `bench-out-${spec.scenario}-${spec.impl}-${id}`;
  const appId = `bench-${spec.impl}-${id}`;
  const stateDir = mkdtempSync(join(tmpdir(), 'kstreams-bench-'));
  const kafka = new Kafka({ clientId: 'bench-runner', brokers: spec.bootstrap.split(','), logLevel: logLevel.ERROR });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: output, numPartitions: spec.partitions }], waitForLeaders: true });

  let count = 0;
  let first = 0;
  let last = 0;
  const reader = kafka.consumer({ groupId: `${appId}-reader`, readUncommitted: false, maxWaitTimeInMs: 100 });
  await reader.connect();
  await reader.subscribe({ topics: [output], fromBeginning: true });
  await reader.run({
    eachBatch: async ({ batch }) => {
      const now = Date.now();
      if (count === 0) first = now;
      for (const m of batch.messages) spec.check.add(m.key, m.value);
      count += batch.messages.length;
      last = now;
    },
  });

  const [cmd, args] = appCommand(spec.impl, [spec.scenario, spec.bootstrap, appId, spec.input, output], spec.guarantee, spec.commitMs);
  const app = startApp(cmd, args, { BENCH_STATE_DIR: stateDir, ...spec.env });
  let feedError: unknown;
  if (spec.feedAfterTableLoaded) {
    const feed = spec.feedAfterTableLoaded;
    app.onLine((line) => {
      if (line === 'TABLE_LOADED') feed().catch((e: unknown) => (feedError = e));
    });
  }

  let error: string | undefined;
  let lastReport = 0;
  let lastCount = 0;
  let lastProgressAt = Date.now();
  while (count < spec.expected && !spec.check.complete?.()) {
    await new Promise((r) => setTimeout(r, 100));
    const now = Date.now();
    if (count !== lastCount) {
      lastCount = count;
      lastProgressAt = now;
    }
    if (app.exited) {
      error = `the app exited (code ${app.exitCode}) after ${count}/${spec.expected} outputs`;
      break;
    }
    if (feedError) {
      error = `writing the input failed: ${String(feedError)}`;
      break;
    }
    if (now - lastProgressAt > STALL_MS) {
      error = `stalled: ${count}/${spec.expected} outputs, none for ${STALL_MS / 1000} s`;
      break;
    }
    if (now - lastReport >= 2000) {
      lastReport = now;
      const rate = count > 0 && last - first > 500 ? Math.round(count / ((last - first) / 1000)) : 0;
      progress(`${count}/${spec.expected} outputs, ${rate} rec/s`);
    }
  }
  await app.stop();
  // A short grace for outputs beyond the expected count (duplicates) before checking.
  if (!error) await new Promise((r) => setTimeout(r, 300));
  await reader.disconnect();
  await admin.deleteTopics({ topics: [output] }).catch(() => {});
  await admin.disconnect();
  rmSync(stateDir, { recursive: true, force: true });
  if (!error && count > spec.expected) error = `${count - spec.expected} outputs more than the ${spec.expected} expected`;
  if (!error) {
    const wrong = spec.check.result();
    if (wrong) error = `wrong outputs: ${wrong}`;
  }
  if (error) progress(`FAILED: ${error}\n${app.stderr().split('\n').slice(-25).join('\n')}`);
  const running = app.lineAt.get('RUNNING');
  const tableLoaded = app.lineAt.get('TABLE_LOADED');
  // The clock starts when the app can process (RUNNING; enrich: when the orders start to be written), not at the
  // first output: under exactly_once the first outputs appear only at the first commit, which would hide up to a
  // commit interval of work.
  const start = (spec.feedAfterTableLoaded ? tableLoaded : running) ?? first;
  const seconds = Math.max(0.001, (last - start) / 1000);
  return {
    impl: spec.impl,
    scenario: spec.scenario,
    guarantee: spec.guarantee,
    commitMs: spec.commitMs,
    records: spec.records,
    outputs: count,
    seconds,
    recordsPerSec: Math.round(count / seconds),
    firstToLastSeconds: (last - first) / 1000,
    cpuSeconds: app.stats.last?.cpuSeconds ?? NaN,
    peakRssMb: Math.round(app.stats.last?.peakRssMb ?? NaN),
    peakRssAnonMb: Math.round(app.stats.peakRssAnonMb),
    startupSeconds: running ? (running - app.started) / 1000 : NaN,
    ...(tableLoaded ? { tableLoadSeconds: (tableLoaded - app.started) / 1000 } : {}),
    ...(error ? { error } : {}),
  };
}
