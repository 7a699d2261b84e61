// The stateful test app's output (`<seq>:<count>:<sum>:<instance>` per input `<seq>`) and its closed-form check.
// Input record i has key `k<i mod keys>` and value i (see sequences.ts), so the n-th record of key k_j has
// seq j + (n-1)·keys, and after it the key's count is n and its sum n·j + keys·n(n-1)/2.
import type { Kafka } from 'kafkajs';
import { uniqueName } from './kafka.js';

export interface TotalsOutput {
  readonly key: string;
  readonly seq: number;
  readonly count: number;
  readonly sum: number;
  readonly run: string;
  readonly partition: number;
  readonly offset: number;
}

export interface TotalsReader {
  readonly seen: TotalsOutput[];
  readonly markers: Set<number>;
  distinct(): number;
  stop(): Promise<void>;
}

export async function readTotals(kafka: Kafka, topic: string): Promise<TotalsReader> {
  const seen: TotalsOutput[] = [];
  const markers = new Set<number>();
  const distinct = new Set<number>();
  const reader = kafka.consumer({ groupId: uniqueName('totals-reader'), readUncommitted: false });
  await reader.connect();
  await reader.subscribe({ topics: [topic], fromBeginning: true });
  await reader.run({
    eachMessage: async ({ partition, message }) => {
      const key = message.key!.toString();
      if (key === '__marker') {
        markers.add(partition);
        return;
      }
      const [seq, count, sum, run] = message.value!.toString().split(':');
      seen.push({ key, seq: Number(seq), count: Number(count), sum: Number(sum), run: run!, partition, offset: Number(message.offset) });
      distinct.add(Number(seq));
    },
  });
  return { seen, markers, distinct: () => distinct.size, stop: () => reader.disconnect() };
}

/** The count and sum a key must have right after the record `seq` (closed form). */
export function expectedTotals(seq: number, keys: number): { count: number; sum: number } {
  const j = seq % keys;
  const n = (seq - j) / keys + 1;
  return { count: n, sum: n * j + (keys * n * (n - 1)) / 2 };
}

/** Outputs whose count or sum differ from the closed form. */
export function wrongTotals(seen: readonly TotalsOutput[], keys: number): TotalsOutput[] {
  return seen.filter((s) => {
    const e = expectedTotals(s.seq, keys);
    return e.count !== s.count || e.sum !== s.sum;
  });
}
