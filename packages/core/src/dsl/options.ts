// Option objects of the DSL (Kafka Streams' Consumed, Produced, Repartitioned, Named, Branched), each one
// optional object instead of overloads. Every field is optional; serdes default to the config's defaults.
import type { OffsetReset, Partitioner, TimestampExtractor } from '../graph/graph-options.js';
import type { Serde } from '../serde/serde.js';
import type { KStream } from './kstream.js';

/** Overrides a generated processor name (Kafka Streams' `Named`). */
export interface NamedOptions {
  readonly name?: string;
}

export interface ConsumedOptions<K, V> extends NamedOptions {
  readonly keySerde?: Serde<K>;
  readonly valueSerde?: Serde<V>;
  readonly timestampExtractor?: TimestampExtractor;
  /** Where to start when the application has no committed offset (default: the config's, `earliest`). */
  readonly offsetReset?: OffsetReset;
}

export interface ProducedOptions<K, V> extends NamedOptions {
  readonly keySerde?: Serde<K>;
  readonly valueSerde?: Serde<V>;
  readonly partitioner?: Partitioner<K, V>;
}

export interface RepartitionedOptions<K, V> extends NamedOptions {
  readonly keySerde?: Serde<K>;
  readonly valueSerde?: Serde<V>;
  /** Partitions of the repartition topic (default: the largest partition count of the upstream sources). */
  readonly numberOfPartitions?: number;
  readonly partitioner?: Partitioner<K, V>;
}

export interface ProcessOptions extends NamedOptions {
  /** State stores the processor uses (added with `builder.addStateStore`). */
  readonly stores?: readonly string[];
}

export interface BranchOptions<K, V> extends NamedOptions {
  /** Continues the branch's stream; what it returns (if anything) is what the result map holds. */
  readonly chain?: (branch: KStream<K, V>) => KStream<K, V> | void;
}
