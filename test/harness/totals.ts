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

/** An aggregate update of the DSL variant: `<count>:<sum>:<instance>`. */
export interface AggregateOutput {
  readonly key: string;
  readonly count: number;
  readonly sum: number;
  readonly run: string;
  readonly partition: number;
  readonly offset: number;
}

export interface AggregateReader {
  readonly seen: AggregateOutput[];
  readonly markers: Set<number>;
  /** The largest count seen per key. */
  readonly latest: Map<string, number>;
  stop(): Promise<void>;
}

export async function readAggregates(kafka: Kafka, topic: string): Promise<AggregateReader> {
  const seen: AggregateOutput[] = [];
  const markers = new Set<number>();
  const latest = new Map<string, number>();
  const reader = kafka.consumer({ groupId: uniqueName('aggregates-reader'), readUncommitted: false });
  await reader.connect();
  await reader.subscribe({ topics: [topic], fromBeginning: true });
  await reader.run({
    eachMessage: async ({ partition, message }) => {
      const key = message.key!.toString();
      if (key === '__marker') {
        markers.add(partition);
        return;
      }
      const [count, sum, run] = message.value!.toString().split(':');
      seen.push({ key, count: Number(count), sum: Number(sum), run: run!, partition, offset: Number(message.offset) });
      latest.set(key, Math.max(latest.get(key) ?? 0, Number(count)));
    },
  });
  return { seen, markers, latest, stop: () => reader.disconnect() };
}

/**
 * Aggregate updates that break the closed form: the sum must be what `count` records of the key add up to,
 * and per key the counts must strictly increase (a repeat or a step back means an update was applied twice
 * or lost and redone).
 */
export function wrongAggregates(seen: readonly AggregateOutput[], keys: number): AggregateOutput[] {
  const last = new Map<string, number>();
  return seen.filter((s) => {
    const j = Number(s.key.slice(1));
    const sumOk = s.sum === s.count * j + (keys * s.count * (s.count - 1)) / 2;
    const prev = last.get(s.key) ?? 0;
    last.set(s.key, s.count);
    return !sumOk || s.count <= prev;
  });
}
