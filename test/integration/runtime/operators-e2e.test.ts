// Every DSL operator end to end through the real runtime and broker, and bad input under each handler policy.
import { describe, expect, it } from 'vitest';
import {
  DeadLetterHeaders,
  KafkaStreams,
  Serdes,
  StreamRecord,
  StreamsBuilder,
  deadLetter,
  type ProcessorContext,
  type StreamsConfig,
} from '@kstreams/core';
import { pino } from 'pino';
import { bootstrapServers, createTopics, kafkaClient, uniqueName } from '../../harness/kafka.js';
import { produce, readTopic, waitForState } from '../../harness/streams-app.js';

const S = Serdes.string();
const quiet = pino({ level: process.env.KSTREAMS_LOG_LEVEL ?? 'silent' });

async function run(builder: StreamsBuilder, config: Partial<StreamsConfig> = {}): Promise<KafkaStreams> {
  const app = new KafkaStreams(builder.build(), {
    applicationId: uniqueName('ops-app'),
    bootstrapServers: bootstrapServers(),
    processingGuarantee: 'exactly_once',
    logger: quiet,
    ...config,
  });
  const running = waitForState(app, 'RUNNING');
  await app.start();
  await running;
  return app;
}

describe('operators through the real runtime', () => {
  it('runs filter, map, flatMap, selectKey, peek, foreach, split, merge, repartition, process and dynamic to()', async () => {
    const t = (name: string) => uniqueName(`ops-${name}`);
    const topics = { in: t('in'), words: t('words'), evens: t('evens'), odds: t('odds'), merged: t('merged'), dynA: t('dyn-a'), dynB: t('dyn-b'), processed: t('processed') };
    await createTopics(Object.values(topics).map((topic) => ({ topic, numPartitions: 2 })));
    const kafka = kafkaClient();
    await produce(kafka, topics.in, [
      { key: 'a', value: 'one two' },
      { key: 'b', value: 'three' },
      { key: 'c', value: 'skip me' },
      { key: 'd', value: 'four five six' },
    ]);

    const peeked: string[] = [];
    const foreached: string[] = [];
    const b = new StreamsBuilder();
    const lines = b.stream(topics.in, { keySerde: S, valueSerde: S }).filterNot((_k, v) => v.startsWith('skip'));
    const words = lines
      .flatMapValues((v) => v.split(' '))
      .peek((_k, w) => peeked.push(w))
      .map<string, string>((k, w) => [w, `${k}:${w.length}`])
      .flatMap((w, v) => [[w, v] as const])
      .filter((w) => w.length > 0);
    words.to(topics.words, { keySerde: S, valueSerde: S });
    const byLength = words.mapValues((v) => Number(v.split(':')[1]));
    const branches = byLength.split({ name: 'len-' }).branch((_w, n) => n % 2 === 0, { name: 'even' }).defaultBranch({ name: 'odd' });
    branches['len-even']!.to(topics.evens, { keySerde: S, valueSerde: Serdes.int32() });
    branches['len-odd']!.to(topics.odds, { keySerde: S, valueSerde: Serdes.int32() });
    branches['len-even']!
      .merge(branches['len-odd']!)
      .selectKey<string>((w) => w[0]!)
      .repartition({ name: 'by-initial', keySerde: S, valueSerde: Serdes.int32() })
      .foreach((k, n) => foreached.push(`${k}${n}`));
    lines.to((key) => (key < 'c' ? topics.dynA : topics.dynB), { keySerde: S, valueSerde: S });
    lines
      .process<string, string>(() => {
        let ctx: ProcessorContext<string, string>;
        return {
          init: (c) => (ctx = c),
          process: (r) => ctx.forward(new StreamRecord(r.key, `${r.value}@${ctx.recordMetadata()!.offset}`, r.timestamp)),
        };
      })
      .processValues<string>(() => {
        let ctx: import('@kstreams/core').FixedKeyProcessorContext<string, string>;
        return { init: (c) => (ctx = c), process: (r) => ctx.forward(r.withValue(r.value.toUpperCase())) };
      })
      .to(topics.processed, { keySerde: S, valueSerde: S });

    const app = await run(b);
    const [w, evens, odds, dynA, dynB, processed] = await Promise.all([
      readTopic(kafka, topics.words, 6),
      readTopic(kafka, topics.evens, 2),
      readTopic(kafka, topics.odds, 4),
      readTopic(kafka, topics.dynA, 2),
      readTopic(kafka, topics.dynB, 1),
      readTopic(kafka, topics.processed, 3),
    ]);
    const deadline = Date.now() + 30_000;
    while (foreached.length < 6 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await app.close();

    expect(w.map((r) => `${r.key}=${r.value}`).sort()).toEqual(['five=d:4', 'four=d:4', 'one=a:3', 'six=d:3', 'three=b:5', 'two=a:3']);
    expect(evens.map((r) => r.key).sort()).toEqual(['five', 'four']);
    expect(odds.map((r) => r.key).sort()).toEqual(['one', 'six', 'three', 'two']);
    expect(dynA.map((r) => r.key).sort()).toEqual(['a', 'b']);
    expect(dynB.map((r) => r.key)).toEqual(['d']);
    expect(processed.map((r) => r.value!.replace(/@\d+$/, '')).sort()).toEqual(['FOUR FIVE SIX', 'ONE TWO', 'THREE']);
    expect(peeked.sort()).toEqual(['five', 'four', 'one', 'six', 'three', 'two']);
    expect(foreached.sort()).toEqual(['f4', 'f4', 'o3', 's3', 't3', 't5']);
  });
});

describe('bad input on the real runtime', () => {
  async function pipeline(handlerFor: (dlq: string) => StreamsConfig['deserializationExceptionHandler']) {
    const input = uniqueName('bad-in');
    const output = uniqueName('bad-out');
    const dlq = uniqueName('bad-dlq');
    await createTopics([input, output, dlq]);
    const kafka = kafkaClient();
    await produce(kafka, input, [
      { key: 'ok1', value: Buffer.from([0, 0, 0, 1]) },
      { key: 'bad', value: Buffer.from([0xde, 0xad, 0xbe]) },
      { key: 'ok2', value: Buffer.from([0, 0, 0, 2]) },
    ]);
    const b = new StreamsBuilder();
    b.stream(input, { keySerde: S, valueSerde: Serdes.int32() })
      .mapValues((n) => n * 10)
      .to(output, { keySerde: S, valueSerde: Serdes.int32() });
    const app = new KafkaStreams(b.build(), {
      applicationId: uniqueName('bad-app'),
      bootstrapServers: bootstrapServers(),
      processingGuarantee: 'exactly_once',
      deserializationExceptionHandler: handlerFor(dlq),
      logger: quiet,
    });
    return { app, kafka, input, output, dlq };
  }

  it('fail: the instance moves to ERROR naming topic, partition, offset and task, and its transaction is aborted', async () => {
    const { app, kafka, input, output } = await pipeline(() => 'fail');
    const error = waitForState(app, 'ERROR');
    await app.start();
    await error;
    expect(app.error?.message).toMatch(new RegExp(`could not deserialize.*task 0_0, topic ${input}, partition 0, offset 1`));
    await app.close();
    // ok1 was processed before the bad record, in the same open transaction: aborted, so never visible.
    await produce(kafka, output, [{ key: '__marker', value: 'end' }]);
    const visible = await readTopic(kafka, output, 1);
    expect(visible.map((r) => r.key)).toEqual(['__marker']);
  });

  it('logAndContinue: the good records go through', async () => {
    const { app, kafka, output } = await pipeline(() => 'logAndContinue');
    await app.start();
    const out = await readTopic(kafka, output, 2);
    await app.close();
    expect(out.map((r) => r.key)).toEqual(['ok1', 'ok2']);
  });

  it('deadLetter: the dead-letter record carries the original bytes and headers naming the error and source', async () => {
    const { app, kafka, input, output, dlq } = await pipeline((topic) => deadLetter(topic));
    await app.start();
    const [dead] = await readTopic(kafka, dlq, 1);
    const out = await readTopic(kafka, output, 2);
    await app.close();
    expect(out.map((r) => r.key)).toEqual(['ok1', 'ok2']);
    expect(dead!.key).toBe('bad');
    expect([...dead!.rawValue!]).toEqual([0xde, 0xad, 0xbe]);
    expect(dead!.headers[DeadLetterHeaders.topic]).toBe(input);
    expect(dead!.headers[DeadLetterHeaders.partition]).toBe('0');
    expect(dead!.headers[DeadLetterHeaders.offset]).toBe('1');
    expect(dead!.headers[DeadLetterHeaders.exception]).toBe('SerializationError');
    expect(dead!.headers[DeadLetterHeaders.message]).toMatch(/int32 serde expected 4 bytes/);
  });
});
