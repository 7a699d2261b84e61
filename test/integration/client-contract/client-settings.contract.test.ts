// Contract of the client factory and its settings, on the real broker: a client made with the neutral settings
// (StreamsConfig connection / producer / consumer / admin) works, and compressed output reads back as sent.
import { describe, expect, it } from 'vitest';
import { contractClients } from './contract-clients.js';
import { newTopic, range, readCommitted, records, withAdmin } from './contract-helpers.js';

describe.each(contractClients())('client settings contract: $name', ({ createWith }) => {
  it('a gzip producer with small fetches round-trips every record in order', async () => {
    const client = createWith({
      connection: { connectionTimeoutMs: 2000, requestTimeoutMs: 20_000 },
      producer: { compression: 'gzip', ackTimeoutMs: 10_000 },
      consumer: { fetchMinBytes: 1, fetchMaxBytes: 64 * 1024, fetchMaxWaitMs: 50 },
      admin: { retries: 3 },
    });
    const topic = await newTopic(client, 'settings-gzip', 1);
    const producer = client.producer({ idempotent: true });
    await producer.connect();
    const values = range('compressible-value-compressible-value-', 500);
    await producer.send(records(topic, 0, values));
    await producer.close();
    const ends = await withAdmin(client, (a) => a.endOffsets([{ topic, partition: 0 }]));
    expect([...ends.values()]).toEqual([500]);
    const read = await readCommitted(client, topic, 500, 0, 0);
    expect(read.values(0)).toEqual(values);
  });

  it('a transactional gzip producer commits readable output', async () => {
    const client = createWith({ producer: { compression: 'gzip' } });
    const topic = await newTopic(client, 'settings-gzip-txn', 1);
    const producer = client.transactionalProducer({ transactionalId: `${topic}-txn`, transactionTimeoutMs: 30_000 });
    await producer.connect();
    await producer.initTransactions();
    await producer.beginTransaction();
    await producer.send(records(topic, 0, range('t', 50)));
    await producer.commitTransaction();
    await producer.close();
    const read = await readCommitted(client, topic, 51, 0, 0);
    expect(read.values(0)).toEqual(range('t', 50));
  });
});
