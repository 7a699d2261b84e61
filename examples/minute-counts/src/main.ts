// Runs the minute-counts example against a Kafka cluster, and prints the counts per page and minute as they change:
//   KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 npm start -w @kstreams/example-minute-counts
// It creates the topics page-views and page-views-per-minute (3 partitions each) if they are missing and then
// writes the sample of src/sample.ts (in two phases: the second once the first one's counts are out);
// MINUTE_COUNTS_SAMPLE=1 writes it again on a later run (at the current time), MINUTE_COUNTS_SAMPLE=0 never
// writes it. Write your own views as JSON, e.g. with
//   kafka-console-producer.sh --bootstrap-server 127.0.0.1:9092 --topic page-views --property parse.key=true
//   u7<TAB>{"userId":"u7","page":"/home"}
// (their timestamp is the time they are sent). Ctrl-C stops it.
import { KafkaStreams } from '@kstreams/core';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { pino } from 'pino';
import { parseMinuteKey } from './model.js';
import { expectedCounts, samplePhases, type SampleView } from './sample.js';
import { minuteCountsTopology, type MinuteCountTopics } from './topology.js';

const logger = pino({ name: 'minute-counts', level: process.env.KSTREAMS_LOG_LEVEL ?? 'warn' });
const bootstrapServers = process.env.KAFKA_BOOTSTRAP_SERVERS ?? 'localhost:9092';
const topics: MinuteCountTopics = { pageViews: 'page-views', output: 'page-views-per-minute' };
const say = (line = ''): void => void process.stdout.write(`${line}\n`);
const hhmm = (t: number): string => new Date(t).toISOString().slice(11, 16);

const applicationId = 'minute-counts-example';
const kafka = new Kafka({ clientId: applicationId, brokers: bootstrapServers.split(','), logLevel: logLevel.WARN });
const app = new KafkaStreams(minuteCountsTopology(topics), { applicationId, bootstrapServers, processingGuarantee: 'exactly_once', logger });

const admin = kafka.admin();
await admin.connect();
const existing = await admin.listTopics();
const missing = Object.values(topics).filter((t) => !existing.includes(t));
if (missing.includes(topics.pageViews)) {
  // A new input topic: what the application kept from an earlier one (committed offsets, changelog, repartition
  // topic, local stores) would be wrong for it, so start from scratch, as Kafka's application reset tool would.
  const internal = existing.filter((t) => t.startsWith(`${applicationId}-`));
  if (internal.length > 0) await admin.deleteTopics({ topics: internal });
  await admin.deleteGroups([applicationId]).catch(() => {}); // none yet on a first run
  await app.cleanUp();
}
if (missing.length > 0) {
  await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions: 3 })), waitForLeaders: true });
  say(`created topics ${missing.join(', ')}`);
}
await admin.disconnect();

// The counts, as a reader of the output topic sees them (read_committed); printed when they change.
const counts = new Map<string, number>();
let printTimer: NodeJS.Timeout | undefined;
const printCounts = (): void => {
  printTimer = undefined;
  say(`page views per minute (${new Date().toISOString()}):`);
  const rows = [...counts].map(([key, n]) => ({ ...parseMinuteKey(key), n }));
  rows.sort((a, b) => a.windowStart - b.windowStart || (a.page < b.page ? -1 : a.page > b.page ? 1 : 0));
  for (const r of rows) say(`  ${hhmm(r.windowStart)}–${hhmm(r.windowStart + 60_000)}  ${r.page.padEnd(12)} ${String(r.n).padStart(4)}`);
};
const reader = kafka.consumer({ groupId: `minute-counts-reader-${Date.now().toString(36)}`, readUncommitted: false });
await reader.connect();
await reader.subscribe({ topic: topics.output, fromBeginning: true });
await reader.run({
  eachMessage: async ({ message }) => {
    if (message.key === null || message.value === null) return;
    counts.set(message.key.toString(), Number(message.value.toString()));
    printTimer ??= setTimeout(printCounts, 500);
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
say('minute-counts is running (Ctrl-C stops it)');

const writeSample =
  process.env.MINUTE_COUNTS_SAMPLE === '1' || (process.env.MINUTE_COUNTS_SAMPLE !== '0' && missing.includes(topics.pageViews));
if (writeSample) {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const write = async (views: readonly SampleView[]): Promise<void> => {
    for (const { at, view } of views) {
      await producer.send({ topic: topics.pageViews, messages: [{ key: view.userId, value: JSON.stringify(view), timestamp: String(at) }] });
    }
  };
  const [first, second] = samplePhases();
  await write(first!);
  say(`wrote the sample's first ${first!.length} page views; waiting for their counts...`);
  const expected = expectedCounts(first!);
  const deadline = Date.now() + 60_000;
  while (![...expected].every(([k, n]) => counts.get(k) === n) && Date.now() < deadline && !stopping) {
    await new Promise((r) => setTimeout(r, 200));
  }
  await write(second!);
  await producer.disconnect();
  const late = second!.filter((v) => v.late).map((v) => `${v.view.page} at ${new Date(v.at).toISOString().slice(11, 19)}`);
  say(`wrote ${second!.length} more, a minute and a half later; ${late.join(', ')} arrives after its minute closed and is dropped`);
}
