// Writes deterministic benchmark input: record i of `count` is `make(i)`.
import type { Kafka } from 'kafkajs';
import { Partitioners } from 'kafkajs';

/** Record i; `timestamp` (ms, as a string) is the producer's when absent. */
export type MakeRecord = (i: number) => { key: string; value: string; timestamp?: string };

/**
 * Produces records 0..count-1 (the default partitioner is Java's murmur2, so a key lands on the partition Java
 * Kafka Streams would pick: tables and streams keyed alike are co-partitioned).
 */
export async function preload(
  kafka: Kafka,
  topic: string,
  count: number,
  make: MakeRecord,
  progress: (done: number) => void = () => {},
  /**
   * Sends at most this many batches at a time. Concurrent sends may land out of order (by a batch, 2,000 records);
   * windowed-count's input must keep its order (its disorder is bounded by the grace), so it sends one at a time.
   */
  inFlightBatches = 4,
): Promise<void> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    const batch = 2000;
    let inFlight: Promise<unknown>[] = [];
    let reported = 0;
    for (let i = 0; i < count; i += batch) {
      const n = Math.min(batch, count - i);
      inFlight.push(producer.send({ topic, acks: 1, messages: Array.from({ length: n }, (_, j) => make(i + j)) }));
      if (inFlight.length >= inFlightBatches) {
        await Promise.all(inFlight);
        inFlight = [];
        progress((reported = i + n));
      }
    }
    await Promise.all(inFlight);
    if (reported !== count) progress(count);
  } finally {
    await producer.disconnect();
  }
}
