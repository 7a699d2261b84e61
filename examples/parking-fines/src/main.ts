// Runs the parking-fines example against a Kafka cluster, and prints the amounts owed as they change:
//   KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 npm start -w @kstreams/example-parking-fines
// It creates the topics parking-users, parking-fines and parking-amounts-owed (3 partitions each) if they are
// missing and then writes the small sample of src/sample.ts; PARKING_SAMPLE=1 writes it again on a later run
// (the fines then add up again), PARKING_SAMPLE=0 never writes it. Ctrl-C stops it.
import { KafkaStreams } from '@kstreams/core';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { pino } from 'pino';
import { euros, type AmountOwed } from './model.js';
import { sampleEvents } from './sample.js';
import { parkingFinesTopology, type ParkingTopics } from './topology.js';

const logger = pino({ name: 'parking-fines', level: process.env.KSTREAMS_LOG_LEVEL ?? 'warn' });
const bootstrapServers = process.env.KAFKA_BOOTSTRAP_SERVERS ?? 'localhost:9092';
const topics: ParkingTopics = { users: 'parking-users', fines: 'parking-fines', amountsOwed: 'parking-amounts-owed' };
const say = (line = ''): void => void process.stdout.write(`${line}\n`);

const applicationId = 'parking-fines-example';
const kafka = new Kafka({ clientId: applicationId, brokers: bootstrapServers.split(','), logLevel: logLevel.WARN });
const app = new KafkaStreams(parkingFinesTopology(topics), { applicationId, bootstrapServers, processingGuarantee: 'exactly_once', logger });

const admin = kafka.admin();
await admin.connect();
const existing = await admin.listTopics();
const missing = Object.values(topics).filter((t) => !existing.includes(t));
if (missing.includes(topics.users) || missing.includes(topics.fines)) {
  // New input topics: whatever the application kept from earlier ones (its committed offsets, changelogs and
  // local stores) would be wrong for them, so start from scratch, as Kafka's application reset tool would.
  const internal = existing.filter((t) => t.startsWith(`${applicationId}-`));
  if (internal.length > 0) await admin.deleteTopics({ topics: internal });
  await admin.deleteGroups([applicationId]).catch(() => {}); // none yet on a first run
  await app.cleanUp();
}
if (missing.length > 0) {
  // Users and fines must be co-partitioned (same partition count, both keyed by user id) for the join.
  await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions: 3 })), waitForLeaders: true });
  say(`created topics ${missing.join(', ')}`);
}
await admin.disconnect();

const writeSample = process.env.PARKING_SAMPLE === '1' || (process.env.PARKING_SAMPLE !== '0' && missing.includes(topics.fines));
if (writeSample) {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const events = sampleEvents();
  for (const e of events) {
    const value = e.value === null ? null : JSON.stringify(e.value);
    await producer.send({ topic: topics[e.topic], messages: [{ key: e.key, value, timestamp: String(e.at) }] });
  }
  await producer.disconnect();
  say(`wrote the sample: ${events.filter((e) => e.topic === 'users').length} user updates, ${events.filter((e) => e.topic === 'fines').length} fines`);
}

// The amounts owed, as a reader of the output topic sees them (read_committed); printed when they change.
const owed = new Map<string, AmountOwed>();
let printTimer: NodeJS.Timeout | undefined;
const printOwed = (): void => {
  printTimer = undefined;
  say(`amounts owed (${new Date().toISOString()}):`);
  if (owed.size === 0) say('  (nobody)');
  for (const [userId, o] of [...owed].sort(([a], [b]) => (a < b ? -1 : 1))) {
    say(`  ${userId.padEnd(4)} ${o.name.padEnd(16)} ${String(o.fines).padStart(2)} fine${o.fines === 1 ? ' ' : 's'} ${euros(o.owedCents).padStart(10)}`);
  }
};
const reader = kafka.consumer({ groupId: `parking-fines-reader-${Date.now().toString(36)}`, readUncommitted: false });
await reader.connect();
await reader.subscribe({ topic: topics.amountsOwed, fromBeginning: true });
await reader.run({
  eachMessage: async ({ message }) => {
    const userId = message.key?.toString();
    if (userId === undefined) return;
    if (message.value === null) owed.delete(userId);
    else owed.set(userId, JSON.parse(message.value.toString()) as AmountOwed);
    printTimer ??= setTimeout(printOwed, 500);
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
say('parking-fines is running (Ctrl-C stops it)');
