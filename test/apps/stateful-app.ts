// A stateful kstreams app (totals-topology.ts) run as a child process by the stateful kill -9 test: every
// output has a closed-form expected value. Config through env:
//   BOOTSTRAP, APP_ID, INPUT, OUTPUT, GUARANTEE, COMMIT_MS, INSTANCE, SESSION_MS,
//   STATE_DIR, STORE (persistent | in-memory), MODE (papi: per-record outputs; dsl: groupBy + aggregate)
// It prints one JSON line per state change, and per finished restore, on stdout.
import { KafkaStreams, type ProcessingGuarantee } from '@kstreams/core';
import { pino } from 'pino';
import { totalsDslTopology, totalsTopology } from './totals-topology.js';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};

const instance = process.env.INSTANCE ?? String(process.pid);
const topology = (process.env.MODE === 'dsl' ? totalsDslTopology : totalsTopology)({
  input: env('INPUT'),
  output: env('OUTPUT'),
  store: process.env.STORE === 'in-memory' ? 'in-memory' : 'persistent',
  instance,
});

const app = new KafkaStreams(topology, {
  applicationId: env('APP_ID'),
  bootstrapServers: env('BOOTSTRAP'),
  processingGuarantee: env('GUARANTEE') as ProcessingGuarantee,
  commitIntervalMs: Number(process.env.COMMIT_MS ?? 100),
  sessionTimeoutMs: Number(process.env.SESSION_MS ?? 6000),
  heartbeatIntervalMs: 500,
  stateDir: env('STATE_DIR'),
  logger: pino({ level: process.env.KSTREAMS_LOG_LEVEL ?? 'warn', base: { instance } }, pino.destination(2)),
});
app.onStateChange((state) => process.stdout.write(`${JSON.stringify({ state, instance })}\n`));
app.restoreProgress$.subscribe((p) => {
  if (p.done) process.stdout.write(`${JSON.stringify({ restored: p.restored, taskId: p.taskId, store: p.storeName, instance })}\n`);
});
app.closeOnSignals();
await app.start();
