// Reads a system test's output topic from the beginning with read_committed for the whole test: every record
// parsed, and the partitions whose end marker (key `__marker`) arrived.
import type { Kafka } from 'kafkajs';
import { uniqueName } from './kafka.js';

export interface MarkedOutput<T> {
  readonly seen: T[];
  /** Partitions whose end marker was read. */
  readonly markers: Set<number>;
  stop(): Promise<void>;
}

export type OutputParser<T> = (key: string, value: string, partition: number, offset: number) => T;

export async function readMarkedOutput<T>(kafka: Kafka, topic: string, parse: OutputParser<T>, onRecord?: (record: T) => void): Promise<MarkedOutput<T>> {
  const seen: T[] = [];
  const markers = new Set<number>();
  const reader = kafka.consumer({ groupId: uniqueName('output-reader'), readUncommitted: false });
  await reader.connect();
  await reader.subscribe({ topics: [topic], fromBeginning: true });
  await reader.run({
    eachMessage: async ({ partition, message }) => {
      const key = message.key!.toString();
      if (key === '__marker') {
        markers.add(partition);
        return;
      }
      const record = parse(key, message.value!.toString(), partition, Number(message.offset));
      seen.push(record);
      onRecord?.(record);
    },
  });
  return { seen, markers, stop: () => reader.disconnect() };
}
