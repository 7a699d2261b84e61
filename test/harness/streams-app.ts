// Helpers for runtime integration tests: produce inputs, read outputs with read_committed, wait for states.
import { firstValueFrom, filter, timeout } from 'rxjs';
import type { KafkaStreams, StreamsState } from '@kstreams/core';
import type { Kafka } from 'kafkajs';
import { uniqueName } from './kafka.js';

export async function produce(
  kafka: Kafka,
  topic: string,
  records: ReadonlyArray<{ key: string | null; value: string | Buffer | null; partition?: number }>,
): Promise<void> {
  // Idempotent: a retried send (e.g. NOT_LEADER right after topic creation) must not duplicate input records,
  // which exact-output tests would count against the application.
  const producer = kafka.producer({ idempotent: true });
  await producer.connect();
  for (let i = 0; i < records.length; i += 1000) {
    await producer.send({ topic, messages: records.slice(i, i + 1000).map((r) => ({ ...r })) });
  }
  await producer.disconnect();
}

export interface ReadRecord {
  key: string | null;
  value: string | null;
  /** The value's bytes as written. */
  rawValue: Buffer | null;
  partition: number;
  offset: number;
  /** The record's timestamp (ms). */
  timestamp: number;
  headers: Record<string, string>;
}

/** Reads a topic from the beginning with read_committed until `count` records arrived (or fails after timeoutMs). */
export async function readTopic(kafka: Kafka, topic: string, count: number, timeoutMs = 60_000): Promise<ReadRecord[]> {
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), readUncommitted: false });
  const out: ReadRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${out.length}/${count} records from ${topic}`)), timeoutMs);
      if (count === 0) {
        clearTimeout(timer);
        resolve();
      }
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v);
          out.push({
            key: message.key?.toString() ?? null,
            value: message.value?.toString() ?? null,
            rawValue: message.value,
            partition,
            offset: Number(message.offset),
            timestamp: Number(message.timestamp),
            headers,
          });
          if (out.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return out;
}

export function waitForState(app: KafkaStreams, state: StreamsState, ms = 60_000): Promise<StreamsState> {
  return firstValueFrom(app.state$.pipe(filter((s) => s === state), timeout(ms)));
}
