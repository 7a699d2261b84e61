// A windowed count with suppression, run as a child process by the suppression kill -9 test: one final count per
// key and 1 s window (`untilWindowCloses`, no grace), written as `<key>@<windowStart>` → `<count>:<instance>`.
// The final results come out of the changelogged suppression buffer, so a crash between buffering and emitting
// must neither lose a final result nor emit it twice. Config through env:
//   BOOTSTRAP, APP_ID, INPUT, OUTPUT, COMMIT_MS, INSTANCE, STATE_DIR
// It prints one JSON line per state change on stdout.
import { BufferConfig, KafkaStreams, Serdes, StreamsBuilder, Suppressed, TimeWindows } from '@kstreams/core';
import { pino } from 'pino';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};

export const WINDOW_MS = 1000;
const instance = process.env.INSTANCE ?? String(process.pid);

const builder = new StreamsBuilder();
builder
  .stream(env('INPUT'), { keySerde: Serdes.string(), valueSerde: Serdes.string() })
  .groupByKey()
  .windowedBy(TimeWindows.ofSizeWithNoGrace(WINDOW_MS))
  .count()
  .suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded()))
  .toStream()
  .selectKey((windowed) => `${windowed.key}@${windowed.window.start}`)
  .mapValues((count) => `${count}:${instance}`)
  .to(env('OUTPUT'), { keySerde: Serdes.string(), valueSerde: Serdes.string() });

const app = new KafkaStreams(builder.build(), {
  applicationId: env('APP_ID'),
  bootstrapServers: env('BOOTSTRAP'),
  processingGuarantee: 'exactly_once',
  commitIntervalMs: Number(process.env.COMMIT_MS ?? 100),
  sessionTimeoutMs: 6000,
  heartbeatIntervalMs: 500,
  stateDir: env('STATE_DIR'),
  logger: pino({ level: process.env.KSTREAMS_LOG_LEVEL ?? 'warn', base: { instance } }, pino.destination(2)),
});
app.onStateChange((state) => process.stdout.write(`${JSON.stringify({ state, instance })}\n`));
app.closeOnSignals();
await app.start();
