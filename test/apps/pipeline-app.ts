// A stateless kstreams app run as a child process by the kill -9, scaling and zombie tests.
// Input value `<seq>` becomes output value `<seq>:<instance>` under the same key. Config through env:
//   BOOTSTRAP, APP_ID, INPUT, OUTPUT, GUARANTEE, COMMIT_MS, INSTANCE, SESSION_MS
// It prints one JSON line per state change on stdout: {"state":"RUNNING","tasks":[...]}.
import { KafkaStreams, Serdes, StreamsBuilder, type ProcessingGuarantee } from '@kstreams/core';
import { pino } from 'pino';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};

const instance = process.env.INSTANCE ?? String(process.pid);
const b = new StreamsBuilder();
b.stream(env('INPUT'), { keySerde: Serdes.string(), valueSerde: Serdes.string() })
  .mapValues((v) => `${v}:${instance}`)
  .to(env('OUTPUT'), { keySerde: Serdes.string(), valueSerde: Serdes.string() });

const app = new KafkaStreams(b.build(), {
  applicationId: env('APP_ID'),
  bootstrapServers: env('BOOTSTRAP'),
  processingGuarantee: env('GUARANTEE') as ProcessingGuarantee,
  commitIntervalMs: Number(process.env.COMMIT_MS ?? 100),
  sessionTimeoutMs: Number(process.env.SESSION_MS ?? 6000),
  heartbeatIntervalMs: 500,
  logger: pino({ level: process.env.KSTREAMS_LOG_LEVEL ?? 'warn', base: { instance } }, pino.destination(2)),
});
app.onStateChange((state) => process.stdout.write(`${JSON.stringify({ state, instance })}\n`));
app.closeOnSignals();
await app.start();
