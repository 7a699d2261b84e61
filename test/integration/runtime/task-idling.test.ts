// maxTaskIdleMs on the broker, while the app runs (not only when a task starts): an order that arrives before the
// older user record it should join waits for the users partition, and the join sees the user; once the users
// partition has been idle for that long, orders go through without waiting, so the task never stalls.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { KafkaStreams, Serdes, StreamsBuilder } from '@kstreams/core';
import { bootstrapServers, createTopics, kafkaClient, uniqueName } from '../../harness/kafka.js';
import { readTopic, waitForState } from '../../harness/streams-app.js';

const IDLE_MS = 3000;
const T = Date.now() - 60_000;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('maxTaskIdleMs on the broker', () => {
  it(`a running task waits up to ${IDLE_MS} ms for an empty input, then goes on without it`, { timeout: 120_000 }, async () => {
    const orders = uniqueName('idle-orders');
    const users = uniqueName('idle-users');
    const out = uniqueName('idle-out');
    await createTopics([orders, users, out]);
    const S = Serdes.string();
    const b = new StreamsBuilder();
    b.stream(orders, { keySerde: S, valueSerde: S })
      .leftJoin(b.table(users, { keySerde: S, valueSerde: S }), (order, user) => `${order}|${user}`)
      .to(out, { keySerde: S, valueSerde: S });
    const stateDir = mkdtempSync(join(tmpdir(), 'kstreams-idle-'));
    dirs.push(stateDir);
    const app = new KafkaStreams(b.build(), {
      applicationId: uniqueName('idle-app'),
      bootstrapServers: bootstrapServers(),
      commitIntervalMs: 100,
      maxTaskIdleMs: IDLE_MS,
      stateDir,
      logger: pino({ level: 'warn' }),
    });
    const kafka = kafkaClient();
    const producer = kafka.producer({ idempotent: true });
    try {
      const running = waitForState(app, 'RUNNING', 90_000);
      await app.start();
      await running;
      await producer.connect();
      const send = (topic: string, key: string, value: string, ts: number) => producer.send({ topic, messages: [{ key, value, timestamp: String(ts) }] });

      // The order comes first on the wire, the older user update 300 ms later: the order waits for it.
      const sentAt = Date.now();
      await send(orders, 'u1', 'o1', T + 10);
      await new Promise((r) => setTimeout(r, 300));
      await send(users, 'u1', 'alice', T + 5);
      expect((await readTopic(kafka, out, 1)).map((r) => r.value)).toEqual(['o1|alice']);
      // After alice, users is empty again and o1 waits a new idle time for it (as in Kafka Streams).
      expect(Date.now() - sentAt, 'o1 was held for the idle time').toBeGreaterThanOrEqual(IDLE_MS);

      // users stays empty and its idle time has run out: an order for a user nobody sends goes through.
      await send(orders, 'u9', 'o2', T + 20);
      expect((await readTopic(kafka, out, 2, 30_000)).map((r) => r.value)).toEqual(['o1|alice', 'o2|null']);
    } finally {
      await producer.disconnect();
      await app.close();
    }
  });
});
