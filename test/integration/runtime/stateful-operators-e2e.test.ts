// Stateful DSL operators on a real broker: a stream–table join feeding a count, and the co-partitioning check
// that stops an application whose joined topics have different partition counts.
import { describe, expect, it } from 'vitest';
import { KafkaStreams, Materialized, Serdes, StreamsBuilder, TopologyError } from '@kstreams/core';
import { pino } from 'pino';
import { bootstrapServers, createTopics, kafkaClient, uniqueName } from '../../harness/kafka.js';
import { produce, readTopic, waitForState } from '../../harness/streams-app.js';

const S = Serdes.string();

describe('stateful operators end to end', () => {
  it('joins a stream with a table and counts the joined records per region', async () => {
    const users = uniqueName('users');
    const orders = uniqueName('orders');
    const counts = uniqueName('region-counts');
    await createTopics([
      { topic: users, numPartitions: 3 },
      { topic: orders, numPartitions: 3 },
      { topic: counts, numPartitions: 2 },
    ]);
    const kafka = kafkaClient();
    // 30 users in 3 regions.
    await produce(kafka, users, Array.from({ length: 30 }, (_, i) => ({ key: `u${i}`, value: `region${i % 3}` })));

    const b = new StreamsBuilder();
    const userRegions = b.table(users, { keySerde: S, valueSerde: S, materialized: Materialized.as('user-regions') });
    b.stream(orders, { keySerde: S, valueSerde: S })
      .join(userRegions, (_order, region) => region)
      .groupBy((_user, region) => region, { name: 'orders-by-region', keySerde: S, valueSerde: S })
      .count({ materialized: Materialized.as('orders-per-region') })
      .toStream()
      .to(counts, { keySerde: S, valueSerde: Serdes.nullable(Serdes.int64Number()) });
    const app = new KafkaStreams(b.build(), {
      applicationId: uniqueName('join-count-app'),
      bootstrapServers: bootstrapServers(),
      processingGuarantee: 'exactly_once',
      cacheMaxBytes: 0,
      logger: pino({ level: 'warn' }),
    });
    // Orders are already waiting when the app starts: 300 (10 per user, written after the users, so with later
    // timestamps) and 5 of an unknown user (dropped by the inner join). Each task must read its table partition
    // before joining, or early orders would miss their users.
    await produce(kafka, orders, [
      ...Array.from({ length: 300 }, (_, i) => ({ key: `u${i % 30}`, value: `o${i}` })),
      ...Array.from({ length: 5 }, (_, i) => ({ key: 'stranger', value: `x${i}` })),
    ]);
    const running = waitForState(app, 'RUNNING', 90_000);
    await app.start();
    await running;
    const updates = await readTopic(kafka, counts, 300);
    await app.close();
    const last = new Map<string, number>();
    for (const r of updates) last.set(r.key!, Number(r.rawValue!.readBigInt64BE()));
    expect(Object.fromEntries(last)).toEqual({ region0: 100, region1: 100, region2: 100 });
  });

  it('refuses to start when joined topics have different partition counts, naming them', async () => {
    const left = uniqueName('copart-left');
    const right = uniqueName('copart-right');
    await createTopics([
      { topic: left, numPartitions: 3 },
      { topic: right, numPartitions: 2 },
    ]);
    const b = new StreamsBuilder();
    const table = b.table(right, { keySerde: S, valueSerde: S });
    b.stream(left, { keySerde: S, valueSerde: S }).join(table, (a, c) => `${a}${c}`).to(uniqueName('never'), { keySerde: S, valueSerde: S });
    const app = new KafkaStreams(b.build(), {
      applicationId: uniqueName('copart-app'),
      bootstrapServers: bootstrapServers(),
      logger: pino({ level: 'silent' }),
    });
    const error = await app.start().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TopologyError);
    expect(String((error as Error).message)).toContain(`${left} has 3`);
    expect(String((error as Error).message)).toContain(`${right} has 2`);
    expect(app.state).toBe('ERROR');
  });
});
