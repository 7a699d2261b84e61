// Contract of ProducerPort (at_least_once output), on the real broker.
import { describe, expect, it } from 'vitest';
import { Headers } from '../../../packages/core/src/record/headers.js';
import { partitionKey } from '../../../packages/core/src/record/topic-partition.js';
import type { OutgoingRecord } from '../../../packages/core/src/record/outgoing-record.js';
import { contractClients } from './contract-clients.js';
import { newTopic, range, readCommitted, records, valueOf, waitForEndOffset, withAdmin } from './contract-helpers.js';

const encoder = new TextEncoder();

/**
 * The partition of each key among 3 by Kafka's default partitioner: toPositive(murmur2(key bytes)) % 3, computed
 * with Kafka 4.3.1's `org.apache.kafka.common.utils.Utils` (kafka-clients) in jshell.
 */
const JAVA_PARTITION_OF_3: Record<string, number> = { k0: 2, k1: 2, k2: 0, k3: 1, k4: 1, k5: 0, k6: 1, k7: 1, 'key-a': 0, 'key-b': 1 };

describe.each(contractClients())('ProducerPort contract: $name', ({ create }) => {
  it('send resolves once acknowledged: every record once, in order, at the offsets it reports', async () => {
    const client = create();
    const topic = await newTopic(client, 'producer-order', 2);
    const producer = client.producer({ idempotent: true });
    await producer.connect();
    const first = await producer.send([...records(topic, 0, range('a', 5)), ...records(topic, 1, range('b', 3))]);
    expect([...first].sort((x, y) => x.partition - y.partition)).toEqual([
      { topic, partition: 0, offset: 4 },
      { topic, partition: 1, offset: 2 },
    ]);
    const second = await producer.send(records(topic, 0, range('c', 2)));
    expect(second).toEqual([{ topic, partition: 0, offset: 6 }]);
    expect(await producer.send([])).toEqual([]);
    await producer.close();

    // Acknowledged means readable: the end offsets are there at once.
    await withAdmin(client, async (admin) => {
      await waitForEndOffset(admin, topic, 0, 7, 0);
      await waitForEndOffset(admin, topic, 1, 3, 0);
    });
    const p0 = await readCommitted(client, topic, 7, 0, 0);
    expect(p0.values(0)).toEqual([...range('a', 5), 'c0', 'c1']);
    expect(p0.offsets(0)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const p1 = await readCommitted(client, topic, 3, 0, 1);
    expect(p1.values(1)).toEqual(range('b', 3));
  });

  it('keys, null values, headers and timestamps arrive as sent; no partition means Java default partitioner (murmur2)', async () => {
    const client = create();
    const topic = await newTopic(client, 'producer-fields', 3);
    const producer = client.producer({ idempotent: false });
    await producer.connect();
    const keys = Object.keys(JAVA_PARTITION_OF_3);
    const byKey: OutgoingRecord[] = keys.map((k, i) => ({
      topic,
      partition: undefined,
      key: encoder.encode(k),
      value: i === 0 ? null : encoder.encode(`v-${k}`),
      headers: new Headers().add('h', `${k}-1`).add('h', `${k}-2`),
      timestamp: 1_700_000_000_000 + i,
    }));
    await producer.send(byKey);
    await producer.close();

    const ends = await withAdmin(client, (a) => a.endOffsets([0, 1, 2].map((partition) => ({ topic, partition }))));
    const seen = new Map<string, { partition: number; value: string; headers: string[]; timestamp: number }>();
    for (const partition of [0, 1, 2]) {
      const end = ends.get(`${topic}\u0000${partition}`)!;
      const read = await readCommitted(client, topic, end, 0, partition);
      for (const r of read.records) {
        seen.set(new TextDecoder().decode(r.key!), {
          partition: r.partition,
          value: valueOf(r),
          headers: [...r.headers].map((h) => `${h.key}=${new TextDecoder().decode(h.value!)}`),
          timestamp: r.timestamp,
        });
      }
    }
    expect(new Map([...seen].map(([k, v]) => [k, v.partition]))).toEqual(new Map(Object.entries(JAVA_PARTITION_OF_3)));
    keys.forEach((k, i) => {
      const got = seen.get(k)!;
      expect(got.value).toBe(i === 0 ? '<null>' : `v-${k}`);
      expect(got.headers).toEqual([`h=${k}-1`, `h=${k}-2`]);
      expect(got.timestamp).toBe(1_700_000_000_000 + i);
    });
  });

  // The record collector (runtime/thread/buffered-collector.ts) sends its batches one after another and relies on
  // their order per partition.
  it('ten sends in a row keep their order per partition: each record once, at contiguous offsets', async () => {
    const client = create();
    const topic = await newTopic(client, 'producer-sends');
    const producer = client.producer({ idempotent: true });
    await producer.connect();
    const all = range('v', 500);
    for (let b = 0; b < 10; b++) {
      const written = await producer.send(records(topic, 0, all.slice(b * 50, (b + 1) * 50)));
      expect(written).toEqual([{ topic, partition: 0, offset: (b + 1) * 50 - 1 }]);
    }
    await producer.close();
    const read = await readCommitted(client, topic, 500);
    expect(read.values(0)).toEqual(all);
    expect(read.offsets(0)).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });

  // A tombstone (null value) and an empty value (e.g. the empty string serialized) mean different things to a
  // KTable; keyless records (a stream without keys) must be written too.
  it('null keys, empty keys and values, and records without headers arrive as sent; a record with neither key nor partition is written', async () => {
    const client = create();
    const topic = await newTopic(client, 'producer-nulls', 3);
    const producer = client.producer({ idempotent: true });
    await producer.connect();
    const empty = new Uint8Array();
    const base = { topic, partition: 0, headers: new Headers(), timestamp: 1_700_000_000_000 };
    const sent: OutgoingRecord[] = [
      { ...base, key: null, value: encoder.encode('null-key') },
      { ...base, key: empty, value: empty },
      { ...base, key: encoder.encode('k'), value: null },
      { ...base, key: null, value: null },
      { ...base, key: encoder.encode('h'), value: encoder.encode('empty-header'), headers: new Headers().add('e', empty) },
    ];
    await producer.send(sent);
    const [free] = await producer.send([{ ...base, partition: undefined, key: null, value: encoder.encode('anywhere') }]);
    await producer.close();
    expect(free!.partition).toBeGreaterThanOrEqual(0);
    expect(free!.partition).toBeLessThan(3);

    const end = await withAdmin(client, (a) => a.endOffsets([0, 1, 2].map((partition) => ({ topic, partition }))));
    const p0 = await readCommitted(client, topic, end.get(partitionKey(topic, 0))!, 0, 0);
    const show = (b: Uint8Array | null) => (b === null ? null : [...b]);
    expect(p0.records.slice(0, 5).map((r) => ({ key: show(r.key), value: show(r.value), headers: [...r.headers].map((h) => [h.key, show(h.value)]) }))).toEqual(
      sent.map((r) => ({ key: show(r.key), value: show(r.value), headers: [...r.headers].map((h) => [h.key, show(h.value)]) })),
    );
    const freeRead = await readCommitted(client, topic, free!.offset + 1, free!.offset, free!.partition);
    expect(freeRead.records.map((r) => [show(r.key), valueOf(r)])).toEqual([[null, 'anywhere']]);
  });
});
