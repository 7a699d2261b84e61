// Runs the ETL example against a Kafka cluster:
//   KAFKA_BOOTSTRAP_SERVERS=localhost:9092 npm start -w @kstreams/example-etl-json
// With ETL_SAMPLE=1 it first writes a few sample orders (good, test, negative, invalid, unparseable).
import { KafkaStreams, deadLetter } from '@kstreams/core';
import { Kafka, logLevel } from 'kafkajs';
import { pino } from 'pino';
import { etlTopology, type EtlTopics } from './etl-topology.js';
import { sampleOrders } from './sample-orders.js';

const logger = pino({ name: 'etl-json', level: process.env.KSTREAMS_LOG_LEVEL ?? 'info' });
const bootstrapServers = process.env.KAFKA_BOOTSTRAP_SERVERS ?? 'localhost:9092';
const topics: EtlTopics = { input: 'orders-raw', output: 'orders-clean', deadLetter: 'orders-dead-letter' };

const kafka = new Kafka({ clientId: 'etl-json-setup', brokers: bootstrapServers.split(','), logLevel: logLevel.WARN });
const admin = kafka.admin();
await admin.connect();
const existing = new Set(await admin.listTopics());
const missing = Object.values(topics).filter((t) => !existing.has(t));
if (missing.length > 0) {
  await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions: 3 })), waitForLeaders: true });
  logger.info({ topics: missing }, 'created topics');
}
await admin.disconnect();

if (process.env.ETL_SAMPLE === '1') {
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: topics.input, messages: sampleOrders().map((value) => ({ value })) });
  await producer.disconnect();
  logger.info({ count: sampleOrders().length }, 'wrote sample orders');
}

const app = new KafkaStreams(etlTopology(topics), {
  applicationId: 'etl-json-example',
  bootstrapServers,
  processingGuarantee: 'exactly_once',
  deserializationExceptionHandler: deadLetter(topics.deadLetter),
  logger,
});
app.onStateChange((state) => logger.info({ state }, 'state'));
app.closeOnSignals();
await app.start();
