// Reads a system test's output topic from the beginning with read_committed for the whole test: every record
// parsed, the partitions whose end marker (key `__marker`) arrived, and the output of probe records.
//
// A probe is a record a test writes to every input partition (after the data there) to learn when the app has
// processed that partition up to it: the app copies its key, so its output lands in the same partition after the
// output of every input record before it, and once the reader has it, it has read all of those too. Its output
// value names the instance that processed it (a stateless app writes `<value>:<instance>`). Probes are kept apart
// from `seen`, so they count as neither input nor output of the test.
import { Partitioners, type Kafka, type PartitionMetadata } from 'kafkajs';
import { uniqueName } from './kafka.js';
import { waitFor } from './findings.js';

const PROBE_PREFIX = '__probe';

export interface MarkedOutput<T> {
  readonly seen: T[];
  /** Partitions whose end marker was read. */
  readonly markers: Set<number>;
  /** The output values read for each probe key (more than one: the probe was processed more than once). */
  readonly probes: Map<string, string[]>;
  stop(): Promise<void>;
}

export type OutputParser<T> = (key: string, value: string, partition: number, offset: number) => T;

export async function readMarkedOutput<T>(kafka: Kafka, topic: string, parse: OutputParser<T>, onRecord?: (record: T) => void): Promise<MarkedOutput<T>> {
  const seen: T[] = [];
  const markers = new Set<number>();
  const probes = new Map<string, string[]>();
  // maxWaitTimeInMs: stop() (disconnect) waits for the fetch long-poll in flight, 5 s by default.
  const reader = kafka.consumer({ groupId: uniqueName('output-reader'), readUncommitted: false, maxWaitTimeInMs: 500 });
  await reader.connect();
  await reader.subscribe({ topics: [topic], fromBeginning: true });
  await reader.run({
    eachMessage: async ({ partition, message }) => {
      const key = message.key!.toString();
      if (key === '__marker') {
        markers.add(partition);
        return;
      }
      if (key.startsWith(PROBE_PREFIX)) {
        probes.set(key, [...(probes.get(key) ?? []), message.value!.toString()]);
        return;
      }
      const record = parse(key, message.value!.toString(), partition, Number(message.offset));
      seen.push(record);
      onRecord?.(record);
    },
  });
  return { seen, markers, probes, stop: () => reader.disconnect() };
}

/** Probe keys sent to each partition, by partition. */
export type Probes = ReadonlyMap<number, string>;

/**
 * Writes one probe to each of the topic's `partitions` partitions, with a key that the default partitioner
 * (murmur2, as the app's producer) maps to that same partition, so its output lands there too.
 */
export async function writeProbes(kafka: Kafka, topic: string, partitions: number, tag: string): Promise<Probes> {
  const partitioner = Partitioners.DefaultPartitioner();
  const metadata: PartitionMetadata[] = Array.from({ length: partitions }, (_, p) => ({ partitionErrorCode: 0, partitionId: p, leader: 0, replicas: [0], isr: [0] }));
  const id = uniqueName(tag);
  const probes = new Map<number, string>();
  for (let n = 0; probes.size < partitions; n++) {
    const key = `${PROBE_PREFIX}-${id}-${n}`;
    const p = partitioner({ topic, partitionMetadata: metadata, message: { key, value: null } });
    if (!probes.has(p)) probes.set(p, key);
  }
  const producer = kafka.producer({ idempotent: true });
  await producer.connect();
  try {
    await producer.send({ topic, messages: [...probes].map(([partition, key]) => ({ key, value: tag, partition })) });
  } finally {
    await producer.disconnect();
  }
  return probes;
}

/**
 * Waits until the reader has read the output of every probe (so every record written to the input before
 * them was processed, and its output read). Fails after `timeoutMs`, naming `what` and the partitions whose
 * probe had no output yet. Returns the output value of each partition's probe (its first, if several).
 */
export async function awaitProbes(reader: Pick<MarkedOutput<unknown>, 'probes'>, probes: Probes, what: string, timeoutMs: number): Promise<Map<number, string>> {
  const pending = () => [...probes].filter(([, key]) => !reader.probes.has(key)).map(([p]) => p);
  await waitFor(() => pending().length === 0, what, timeoutMs, () => {
    const done = [...probes].filter(([, key]) => reader.probes.has(key)).map(([p, key]) => `p${p}=${reader.probes.get(key)!.join('|')}`);
    return `no probe output yet from partitions ${pending().join(', ')}; processed: ${done.join(', ') || 'none'}`;
  });
  return new Map([...probes].map(([p, key]) => [p, reader.probes.get(key)![0]!]));
}
