// Writes deterministic benchmark input: record i of `count` is `make(i)`.
import type { Kafka } from 'kafkajs';
import { Partitioners } from 'kafkajs';

export type MakeRecord = (i: number) => { key: string; value: string };

/**
 * Produces records 0..count-1 (the default partitioner is Java's murmur2, so a key lands on the partition Java
 * Kafka Streams would pick: tables and streams keyed alike are co-partitioned).
 */
export async function preload(kafka: Kafka, topic: string, count: number, make: MakeRecord, progress: (done: number) => void = () => {}): Promise<void> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    const batch = 2000;
    let inFlight: Promise<unknown>[] = [];
    for (let i = 0; i < count; i += batch) {
      const n = Math.min(batch, count - i);
      inFlight.push(producer.send({ topic, acks: 1, messages: Array.from({ length: n }, (_, j) => make(i + j)) }));
      if (inFlight.length >= 4) {
        await Promise.all(inFlight);
        inFlight = [];
        progress(i + n);
      }
    }
    await Promise.all(inFlight);
    progress(count);
  } finally {
    await producer.disconnect();
  }
}
