// Runs the sessionization example against a Kafka cluster, and prints each user session once it is final:
//   KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 npm start -w @kstreams/example-sessionization
// It creates the topics page-views and user-sessions (3 partitions each) if they are missing and, on its first
// run (when it created one of them), writes the sample of src/sample.ts; SESSIONIZATION_SAMPLE=1 writes it again on
// a later run (at the current time), SESSIONIZATION_SAMPLE=0 never writes it. Write your own views as JSON, e.g. with
//   kafka-console-producer.sh --bootstrap-server 127.0.0.1:9092 --topic page-views --property parse.key=true
//   u7<TAB>{"userId":"u7","page":"/home"}
// (their timestamp is the time they are sent). Ctrl-C stops it.
import { KafkaStreams } from '@kstreams/core';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { pino } from 'pino';
import { parseSessionKey } from './model.js';
import { expectedFinalSessions, sampleStart, sampleViews, type SampleView } from './sample.js';
import type { SessionSummary } from './session-summary.js';
import { GRACE_MS, INACTIVITY_GAP_MS, sessionizationTopology, type SessionizationTopics } from './topology.js';

const logger = pino({ name: 'sessionization', level: process.env.KSTREAMS_LOG_LEVEL ?? 'warn' });
const bootstrapServers = process.env.KAFKA_BOOTSTRAP_SERVERS ?? 'localhost:9092';
const topics: SessionizationTopics = { pageViews: 'page-views', output: 'user-sessions' };
const say = (line = ''): void => void process.stdout.write(`${line}\n`);
const hhmm = (t: number): string => new Date(t).toISOString().slice(11, 16);
const closeAfterMin = (INACTIVITY_GAP_MS + GRACE_MS) / 60_000;

const applicationId = 'sessionization-example';
const kafka = new Kafka({ clientId: applicationId, brokers: bootstrapServers.split(','), logLevel: logLevel.WARN });
const app = new KafkaStreams(sessionizationTopology(topics), { applicationId, bootstrapServers, processingGuarantee: 'exactly_once', logger });

const admin = kafka.admin();
await admin.connect();
const existing = await admin.listTopics();
const missing = Object.values(topics).filter((t) => !existing.includes(t));
if (missing.includes(topics.pageViews)) {
  // A new input topic: what the application kept from an earlier one (committed offsets, changelogs, local stores)
  // would be wrong for it, so start from scratch, as Kafka's application reset tool would.
  const internal = existing.filter((t) => t.startsWith(`${applicationId}-`));
  if (internal.length > 0) await admin.deleteTopics({ topics: internal });
  await admin.deleteGroups([applicationId]).catch(() => {}); // none yet on a first run
  await app.cleanUp();
}
if (missing.length > 0) {
  await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions: 3 })), waitForLeaders: true });
  say(`created topics ${missing.join(', ')}`);
}
const writeSample = process.env.SESSIONIZATION_SAMPLE === '1' || (process.env.SESSIONIZATION_SAMPLE !== '0' && missing.length > 0);
const t0 = sampleStart();
// page-views may already hold recent views (of an earlier sample, or minute-counts', which uses the same topic):
// the sample's views then join or extend sessions of those views (up to a gap before the sample), or are late.
const since = t0 - INACTIVITY_GAP_MS;
const newer = writeSample && !missing.includes(topics.pageViews) ? await viewsSince(since) : 0;
await admin.disconnect();

// The final sessions, as a reader of the output topic sees them (read_committed); printed as they arrive.
const seen = new Set<string>();
const reader = kafka.consumer({ groupId: `sessionization-reader-${Date.now().toString(36)}`, readUncommitted: false });
await reader.connect();
await reader.subscribe({ topic: topics.output, fromBeginning: true });
await reader.run({
  eachMessage: async ({ message }) => {
    if (message.key === null || message.value === null) return;
    const key = message.key.toString();
    const { userId } = parseSessionKey(key);
    const s = JSON.parse(message.value.toString()) as SessionSummary;
    seen.add(key);
    const minutes = Math.round((s.lastViewAt - s.firstViewAt) / 60_000);
    say(
      `final session  ${userId.padEnd(6)} ${hhmm(s.firstViewAt)}–${hhmm(s.lastViewAt)} UTC (${String(minutes).padStart(2)} min) ` +
        `${String(s.views).padStart(3)} views  ${s.pages.map((p) => p.page).join(' → ')}`,
    );
  },
});

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  say('closing...');
  await reader.disconnect().catch(() => {});
  await app.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
await app.start();
say(`sessionization is running (Ctrl-C stops it); a session is final ${closeAfterMin} minutes after its last view`);

if (writeSample) {
  const views = sampleViews(t0);
  if (newer > 0) {
    say(`note: ${topics.pageViews} already holds ${newer} views from ${hhmm(since)} UTC on (an earlier sample, or minute-counts'):`);
    say("      the sample's views meet those users' sessions, merge with them or are late, and the output differs from the README");
  }
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  for (const { at, view } of views) {
    await producer.send({ topic: topics.pageViews, messages: [{ key: view.userId, value: JSON.stringify(view), timestamp: String(at) }] });
  }
  await producer.disconnect();
  const users = new Set(views.map((v) => v.view.userId));
  const last = Math.max(...views.map((v) => v.at));
  say(`wrote the sample: ${views.length} page views of ${users.size} users, ${hhmm(views[0]!.at)} to ${hhmm(last)} UTC`);
  const what = (v: SampleView): string => `  ${v.view.userId} ${v.view.page} at ${hhmm(v.at)} arrives`;
  for (const v of views.filter((v) => v.merges)) say(`${what(v)} out of order and merges two of its sessions`);
  for (const v of views.filter((v) => v.late)) say(`${what(v)} after its session closed: dropped`);

  const expected = [...expectedFinalSessions(views).keys()];
  say(`waiting for the sample's ${expected.length} final sessions...`);
  const deadline = Date.now() + 60_000;
  while (!expected.every((k) => seen.has(k)) && Date.now() < deadline && !stopping) await new Promise((r) => setTimeout(r, 200));
  const out = expected.filter((k) => seen.has(k)).length;
  if (!stopping && out === expected.length) {
    const lastView = (u: string): number => Math.max(...views.filter((v) => v.view.userId === u && !v.late).map((v) => v.at));
    const lastViews = [...users].map((u) => `${u} (last view ${hhmm(lastView(u))})`);
    say(`all ${expected.length} are out. Still open, with no final result yet: ${lastViews.join(', ')}; each becomes final`);
    say(`once a view ${closeAfterMin} minutes after its end arrives on its partition (stream time only moves with the views)`);
  } else if (!stopping) {
    say(`only ${out} of the ${expected.length} final sessions came within 60 s`);
  }
}

/** How many records of the input topic have a timestamp at or after `t` (0 when none). */
async function viewsSince(t: number): Promise<number> {
  const [from, high] = await Promise.all([admin.fetchTopicOffsetsByTimestamp(topics.pageViews, t), admin.fetchTopicOffsets(topics.pageViews)]);
  let n = 0;
  for (const { partition, offset } of from) n += Number(high.find((h) => h.partition === partition)!.high) - Number(offset);
  return n;
}
