// Writes the deterministic benchmark input once per scenario run.
import type { Kafka } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import { inputRecord } from './scenarios.js';

export async function preload(kafka: Kafka, topic: string, records: number, size: number, progress: (done: number) => void): Promise<void> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const batch = 2000;
  let inFlight: Promise<unknown>[] = [];
  for (let i = 0; i < records; i += batch) {
    const n = Math.min(batch, records - i);
    inFlight.push(producer.send({ topic, acks: 1, messages: Array.from({ length: n }, (_, j) => inputRecord(i + j, size)) }));
    if (inFlight.length >= 4) {
      await Promise.all(inFlight);
      inFlight = [];
      progress(i + n);
    }
  }
  await Promise.all(inFlight);
  progress(records);
  await producer.disconnect();
}
