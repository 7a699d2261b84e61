// The stateful test app's output (`<seq>:<count>:<sum>:<instance>` per input `<seq>`) and its closed-form check.
// Input record i has key `k<i mod keys>` and value i (see sequences.ts), so the n-th record of key k_j has
// seq j + (n-1)·keys, and after it the key's count is n and its sum n·j + keys·n(n-1)/2.
import type { Kafka } from 'kafkajs';
import { readMarkedOutput, type MarkedOutput } from './marked-output.js';

export interface TotalsOutput {
  readonly key: string;
  readonly seq: number;
  readonly count: number;
  readonly sum: number;
  readonly run: string;
  readonly partition: number;
  readonly offset: number;
}

export interface TotalsReader extends MarkedOutput<TotalsOutput> {
  distinct(): number;
}

export async function readTotals(kafka: Kafka, topic: string): Promise<TotalsReader> {
  const distinct = new Set<number>();
  const out = await readMarkedOutput(
    kafka,
    topic,
    (key, value, partition, offset): TotalsOutput => {
      const [seq, count, sum, run] = value.split(':');
      return { key, seq: Number(seq), count: Number(count), sum: Number(sum), run: run!, partition, offset };
    },
    (r) => distinct.add(r.seq),
  );
  return { ...out, distinct: () => distinct.size };
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

export interface AggregateReader extends MarkedOutput<AggregateOutput> {
  /** The largest count seen per key. */
  readonly latest: Map<string, number>;
}

export async function readAggregates(kafka: Kafka, topic: string): Promise<AggregateReader> {
  const latest = new Map<string, number>();
  const out = await readMarkedOutput(
    kafka,
    topic,
    (key, value, partition, offset): AggregateOutput => {
      const [count, sum, run] = value.split(':');
      return { key, count: Number(count), sum: Number(sum), run: run!, partition, offset };
    },
    (r) => latest.set(r.key, Math.max(latest.get(r.key) ?? 0, r.count)),
  );
  return { ...out, latest };
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
