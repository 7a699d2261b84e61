// Option objects of the DSL (Kafka Streams' Consumed, Produced, Repartitioned, Named, Branched), each one
// optional object instead of overloads. Every field is optional; serdes default to the config's defaults.
import type { OffsetReset, Partitioner, TimestampExtractor } from '../graph/graph-options.js';
import type { Serde } from '../serde/serde.js';
import type { KStream } from './kstream.js';
import type { Materialized, StoreType } from './materialized.js';
import type { WindowBytesStoreSupplier } from '../state/window/window-store.js';
import type { SessionBytesStoreSupplier } from '../state/window/session-store.js';

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

/**
 * Kafka Streams' `Branched`: the branch's own name (after the split's name) and a function that continues its
 * stream. `Name` and `Out` let `split()` type the result by branch name.
 */
export interface BranchOptions<K, V, Name extends string = string, Out extends KStream<K, V> | void = KStream<K, V> | void>
  extends NamedOptions {
  readonly name?: Name;
  /** Continues the branch's stream; what it returns (if anything) is what the result map holds. */
  readonly chain?: (branch: KStream<K, V>) => Out;
}

/** Options of table operations that can materialize their result: a name for the processor, and the store. */
export interface MaterializedOptions<K, V> extends NamedOptions {
  /** Keep the result in a state store (queryable, joinable without recomputation). */
  readonly materialized?: Materialized<NoInfer<K>, NoInfer<V>>;
}

/** `builder.table()`: the source's options and the table's store (a source table always has one). */
export interface TableOptions<K, V> extends ConsumedOptions<K, V> {
  readonly materialized?: Materialized<NoInfer<K>, NoInfer<V>>;
}

/** `builder.globalTable()`. Global stores have no changelog (their topic is one) and no cache. */
export interface GlobalTableOptions<K, V> extends NamedOptions {
  readonly keySerde?: Serde<K>;
  readonly valueSerde?: Serde<V>;
  readonly timestampExtractor?: TimestampExtractor;
  readonly materialized?: Pick<Materialized<NoInfer<K>, NoInfer<V>>, 'storeName' | 'storeSupplier' | 'storeType' | 'keySerde' | 'valueSerde'>;
}

/**
 * Kafka Streams' `Grouped`: serdes of the repartition topic a grouping may need, and its name: the topic is then
 * `<applicationId>-<name>-repartition` (else it is named after the aggregation's store).
 */
export interface GroupedOptions<K, V> extends NamedOptions {
  readonly keySerde?: Serde<K>;
  readonly valueSerde?: Serde<V>;
}

/**
 * Kafka Streams' `Joined` (stream–table joins): serdes for repartitioning the stream when its key changed (then
 * the topic is `<applicationId>-<name>-repartition`), and the join processor's name.
 */
export interface JoinedOptions<K, V> extends NamedOptions {
  readonly keySerde?: Serde<K>;
  readonly valueSerde?: Serde<V>;
}

/**
 * A windowed aggregation's store: `Materialized` without a key-value backend, plus how long windows are kept.
 * `storeSupplier`: `Stores.persistentWindowStore(...)` / `inMemoryWindowStore(...)`.
 */
export interface WindowedMaterialized<K, V> extends Omit<Materialized<K, V>, 'storeSupplier'> {
  readonly storeSupplier?: WindowBytesStoreSupplier;
  /**
   * How long (ms of stream time after a window starts) the store keeps it, so it can still be queried. Default
   * and minimum: window size + grace period (Kafka Streams' `Materialized.withRetention`).
   */
  readonly retentionMs?: number;
}

export interface WindowedMaterializedOptions<K, V> extends NamedOptions {
  readonly materialized?: WindowedMaterialized<NoInfer<K>, NoInfer<V>>;
}

/** A session-windowed aggregation's store: `storeSupplier` is `Stores.persistentSessionStore(...)` / `inMemorySessionStore(...)`. */
export interface SessionMaterialized<K, V> extends Omit<Materialized<K, V>, 'storeSupplier'> {
  readonly storeSupplier?: SessionBytesStoreSupplier;
  /** How long (ms of stream time after a session ends) it is kept. Default and minimum: gap + grace. */
  readonly retentionMs?: number;
}

export interface SessionMaterializedOptions<K, V> extends NamedOptions {
  readonly materialized?: SessionMaterialized<NoInfer<K>, NoInfer<V>>;
}

/**
 * A stream–stream join's options (Kafka Streams' StreamJoined): processor and store names, the serdes of the key
 * and both sides' values (default: the streams', else the config's), and the stores' type and logging.
 */
export interface StreamJoinedOptions<K, V, VO> extends NamedOptions {
  /** Names the stores `<storeName>-this-join-store`, `-other-join-store` (and the outer join's shared store). */
  readonly storeName?: string;
  readonly keySerde?: Serde<K>;
  readonly valueSerde?: Serde<V>;
  readonly otherValueSerde?: Serde<VO>;
  /** Default `persistent` (LMDB). */
  readonly storeType?: StoreType;
  /** Default true: the join's stores are changelogged. */
  readonly loggingEnabled?: boolean;
}
