// Sequence-numbered input and its read_committed output, for the system tests (kill -9, zombie, scaling).
// Input record i has key `k<i mod keys>` and value `<i>`; the pipeline app writes `<i>:<instance>`.
import type { Kafka } from 'kafkajs';
import { waitFor } from './findings.js';
import { awaitProbes, readMarkedOutput, writeProbes, type MarkedOutput } from './marked-output.js';

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

/**
 * Holds the feed back before record `at` until `open()` holds, so that the records from `at` on are written
 * only once the test's instances are ready (e.g. a joining instance owns partitions): the input that follows
 * then reaches them however slowly they started. If they are ready sooner, the feed never waits.
 */
export interface FeedGate {
  readonly at: number;
  readonly open: () => boolean;
  /** What opens it, for the timeout's message. */
  readonly what: string;
}

/**
 * Produces `total` sequence records in batches of `batch`, pausing `pauseMs` between batches, and waiting at
 * each gate until it opens (failing after 5 minutes).
 */
export function feedSequences(
  kafka: Kafka,
  topic: string,
  options: { total: number; batch: number; pauseMs: number; keys: number; gates?: readonly FeedGate[] },
): Promise<void> {
  const gates = [...(options.gates ?? [])].sort((a, b) => a.at - b.at);
  return (async () => {
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    try {
      for (let from = 0; from < options.total; ) {
        for (const gate of gates.filter((g) => g.at === from)) {
          await waitFor(gate.open, `${gate.what} (the feed holds back records ${gate.at} and later until then)`, 300_000);
        }
        const nextGate = gates.find((g) => g.at > from)?.at ?? options.total;
        const n = Math.min(options.batch, options.total - from, nextGate - from);
        await producer.send({
          topic,
          messages: Array.from({ length: n }, (_, j) => ({ key: `k${(from + j) % options.keys}`, value: String(from + j) })),
        });
        from += n;
        await new Promise((r) => setTimeout(r, options.pauseMs));
      }
    } finally {
      await producer.disconnect();
    }
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

/**
 * Writes a probe to every partition of the pipeline app's `input` (after the data written so far) and waits until
 * the reader has read the output of each, i.e. the app processed every partition up to the probe and that output
 * is committed. Returns the instance that processed each partition's probe. Fails after `timeoutMs`, naming
 * `what` and the partitions still without output.
 */
export async function probeEveryPartition(
  kafka: Kafka,
  input: string,
  partitions: number,
  reader: SequenceReader,
  what: string,
  timeoutMs: number,
): Promise<Map<number, string>> {
  const probes = await writeProbes(kafka, input, partitions, 'probe');
  const values = await awaitProbes(reader, probes, what, timeoutMs);
  return new Map([...values].map(([p, v]) => [p, v.split(':')[1]!]));
}

/** Polls `condition` every 100 ms until it holds or `timeoutMs` passes; does not fail (the caller asserts after). */
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
