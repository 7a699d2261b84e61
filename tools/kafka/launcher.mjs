#!/usr/bin/env node
// Local Apache Kafka launcher: assembles Kafka from Maven Central (tools/kafka/pom.xml) and runs a real
// KRaft broker (or a 3-node cluster) on 127.0.0.1, with no Docker. Used by `npm run kafka:start|stop|status`
// and by the vitest global setup (test/harness/global-setup.ts).
//
//   node tools/kafka/launcher.mjs start [--brokers 1|3] [--port 9092] [--controller-port 9093] [--version 4.3.1]
//   node tools/kafka/launcher.mjs stop  [--all | --brokers N --port P]
//   node tools/kafka/launcher.mjs status
//
// Environment: KAFKA_VERSION, KAFKA_PORT, KAFKA_CONTROLLER_PORT, KAFKA_LOCAL_DIR (default <repo>/.kafka).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderServerProperties, renderLoggingConfig } from './broker-config.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
export const DEFAULT_KAFKA_VERSION = '4.3.1';

export class LauncherError extends Error {
  constructor(message) {
    super(message);
    this.name = 'LauncherError';
  }
}

/** Options with defaults filled in from the environment. */
export function resolveOptions(opts = {}) {
  const brokers = Number(opts.brokers ?? 1);
  if (brokers !== 1 && brokers !== 3) throw new LauncherError(`--brokers must be 1 or 3 (got ${opts.brokers})`);
  const port = Number(opts.port ?? process.env.KAFKA_PORT ?? (brokers === 1 ? 9092 : 19092));
  const controllerPort = Number(
    opts.controllerPort ?? process.env.KAFKA_CONTROLLER_PORT ?? (brokers === 1 ? port + 1 : port + 100),
  );
  const version = String(opts.version ?? process.env.KAFKA_VERSION ?? DEFAULT_KAFKA_VERSION);
  const baseDir = resolve(opts.dir ?? process.env.KAFKA_LOCAL_DIR ?? join(repoRoot, '.kafka'));
  const nodes = Array.from({ length: brokers }, (_, i) => ({
    nodeId: i + 1,
    port: port + i,
    controllerPort: controllerPort + i,
  }));
  const clusterDir = join(baseDir, `kafka-${version}-${brokers === 1 ? 'single' : 'cluster'}-${port}`);
  return { brokers, port, controllerPort, version, baseDir, clusterDir, nodes, log: opts.log ?? defaultLog };
}

function defaultLog(line) {
  process.stderr.write(`[kafka] ${line}\n`);
}

export function bootstrapServersOf(o) {
  return o.nodes.map((n) => `127.0.0.1:${n.port}`).join(',');
}

// ---------------------------------------------------------------------------------------------------------
// Prerequisites and jars

function requireCommand(cmd, args, what) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error && r.error.code === 'ENOENT') throw new LauncherError(what);
  return `${r.stdout ?? ''}${r.stderr ?? ''}`;
}

function checkJava() {
  const out = requireCommand(
    'java',
    ['-version'],
    'Java was not found on PATH. The local Kafka broker needs a Java 17+ runtime: install one ' +
      '(Debian/Ubuntu: `apt-get install openjdk-17-jdk-headless`), or set KAFKA_BOOTSTRAP_SERVERS to an existing ' +
      'cluster, or use `docker compose up -d` (see README).',
  );
  const m = out.match(/version "(\d+)/);
  if (m && Number(m[1]) < 17 && Number(m[1]) !== 1) {
    throw new LauncherError(`Java ${m[1]} found, but Kafka ${DEFAULT_KAFKA_VERSION} needs Java 17 or newer.`);
  }
}

/** Copies Kafka's runtime jars from Maven Central into tools/kafka/lib/<version> once. */
export function ensureJars(version, log = defaultLog) {
  const libDir = join(here, 'lib', version);
  const marker = join(libDir, '.complete');
  if (existsSync(marker)) return libDir;
  requireCommand(
    'mvn',
    ['-v'],
    'Maven was not found on PATH. The local Kafka launcher fetches Kafka from Maven Central with Maven: install it ' +
      '(Debian/Ubuntu: `apt-get install maven`), or set KAFKA_BOOTSTRAP_SERVERS, or use Docker (see README).',
  );
  log(`fetching Apache Kafka ${version} jars from Maven Central (first run only)...`);
  rmSync(libDir, { recursive: true, force: true });
  const args = [
    '-q',
    '-B',
    '-f',
    join(here, 'pom.xml'),
    'dependency:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${libDir}`,
    `-Dkafka.version=${version}`,
  ];
  // Kafka 4.x brings log4j-api/core but no slf4j binding; 3.x ships slf4j-reload4j already.
  if (Number(version.split('.')[0]) >= 4) args.push('-Pkafka4');
  const started = Date.now();
  const r = spawnSync('mvn', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) {
    throw new LauncherError(
      `Maven could not fetch Kafka ${version}:\n${(r.stdout + r.stderr).split('\n').slice(-30).join('\n')}`,
    );
  }
  const jars = readdirSync(libDir).filter((f) => f.endsWith('.jar'));
  writeFileSync(marker, `${jars.length} jars\n`);
  log(`fetched ${jars.length} jars in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return libDir;
}

// ---------------------------------------------------------------------------------------------------------
// Processes

function isAlive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

function readPid(nodeDir) {
  const f = join(nodeDir, 'kafka.pid');
  if (!existsSync(f)) return undefined;
  const pid = Number(readFileSync(f, 'utf8').trim());
  return Number.isFinite(pid) && pid > 0 ? pid : undefined;
}

function portFree(port) {
  return new Promise((res) => {
    const srv = createServer();
    srv.once('error', () => res(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => res(true)));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function javaCommand(version, libDir, nodeDir, heap, mainClass, mainArgs) {
  const major = Number(version.split('.')[0]);
  const logProp =
    major >= 4
      ? `-Dlog4j2.configurationFile=${join(nodeDir, 'log4j2.properties')}`
      : `-Dlog4j.configuration=file:${join(nodeDir, 'log4j.properties')}`;
  return [
    `-Xmx${heap}`,
    `-Xms${heap === '1g' ? '256m' : '128m'}`,
    '-XX:+UseG1GC',
    '-Djava.awt.headless=true',
    logProp,
    '-cp',
    `${libDir}/*`,
    mainClass,
    ...mainArgs,
  ];
}

function runTool(version, libDir, nodeDir, args) {
  const r = spawnSync('java', javaCommand(version, libDir, nodeDir, '256m', 'kafka.tools.StorageTool', args), {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new LauncherError(`kafka StorageTool ${args[0]} failed:\n${r.stdout}${r.stderr}`);
  return r.stdout.trim();
}

/** Waits until the cluster answers a metadata request with every broker, or a broker process dies. */
async function waitUntilReady(o, pids, timeoutMs) {
  const { Kafka, logLevel } = await import('kafkajs');
  const kafka = new Kafka({
    clientId: 'kstreams-launcher',
    brokers: o.nodes.map((n) => `127.0.0.1:${n.port}`),
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 1000,
  });
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    const dead = o.nodes.find((n, i) => !isAlive(pids[i]));
    if (dead) {
      const logFile = join(o.clusterDir, `node-${dead.nodeId}`, 'server.log');
      const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-25).join('\n') : '';
      throw new LauncherError(`Kafka node ${dead.nodeId} exited during startup; last lines of ${logFile}:\n${tail}`);
    }
    const admin = kafka.admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      if (cluster.brokers.length === o.nodes.length) return;
      lastError = new Error(`${cluster.brokers.length}/${o.nodes.length} brokers registered`);
    } catch (e) {
      lastError = e;
    } finally {
      await admin.disconnect().catch(() => {});
    }
    await sleep(250);
  }
  throw new LauncherError(`Kafka did not answer a metadata request within ${timeoutMs} ms: ${lastError?.message}`);
}

/** The running state of the cluster described by the options: 'running' | 'stopped' | 'partial'. */
export function status(opts = {}) {
  const o = resolveOptions(opts);
  const alive = o.nodes.map((n) => isAlive(readPid(join(o.clusterDir, `node-${n.nodeId}`))));
  if (alive.every(Boolean)) return 'running';
  return alive.some(Boolean) ? 'partial' : 'stopped';
}

/**
 * Starts the broker (or 3-node cluster). A second start while it runs is a no-op. Returns
 * `{ bootstrapServers, startedNow }`.
 */
export async function start(opts = {}) {
  const o = resolveOptions(opts);
  const bootstrapServers = bootstrapServersOf(o);
  const st = status(opts);
  if (st === 'running') {
    await waitUntilReady(o, o.nodes.map((n) => readPid(join(o.clusterDir, `node-${n.nodeId}`))), 30_000);
    o.log(`Kafka ${o.version} is already running at ${bootstrapServers}`);
    return { bootstrapServers, startedNow: false };
  }
  if (st === 'partial') await stop(opts);

  for (const n of o.nodes) {
    for (const p of [n.port, n.controllerPort]) {
      if (!(await portFree(p))) {
        throw new LauncherError(
          `Port ${p} on 127.0.0.1 is already in use by another process, so Kafka cannot listen there. ` +
            `Stop that process, or choose other ports with KAFKA_PORT / KAFKA_CONTROLLER_PORT ` +
            `(or --port / --controller-port).`,
        );
      }
    }
  }
  checkJava();
  const libDir = ensureJars(o.version, o.log);
  mkdirSync(o.clusterDir, { recursive: true });

  const clusterIdFile = join(o.clusterDir, 'cluster.id');
  if (!existsSync(clusterIdFile)) {
    const nodeDir0 = join(o.clusterDir, 'node-1');
    mkdirSync(nodeDir0, { recursive: true });
    writeLogging(o.version, nodeDir0);
    writeFileSync(clusterIdFile, runTool(o.version, libDir, nodeDir0, ['random-uuid']) + '\n');
  }
  const clusterId = readFileSync(clusterIdFile, 'utf8').trim();

  const started = Date.now();
  const pids = [];
  for (const n of o.nodes) {
    const nodeDir = join(o.clusterDir, `node-${n.nodeId}`);
    const dataDir = join(nodeDir, 'data');
    mkdirSync(nodeDir, { recursive: true });
    writeLogging(o.version, nodeDir);
    const propsFile = join(nodeDir, 'server.properties');
    writeFileSync(propsFile, renderServerProperties({ node: n, nodes: o.nodes, dataDir }));
    if (!existsSync(join(dataDir, 'meta.properties'))) {
      const fmt = ['format', '-t', clusterId, '-c', propsFile, '--ignore-formatted'];
      if (o.nodes.length === 1) fmt.push('--standalone');
      runTool(o.version, libDir, nodeDir, fmt);
    }
    const out = openSync(join(nodeDir, 'server.log'), 'a');
    const heap = o.nodes.length === 1 ? '1g' : '512m';
    const child = spawn('java', javaCommand(o.version, libDir, nodeDir, heap, 'kafka.Kafka', [propsFile]), {
      detached: true,
      stdio: ['ignore', out, out],
    });
    child.unref();
    writeFileSync(join(nodeDir, 'kafka.pid'), `${child.pid}\n`);
    pids.push(child.pid);
  }
  try {
    await waitUntilReady(o, pids, 90_000);
  } catch (e) {
    await stop(opts);
    throw e;
  }
  o.log(
    `Kafka ${o.version} (${o.nodes.length} node${o.nodes.length > 1 ? 's' : ''}, KRaft) is up at ` +
      `${bootstrapServers} after ${((Date.now() - started) / 1000).toFixed(1)} s; data and logs in ${o.clusterDir}`,
  );
  return { bootstrapServers, startedNow: true };
}

function writeLogging(version, nodeDir) {
  const major = Number(version.split('.')[0]);
  const file = major >= 4 ? 'log4j2.properties' : 'log4j.properties';
  writeFileSync(join(nodeDir, file), renderLoggingConfig(major));
}

/** Stops the cluster's processes by pid: SIGTERM, then SIGKILL after 30 s. */
export async function stop(opts = {}) {
  const o = resolveOptions(opts);
  if (!existsSync(o.clusterDir)) return 0;
  return stopDirs([o.clusterDir], o.log);
}

/** Stops every cluster under the launcher's folder. */
export async function stopAll(opts = {}) {
  const o = resolveOptions(opts);
  if (!existsSync(o.baseDir)) return 0;
  const dirs = readdirSync(o.baseDir)
    .filter((d) => d.startsWith('kafka-'))
    .map((d) => join(o.baseDir, d));
  return stopDirs(dirs, o.log);
}

async function stopDirs(clusterDirs, log) {
  const nodeDirs = clusterDirs.flatMap((c) =>
    readdirSync(c)
      .filter((d) => d.startsWith('node-'))
      .map((d) => join(c, d)),
  );
  const running = nodeDirs.map((d) => ({ d, pid: readPid(d) })).filter((x) => isAlive(x.pid));
  for (const { pid } of running) process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 30_000;
  while (running.some((r) => isAlive(r.pid)) && Date.now() < deadline) await sleep(100);
  for (const r of running) {
    if (isAlive(r.pid)) {
      log(`pid ${r.pid} did not stop within 30 s; sending SIGKILL`);
      process.kill(r.pid, 'SIGKILL');
    }
  }
  for (const d of nodeDirs) rmSync(join(d, 'kafka.pid'), { force: true });
  for (const r of running) log(`stopped Kafka (pid ${r.pid}, ${r.d})`);
  return running.length;
}

// ---------------------------------------------------------------------------------------------------------
// CLI

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new LauncherError(`${a} needs a value`);
      return v;
    };
    if (a === '--brokers') opts.brokers = next();
    else if (a === '--port') opts.port = next();
    else if (a === '--controller-port') opts.controllerPort = next();
    else if (a === '--version') opts.version = next();
    else if (a === '--dir') opts.dir = next();
    else if (a === '--all') opts.all = true;
    else throw new LauncherError(`unknown option ${a}`);
  }
  return opts;
}

async function main() {
  const [cmd, ...rest] = process.argv.slice(2);
  const opts = parseArgs(rest);
  switch (cmd) {
    case 'start': {
      const { bootstrapServers } = await start(opts);
      process.stdout.write(`KAFKA_BOOTSTRAP_SERVERS=${bootstrapServers}\n`);
      break;
    }
    case 'stop': {
      // No target given (or --all): stop every broker of this checkout; --port/--brokers/--dir: only that one.
      const targeted = opts.brokers !== undefined || opts.port !== undefined || opts.dir !== undefined;
      const n = opts.all || !targeted ? await stopAll(opts) : await stop(opts);
      if (n === 0) defaultLog('no running Kafka found');
      break;
    }
    case 'status': {
      const o = resolveOptions(opts);
      process.stdout.write(`${status(opts)} (${bootstrapServersOf(o)}, Kafka ${o.version})\n`);
      break;
    }
    default:
      throw new LauncherError('usage: launcher.mjs start|stop|status [--brokers 1|3] [--port N] [--version V]');
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    process.stderr.write(`[kafka] error: ${e instanceof LauncherError ? e.message : e.stack}\n`);
    process.exit(1);
  });
}
