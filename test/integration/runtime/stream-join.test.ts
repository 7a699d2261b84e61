// A stream–stream left join on the real broker under exactly_once: matched pairs join, an unmatched record comes
// out joined with null only after its window closed (never as a spurious early result), and the join's three
// stores (both sides' windows and the shared outer-join store) are changelogged.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { JoinWindows, KafkaStreams, Serdes, StreamsBuilder } from '@kstreams/core';
import { bootstrapServers, createTopics, kafkaClient, uniqueName } from '../../harness/kafka.js';
import { readTopic, waitForState } from '../../harness/streams-app.js';

const MINUTE = 60_000;
// Recent timestamps: the join's changelogs are deleted by record time after retention + 1 day.
const T = Date.now() - (Date.now() % MINUTE) - 10 * MINUTE;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('stream–stream left join on the broker', () => {
  it('joins pairs, emits the unmatched record only after its window closed, and logs its three stores', async () => {
    const clicks = uniqueName('clicks');
    const views = uniqueName('views');
    const out = uniqueName('joined');
    const appId = uniqueName('join-app');
    await createTopics([clicks, views, out]);
    const S = Serdes.string();
    const b = new StreamsBuilder();
    b.stream(clicks, { keySerde: S, valueSerde: S })
      .leftJoin(b.stream(views, { keySerde: S, valueSerde: S }), (c, v) => `${c}+${v}`, JoinWindows.ofTimeDifferenceWithNoGrace(MINUTE))
      .to(out, { keySerde: S, valueSerde: S });
    const stateDir = mkdtempSync(join(tmpdir(), 'kstreams-join-'));
    dirs.push(stateDir);
    const app = new KafkaStreams(b.build(), {
      applicationId: appId,
      bootstrapServers: bootstrapServers(),
      processingGuarantee: 'exactly_once',
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
      const send = (topic: string, key: string, value: string, ts: number) =>
        producer.send({ topic, messages: [{ key, value, timestamp: String(ts) }] });
      await send(clicks, 'k1', 'c1', T);
      await send(clicks, 'k2', 'c2', T);
      await send(views, 'k1', 'v1', T + 10_000);
      // The pair is joined before stream time moves on: the task takes each partition's records in timestamp
      // order only among what it has fetched (it does not wait for an input that has nothing buffered).
      expect((await readTopic(kafka, out, 1)).map((r) => r.value)).toEqual(['c1+v1']);
      // Stream time moves 5 minutes on: the windows of c1 and c2 close; c3's stays open.
      await send(clicks, 'k3', 'c3', T + 5 * MINUTE);
      // Closed windows are looked for at most once a wall-clock second (Kafka Streams' emit interval), when a
      // record at stream time arrives: right-side ticks at stream time trigger the look (a left join never emits
      // an unmatched right record) until c2's result is there.
      let closed: string[] = [];
      for (let tick = 0; tick < 40 && !closed.includes('c2+null'); tick++) {
        await send(views, 'tick', 't', T + 5 * MINUTE);
        closed = await readTopic(kafka, out, 2, 1500).then((rs) => rs.map((r) => r.value!), () => []);
      }
      expect(closed).toEqual(['c1+v1', 'c2+null']);
      // c3's partner ends the test: anything spurious (c2+null early, c3+null) would come before it.
      await send(views, 'k3', 'v3', T + 5 * MINUTE + 1000);
      const seen = await readTopic(kafka, out, 3);
      expect(seen.map((r) => `${r.key}:${r.value}@${r.timestamp - T}`)).toEqual(['k1:c1+v1@10000', 'k2:c2+null@0', `k3:c3+v3@${5 * MINUTE + 1000}`]);
      const admin = kafka.admin();
      await admin.connect();
      const changelogs = (await admin.listTopics()).filter((t) => t.startsWith(`${appId}-`) && t.endsWith('-changelog')).sort();
      await admin.disconnect();
      expect(changelogs.map((t) => t.slice(appId.length + 1).replace(/\d{10}/, 'N'))).toEqual([
        'KSTREAM-JOINTHIS-N-store-changelog',
        'KSTREAM-OUTEROTHER-N-store-changelog',
        'KSTREAM-OUTERSHARED-N-store-changelog',
      ]);
    } finally {
      await producer.disconnect();
      await app.close();
    }
  }, 120_000);
});
