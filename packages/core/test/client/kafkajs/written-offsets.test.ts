// writtenOffsets: the last offset a kafkajs sendBatch wrote per partition, from the RecordMetadata it returned
// (one entry per partition, with the base offset of the batch written there). Exact when every record of the
// topic named its partition; otherwise the base offset, a lower bound, never above the true last offset.
import type { RecordMetadata } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { writtenOffsets } from '../../../src/client/kafkajs/written-offsets.js';
import { Headers } from '../../../src/index.js';
import type { OutgoingRecord } from '../../../src/record/outgoing-record.js';

const rec = (topic: string, partition: number | undefined): OutgoingRecord => ({
  topic,
  partition,
  key: null,
  value: new Uint8Array([1]),
  headers: new Headers(),
  timestamp: 0,
});
const recs = (n: number, topic: string, partition: number | undefined) => Array.from({ length: n }, () => rec(topic, partition));
const meta = (topicName: string, partition: number, baseOffset: string | undefined): RecordMetadata => ({
  topicName,
  partition,
  errorCode: 0,
  ...(baseOffset === undefined ? {} : { baseOffset }),
});

describe('writtenOffsets', () => {
  it('is exact (base + records - 1) for each partition of a topic whose records all name their partition', () => {
    const records = [...recs(3, 'cl', 0), ...recs(2, 'cl', 1), ...recs(1, 'cl', 0)];
    const out = writtenOffsets(records, [meta('cl', 0, '10'), meta('cl', 1, '20')]);
    expect(out).toEqual([
      { topic: 'cl', partition: 0, offset: 13 },
      { topic: 'cl', partition: 1, offset: 21 },
    ]);
  });

  it('a single record is written at its base offset', () => {
    expect(writtenOffsets([rec('cl', 2)], [meta('cl', 2, '0')])).toEqual([{ topic: 'cl', partition: 2, offset: 0 }]);
  });

  it('is the base offset (a lower bound) for a topic whose records the partitioner placed', () => {
    const out = writtenOffsets(recs(5, 'out', undefined), [meta('out', 0, '7'), meta('out', 1, '100')]);
    expect(out).toEqual([
      { topic: 'out', partition: 0, offset: 7 },
      { topic: 'out', partition: 1, offset: 100 },
    ]);
  });

  it('is the base offset for every partition of a topic with one partitioner-placed record, even explicit ones', () => {
    // The implicit record may have landed in partition 0 too, so the explicit count is not the batch size there.
    const records = [...recs(3, 't', 0), rec('t', undefined)];
    expect(writtenOffsets(records, [meta('t', 0, '40'), meta('t', 1, '50')])).toEqual([
      { topic: 't', partition: 0, offset: 40 },
      { topic: 't', partition: 1, offset: 50 },
    ]);
  });

  it('decides per topic: an explicit topic stays exact next to an implicit one in the same batch', () => {
    const records = [...recs(4, 'out', undefined), ...recs(4, 'app-s-changelog', 1)];
    const out = writtenOffsets(records, [meta('out', 0, '3'), meta('app-s-changelog', 1, '8')]);
    expect(out).toEqual([
      { topic: 'out', partition: 0, offset: 3 },
      { topic: 'app-s-changelog', partition: 1, offset: 11 },
    ]);
  });

  it('falls back to each base offset when one partition has several metadata entries', () => {
    const out = writtenOffsets(recs(6, 'cl', 0), [meta('cl', 0, '10'), meta('cl', 0, '13')]);
    expect(out).toEqual([
      { topic: 'cl', partition: 0, offset: 10 },
      { topic: 'cl', partition: 0, offset: 13 },
    ]);
  });

  it('leaves out partitions whose metadata has no base offset', () => {
    const out = writtenOffsets([...recs(2, 'cl', 0), ...recs(2, 'cl', 1)], [meta('cl', 0, undefined), meta('cl', 1, '5')]);
    expect(out).toEqual([{ topic: 'cl', partition: 1, offset: 6 }]);
  });

  it('parses the base offset kafkajs gives as a string (also large ones)', () => {
    const out = writtenOffsets(recs(2, 'cl', 0), [meta('cl', 0, '123456789012')]);
    expect(out).toEqual([{ topic: 'cl', partition: 0, offset: 123456789013 }]);
    expect(typeof out[0]!.offset).toBe('number');
  });

  it('returns nothing for nothing written', () => {
    expect(writtenOffsets([], [])).toEqual([]);
  });

  it('is never above the true last offset, and at least the base offset, over random batches', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 200; round++) {
      const topics = ['a', 'b'];
      const explicit = new Map(topics.map((t) => [t, random() < 0.5]));
      const records: OutgoingRecord[] = [];
      const placed: Array<{ topic: string; partition: number }> = [];
      const n = 1 + Math.floor(random() * 20);
      for (let i = 0; i < n; i++) {
        const topic = topics[Math.floor(random() * topics.length)]!;
        const partition = Math.floor(random() * 3);
        const named = explicit.get(topic)! || random() < 0.5;
        records.push(rec(topic, named ? partition : undefined));
        placed.push({ topic, partition });
      }
      // The broker's log: each partition's batch starts at a random base offset.
      const batch = new Map<string, { base: number; count: number; topic: string; partition: number }>();
      for (const p of placed) {
        const k = `${p.topic}-${p.partition}`;
        const b = batch.get(k) ?? { base: Math.floor(random() * 1000), count: 0, ...p };
        b.count++;
        batch.set(k, b);
      }
      const metadata = [...batch.values()].map((b) => meta(b.topic, b.partition, String(b.base)));
      const out = writtenOffsets(records, metadata);
      expect(out).toHaveLength(metadata.length);
      for (const o of out) {
        const b = batch.get(`${o.topic}-${o.partition}`)!;
        expect(o.offset).toBeGreaterThanOrEqual(b.base);
        expect(o.offset).toBeLessThanOrEqual(b.base + b.count - 1);
        // Every record of the topic named its partition: exact.
        if (records.every((r) => r.topic !== o.topic || r.partition !== undefined)) expect(o.offset).toBe(b.base + b.count - 1);
      }
    }
  });
});
