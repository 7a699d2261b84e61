// Runs one implementation of one scenario under one guarantee as a child process and measures it: a
// read_committed reader times the outputs (first to last), /proc gives the child's CPU time and peak RSS.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { processStats } from './process-stats.js';
import type { ScenarioName } from './scenarios.js';

export type Implementation = 'kstreams' | 'bare-loop' | 'java';
export type Guarantee = 'at_least_once' | 'exactly_once';

export interface RunSpec {
  readonly impl: Implementation;
  readonly scenario: ScenarioName;
  readonly guarantee: Guarantee;
  readonly commitMs: number;
  readonly input: string;
  readonly expected: number;
  readonly bootstrap: string;
  readonly partitions: number;
}

export interface RunResult {
  readonly impl: Implementation;
  readonly scenario: ScenarioName;
  readonly guarantee: Guarantee;
  readonly commitMs: number;
  readonly outputs: number;
  readonly seconds: number;
  readonly recordsPerSec: number;
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
  readonly startupSeconds: number;
}

const root = fileURLToPath(new URL('../..', import.meta.url));
export const JAVA_JAR = `${root}bench/java/target/kstreams-java-bench.jar`;

function command(spec: RunSpec, appId: string, output: string): [string, string[]] {
  const common = [spec.scenario, spec.bootstrap, appId, spec.input, output];
  switch (spec.impl) {
    case 'kstreams':
      return [process.execPath, ['--conditions=source', '--import', 'tsx', 'bench/apps/kstreams-app.ts', ...common, spec.guarantee, String(spec.commitMs)]];
    case 'bare-loop':
      return [process.execPath, ['--import', 'tsx', 'bench/apps/bare-loop.ts', ...common, spec.guarantee, String(spec.commitMs)]];
    case 'java':
      return [
        'java',
        ['-Xmx1g', '-jar', JAVA_JAR, ...common, spec.guarantee === 'exactly_once' ? 'exactly_once_v2' : 'at_least_once', String(spec.commitMs)],
      ];
  }
}

export async function runOne(spec: RunSpec, progress: (line: string) => void): Promise<RunResult> {
  const id = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const output = `bench-out-${spec.scenario}-${spec.impl}-${id}`;
  const appId = `bench-${spec.impl}-${id}`;
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
      count += batch.messages.length;
      last = now;
    },
  });

  const [cmd, args] = command(spec, appId, output);
  const started = Date.now();
  const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  let runningAt = 0;
  createInterface({ input: child.stdout! }).on('line', (l) => {
    if (l.trim() === 'RUNNING' && runningAt === 0) runningAt = Date.now();
  });
  let exited = false;
  child.on('exit', () => (exited = true));

  let stats = processStats(child.pid!);
  const deadline = Date.now() + 10 * 60_000;
  let lastReport = 0;
  while (count < spec.expected && !exited && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    stats = processStats(child.pid!) ?? stats;
    if (Date.now() - lastReport >= 2000) {
      lastReport = Date.now();
      const rate = count > 0 && last - first > 500 ? Math.round(count / ((last - first) / 1000)) : 0;
      progress(`${count}/${spec.expected} outputs, ${rate} rec/s`);
    }
  }
  stats = processStats(child.pid!) ?? stats;
  child.kill('SIGTERM');
  await new Promise<void>((resolve) => {
    if (exited) return resolve();
    const t = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', () => {
      clearTimeout(t);
      resolve();
    });
  });
  await reader.disconnect();
  await admin.deleteTopics({ topics: [output] }).catch(() => {});
  await admin.disconnect();
  if (count < spec.expected) {
    throw new Error(`${spec.impl} ${spec.scenario} ${spec.guarantee}: ${count}/${spec.expected} outputs${exited ? ' (the app exited)' : ''}\n${stderr}`);
  }
  const seconds = Math.max(0.001, (last - first) / 1000);
  return {
    impl: spec.impl,
    scenario: spec.scenario,
    guarantee: spec.guarantee,
    commitMs: spec.commitMs,
    outputs: count,
    seconds,
    recordsPerSec: Math.round(count / seconds),
    cpuSeconds: stats?.cpuSeconds ?? NaN,
    peakRssMb: Math.round(stats?.peakRssMb ?? NaN),
    startupSeconds: runningAt ? (runningAt - started) / 1000 : NaN,
  };
}
