// The ETL example on the real runtime and broker.
import { describe, expect, it } from 'vitest';
import { KafkaStreams, deadLetter } from '@kstreams/core';
import { pino } from 'pino';
import { bootstrapServers, createTopics, kafkaClient, uniqueName } from '../../../test/harness/kafka.js';
import { produce, readTopic, waitForState } from '../../../test/harness/streams-app.js';
import { etlTopology } from '../src/etl-topology.js';
import { sampleOrders } from '../src/sample-orders.js';

describe('etl-json on a broker', () => {
  it('writes the cleaned orders and dead-letters the bad ones', async () => {
    const topics = { input: uniqueName('etl-in'), output: uniqueName('etl-out'), deadLetter: uniqueName('etl-dlq') };
    await createTopics(Object.values(topics).map((topic) => ({ topic, numPartitions: 3 })));
    const kafka = kafkaClient();
    await produce(kafka, topics.input, sampleOrders().map((value) => ({ key: null, value })));
    const app = new KafkaStreams(etlTopology(topics), {
      applicationId: uniqueName('etl-app'),
      bootstrapServers: bootstrapServers(),
      processingGuarantee: 'exactly_once',
      deserializationExceptionHandler: deadLetter(topics.deadLetter),
      logger: pino({ level: 'silent' }),
    });
    const running = waitForState(app, 'RUNNING');
    await app.start();
    await running;
    const [out, dead] = await Promise.all([readTopic(kafka, topics.output, 3), readTopic(kafka, topics.deadLetter, 2)]);
    await app.close();
    expect(out.map((r) => `${r.key} ${JSON.parse(r.value!).orderId}`).sort()).toEqual([
      'alice@example.com o-1',
      'alice@example.com o-7',
      'bob@example.com o-2',
    ]);
    // Same customer, same partition (keyed by customer).
    const alice = out.filter((r) => r.key === 'alice@example.com');
    expect(new Set(alice.map((r) => r.partition)).size).toBe(1);
    expect(dead.map((r) => r.headers['etl.error'] ?? r.headers['__streams.errors.exception']).sort()).toEqual([
      'SerializationError',
      'missing or invalid customerEmail',
    ]);
  });
});
