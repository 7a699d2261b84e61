// Sequence-numbered input and its read_committed output, for the system tests (kill -9, zombie, scaling).
// Input record i has key `k<i mod keys>` and value `<i>`; the pipeline app writes `<i>:<instance>`.
import type { Kafka } from 'kafkajs';
import { readMarkedOutput, type MarkedOutput } from './marked-output.js';

export interface SeenOutput {
  readonly key: string;
  readonly seq: number;
  /** The app instance that wrote it. */
  readonly run: string;
  readonly partition: number;
  readonly offset: number;
}

export interface SequenceReader extends MarkedOutput<SeenOutput> {
  /** Distinct sequence numbers seen. */
  distinct(): number;
}

/** Reads `topic` from the beginning with read_committed for the whole test. */
export async function readSequences(kafka: Kafka, topic: string): Promise<SequenceReader> {
  const distinctSeqs = new Set<number>();
  const out = await readMarkedOutput(
    kafka,
    topic,
    (key, value, partition, offset): SeenOutput => {
      const [seq, run] = value.split(':');
      return { key, seq: Number(seq), run: run!, partition, offset };
    },
    (r) => distinctSeqs.add(r.seq),
  );
  return { ...out, distinct: () => distinctSeqs.size };
}

/** Produces `total` sequence records in batches of `batch`, pausing `pauseMs` between batches. */
export function feedSequences(
  kafka: Kafka,
  topic: string,
  options: { total: number; batch: number; pauseMs: number; keys: number },
): Promise<void> {
  return (async () => {
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    for (let from = 0; from < options.total; from += options.batch) {
      const n = Math.min(options.batch, options.total - from);
      await producer.send({
        topic,
        messages: Array.from({ length: n }, (_, j) => ({ key: `k${(from + j) % options.keys}`, value: String(from + j) })),
      });
      await new Promise((r) => setTimeout(r, options.pauseMs));
    }
    await producer.disconnect();
  })();
}

/**
 * Writes an end marker to every partition and waits until the reader has read them all. Under read_committed a
 * marker becomes readable only when no transaction before it is still open.
 */
export async function endWithMarkers(kafka: Kafka, topic: string, partitions: number, reader: { readonly markers: Set<number> }): Promise<void> {
  const producer = kafka.producer({ idempotent: true });
  await producer.connect();
  await producer.send({ topic, messages: Array.from({ length: partitions }, (_, p) => ({ key: '__marker', value: 'end', partition: p })) });
  await producer.disconnect();
  await until(() => reader.markers.size >= partitions, 60_000);
}

/** Polls `condition` every 100 ms until it holds or `timeoutMs` passes. */
export async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

/** Sequence numbers 0..total-1 missing from `seen`, and those seen more than once. */
export function tally(seen: readonly SeenOutput[], total: number): { missing: number[]; duplicated: number[] } {
  const counts = new Map<number, number>();
  for (const s of seen) counts.set(s.seq, (counts.get(s.seq) ?? 0) + 1);
  const missing: number[] = [];
  for (let i = 0; i < total; i++) if (!counts.has(i)) missing.push(i);
  return { missing, duplicated: [...counts].filter(([, c]) => c > 1).map(([s]) => s) };
}
