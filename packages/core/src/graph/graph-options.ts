// Function types the graph carries from the DSL to the topology.
import type { RecordMetadata } from '../processor/processor-context.js';

/** Picks a record's timestamp (ms). `partitionTime` is the largest timestamp seen on its partition so far. */
export type TimestampExtractor = (
  record: { readonly key: unknown; readonly value: unknown; readonly timestamp: number; readonly topic: string },
  partitionTime: number,
) => number;

/** Where a source starts when its group has no committed offset. */
export type OffsetReset = 'earliest' | 'latest';

/** Chooses the output topic per record. */
export type TopicNameExtractor<K, V> = (key: K, value: V, context: { readonly recordMetadata?: RecordMetadata }) => string;

/**
 * Chooses the output partition. Return undefined to use the default (murmur2 of the serialized key, as Kafka's
 * Java producer does).
 */
export type Partitioner<K, V> = (topic: string, key: K, value: V, numPartitions: number) => number | undefined;
