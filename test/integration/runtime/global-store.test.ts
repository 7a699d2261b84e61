// Global stores against the real broker: every instance reads all partitions of the global topic before its
// tasks start (the first order already sees the rates written before start), and keeps reading while running
// (a rate changed while the app runs reaches later orders).
import { describe, expect, it } from 'vitest';
import { KafkaStreams, Serdes, Stores, StreamsBuilder, type KeyValueStore, type ProcessorContext } from '@kstreams/core';
import { pino } from 'pino';
import { bootstrapServers, createTopics, kafkaClient, uniqueName } from '../../harness/kafka.js';
import { produce, readTopic, waitForState } from '../../harness/streams-app.js';

const S = Serdes.string();

describe('global store', () => {
  it.each(['exactly_once', 'at_least_once'] as const)('is complete before processing and follows updates while running (%s)', async (guarantee) => {
    const rates = uniqueName('rates');
    const orders = uniqueName('orders');
    const priced = uniqueName('priced');
    await createTopics([
      { topic: rates, numPartitions: 3 },
      { topic: orders, numPartitions: 2 },
      { topic: priced, numPartitions: 2 },
    ]);
    const kafka = kafkaClient();
    // 300 currencies spread over the 3 partitions, written before the app starts.
    await produce(kafka, rates, Array.from({ length: 300 }, (_, i) => ({ key: `c${i}`, value: String(i + 1) })));

    const b = new StreamsBuilder();
    b.addGlobalStore(
      Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('rates'), S, S).withLoggingDisabled(),
      rates,
      () => {
        let store: KeyValueStore<string, string>;
        return { init: (c) => (store = c.getStateStore('rates')), process: (r) => store.put(r.key, r.value) };
      },
      { keySerde: S, valueSerde: S },
    );
    b.stream(orders, { keySerde: S, valueSerde: S })
      .process<string, string>(() => {
        let ctx: ProcessorContext<string, string>;
        let store: KeyValueStore<string, string>;
        return {
          init(c) {
            ctx = c;
            store = c.getStateStore('rates');
          },
          process: (r) => ctx.forward(r.withValue(`${r.value}:${store.get(r.key) ?? 'none'}`)),
        };
      })
      .to(priced, { keySerde: S, valueSerde: S });
    const app = new KafkaStreams(b.build(), {
      applicationId: uniqueName('global-app'),
      bootstrapServers: bootstrapServers(),
      processingGuarantee: guarantee,
      commitIntervalMs: 100,
      logger: pino({ level: 'warn' }),
    });
    const restores: number[] = [];
    app.restoreProgress$.subscribe((p) => p.done && restores.push(p.restored));
    const running = waitForState(app, 'RUNNING', 90_000);
    await app.start();
    await running;
    expect(restores, 'the global store was read to the end before start resolved').toEqual([300]);

    await produce(kafka, orders, Array.from({ length: 300 }, (_, i) => ({ key: `c${i}`, value: `o${i}` })));
    const first = await readTopic(kafka, priced, 300);
    expect(first.every((r) => r.value === `o${r.key!.slice(1)}:${Number(r.key!.slice(1)) + 1}`)).toBe(true);

    // Change a rate while running; later orders see it (no synchronisation with tasks is promised, so poll).
    await produce(kafka, rates, [{ key: 'c7', value: '700' }]);
    let seen = 'none';
    for (let attempt = 0; attempt < 50 && !seen.endsWith(':700'); attempt++) {
      await produce(kafka, orders, [{ key: 'c7', value: `later${attempt}` }]);
      const all = await readTopic(kafka, priced, 301 + attempt);
      seen = all.filter((r) => r.value!.startsWith(`later${attempt}:`)).map((r) => r.value!)[0] ?? 'none';
    }
    await app.close();
    expect(seen).toMatch(/^later\d+:700$/);
  });
});

describe('GlobalKTable join', () => {
  it('joins against the whole table, including rows updated and deleted while running', async () => {
    const users = uniqueName('users');
    const clicks = uniqueName('clicks');
    const out = uniqueName('enriched');
    await createTopics([
      { topic: users, numPartitions: 2 },
      { topic: clicks, numPartitions: 3 },
      { topic: out, numPartitions: 3 },
    ]);
    const kafka = kafkaClient();
    await produce(kafka, users, Array.from({ length: 50 }, (_, i) => ({ key: `u${i}`, value: `name${i}` })));

    const b = new StreamsBuilder();
    const table = b.globalTable(users, { keySerde: S, valueSerde: S });
    // Clicks are keyed by page; the user id is in the value, so the key selector picks it.
    b.stream(clicks, { keySerde: S, valueSerde: S })
      .leftJoin(table, (_page, user) => user, (user, name) => `${user}=${name ?? 'unknown'}`)
      .to(out, { keySerde: S, valueSerde: S });
    const app = new KafkaStreams(b.build(), {
      applicationId: uniqueName('gkt-app'),
      bootstrapServers: bootstrapServers(),
      processingGuarantee: 'exactly_once',
      logger: pino({ level: 'warn' }),
    });
    const running = waitForState(app, 'RUNNING', 90_000);
    await app.start();
    await running;

    await produce(kafka, clicks, Array.from({ length: 50 }, (_, i) => ({ key: `page${i % 7}`, value: `u${i}` })));
    const first = await readTopic(kafka, out, 50);
    expect(new Set(first.map((r) => r.value))).toEqual(new Set(Array.from({ length: 50 }, (_, i) => `u${i}=name${i}`)));

    // Rename u3 and delete u4 (tombstone) while running; later clicks see both.
    await produce(kafka, users, [
      { key: 'u3', value: 'renamed' },
      { key: 'u4', value: null },
    ]);
    let latest: string[] = [];
    for (let attempt = 0; attempt < 50; attempt++) {
      await produce(kafka, clicks, [
        { key: 'p', value: 'u3' },
        { key: 'p', value: 'u4' },
      ]);
      const all = await readTopic(kafka, out, 52 + 2 * attempt);
      latest = all.slice(-2).map((r) => r.value!);
      if (latest.includes('u3=renamed') && latest.includes('u4=unknown')) break;
    }
    await app.close();
    expect(latest.sort()).toEqual(['u3=renamed', 'u4=unknown']);
  });
});
