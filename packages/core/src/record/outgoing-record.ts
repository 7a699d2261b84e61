// A record on its way to a topic: bytes, as a sink or a store's changelog hands it to a collector.
import type { Headers } from './headers.js';

export interface OutgoingRecord {
  readonly topic: string;
  /** Undefined: the producer's default partitioner (murmur2 of the key bytes, as Kafka's Java client). */
  readonly partition: number | undefined;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers: Headers;
  readonly timestamp: number;
}
