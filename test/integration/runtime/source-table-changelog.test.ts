// The `reuse.ktable.source.topics` optimization on a real broker: a source table's store gets no changelog
// topic, restores from its input topic up to the committed offset (the task itself processes what follows),
// and a later stream–table join sees both the restored rows and rows updated since.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KafkaStreams, Materialized, Serdes, StreamsBuilder, type RestoreProgress } from '@kstreams/core';
import { pino } from 'pino';
import { bootstrapServers, createTopics, kafkaClient, uniqueName } from '../../harness/kafka.js';
import { produce, readTopic, waitForState } from '../../harness/streams-app.js';

const S = Serdes.string();
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("topology optimization 'all' (source table topic as changelog)", () => {
  it('restores the table from its input topic up to the committed offset, without a changelog topic', async () => {
    const users = uniqueName('users');
    const orders = uniqueName('orders');
    const out = uniqueName('joined');
    await createTopics([
      { topic: users, numPartitions: 2 },
      { topic: orders, numPartitions: 2 },
      { topic: out, numPartitions: 2 },
    ]);
    const kafka = kafkaClient();
    const applicationId = uniqueName('src-changelog-app');
    const run = async () => {
      const b = new StreamsBuilder();
      const table = b.table(users, { keySerde: S, valueSerde: S, materialized: Materialized.as('users-store') });
      b.stream(orders, { keySerde: S, valueSerde: S })
        .join(table, (order, name) => `${order}:${name}`)
        .to(out, { keySerde: S, valueSerde: S });
      const stateDir = mkdtempSync(join(tmpdir(), 'kstreams-srccl-'));
      dirs.push(stateDir);
      const app = new KafkaStreams(b.build({ optimization: 'all' }), {
        applicationId,
        bootstrapServers: bootstrapServers(),
        processingGuarantee: 'exactly_once',
        stateDir,
        logger: pino({ level: 'warn' }),
      });
      const restores: RestoreProgress[] = [];
      app.restoreProgress$.subscribe((p) => p.done && restores.push(p));
      const running = waitForState(app, 'RUNNING', 90_000);
      await app.start();
      await running;
      return { app, restores };
    };

    await produce(kafka, users, Array.from({ length: 40 }, (_, i) => ({ key: `u${i}`, value: `name${i}` })));
    const first = await run();
    expect(first.restores.reduce((n, p) => n + p.restored, 0)).toBe(0);
    await produce(kafka, orders, Array.from({ length: 40 }, (_, i) => ({ key: `u${i}`, value: `o${i}` })));
    await readTopic(kafka, out, 40);
    await first.app.close();

    const admin = kafka.admin();
    await admin.connect();
    const topics = await admin.listTopics();
    await admin.disconnect();
    expect(topics.filter((t) => t.startsWith(applicationId))).toEqual([]);

    // Rename u1 while the app is down, then restart with an empty state directory: the 40 committed user rows
    // are restored from the users topic; the rename (after the committed offset) is processed as input.
    await produce(kafka, users, [{ key: 'u1', value: 'renamed' }]);
    const second = await run();
    const restored = second.restores.filter((p) => p.storeName === 'users-store');
    expect(restored.map((p) => p.topic).every((t) => t === users)).toBe(true);
    expect(restored.reduce((n, p) => n + p.restored, 0)).toBe(40);
    await produce(kafka, orders, [
      { key: 'u1', value: 'later' },
      { key: 'u7', value: 'later' },
    ]);
    const all = await readTopic(kafka, out, 42);
    await second.app.close();
    expect(all.map((r) => r.value!).filter((v) => v.startsWith('later:')).sort()).toEqual(['later:name7', 'later:renamed']);
  });
});
