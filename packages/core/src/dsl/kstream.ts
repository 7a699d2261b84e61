// KStream<K, V>: an unbounded stream of records. Every method returns a new KStream and changes nothing.
import type { KeyValue } from '../record/key-value.js';
import type { TopicNameExtractor } from '../graph/graph-options.js';
import type { FixedKeyProcessorSupplier, ProcessorSupplier } from '../processor/processor.js';
import type { BranchedKStream } from './branched-kstream.js';
import type { GlobalKTable } from './global-ktable.js';
import type { KGroupedStream } from './kgrouped-stream.js';
import type { KTable } from './ktable.js';
import type {
  GroupedOptions,
  JoinedOptions,
  MaterializedOptions,
  NamedOptions,
  ProcessOptions,
  ProducedOptions,
  RepartitionedOptions,
  StreamJoinedOptions,
} from './options.js';
import type { JoinWindows } from './windows/join-windows.js';

export interface KStream<K, V> {
  /**
   * Keeps the records for which `predicate` is true. A type guard narrows the stream: `(k, v): v is Order => ...`
   * gives a `KStream<K, Order>`, `(k, v): k is string => ...` a `KStream<string, V>` (and TypeScript infers the
   * guard of `(k, v) => v !== null` by itself).
   */
  filter<VS extends V>(predicate: (key: K, value: V) => value is VS, options?: NamedOptions): KStream<K, VS>;
  filter<KS extends K>(predicate: (key: K, value: V) => key is KS, options?: NamedOptions): KStream<KS, V>;
  filter(predicate: (key: K, value: V) => boolean, options?: NamedOptions): KStream<K, V>;
  /** Drops the records for which `predicate` is true; with a type guard, what it guards leaves the type too. */
  filterNot<VS extends V>(predicate: (key: K, value: V) => value is VS, options?: NamedOptions): KStream<K, Exclude<V, VS>>;
  filterNot<KS extends K>(predicate: (key: K, value: V) => key is KS, options?: NamedOptions): KStream<Exclude<K, KS>, V>;
  filterNot(predicate: (key: K, value: V) => boolean, options?: NamedOptions): KStream<K, V>;
  /** New key and value. Marks the stream for repartitioning before any key-based operation. */
  map<K2, V2>(mapper: (key: K, value: V) => KeyValue<K2, V2>, options?: NamedOptions): KStream<K2, V2>;
  /** New value; the key stays. */
  mapValues<V2>(mapper: (value: V, key: K) => V2, options?: NamedOptions): KStream<K, V2>;
  /** Zero or more `[key, value]` records per record. Marks the stream for repartitioning. */
  flatMap<K2, V2>(mapper: (key: K, value: V) => Iterable<KeyValue<K2, V2>>, options?: NamedOptions): KStream<K2, V2>;
  /** Zero or more values per record, same key. */
  flatMapValues<V2>(mapper: (value: V, key: K) => Iterable<V2>, options?: NamedOptions): KStream<K, V2>;
  /** New key computed from the record. Marks the stream for repartitioning. */
  selectKey<K2>(mapper: (key: K, value: V) => K2, options?: NamedOptions): KStream<K2, V>;
  /** Calls `action` for each record and passes it on. */
  peek(action: (key: K, value: V) => void, options?: NamedOptions): KStream<K, V>;
  /** Calls `action` for each record; the stream ends here. */
  foreach(action: (key: K, value: V) => void, options?: NamedOptions): void;
  /**
   * Splits the stream by predicates: `split({ name: 'x-' }).branch(p1, { name: 'a' }).defaultBranch()` returns
   * the branches by name, typed: `{ 'x-a': KStream<K, V>, 'x-0': KStream<K, V> }`. Without a split name the
   * names start with the generated one, as in Kafka Streams (`KSTREAM-BRANCH-00000000011` for the first branch).
   */
  split<Prefix extends string = `KSTREAM-BRANCH-${string}`>(options?: { readonly name?: Prefix }): BranchedKStream<K, V, Prefix, []>;
  /** One stream with the records of both (no order between them beyond each one's own). */
  merge(other: KStream<K, V>, options?: NamedOptions): KStream<K, V>;
  /** Writes to an internal `<applicationId>-<name>-repartition` topic and reads it back, partitioned by key. */
  repartition(options?: RepartitionedOptions<K, V>): KStream<K, V>;
  /** Writes every record to a topic, or to the topic `topic(key, value, ctx)` names. */
  to(topic: string | TopicNameExtractor<K, V>, options?: ProducedOptions<K, V>): void;
  /** Runs a custom processor that may change keys (marks the stream for repartitioning). */
  process<KOut, VOut>(supplier: ProcessorSupplier<K, V, KOut, VOut>, options?: ProcessOptions): KStream<KOut, VOut>;
  /** Runs a custom processor that keeps keys. */
  processValues<VOut>(supplier: FixedKeyProcessorSupplier<K, V, VOut>, options?: ProcessOptions): KStream<K, VOut>;

  /**
   * The stream as a table: each record upserts its key, a null value deletes it. After a key-changing operation
   * the stream is repartitioned first.
   */
  toTable(options?: MaterializedOptions<K, V>): KTable<K, V>;
  /** Groups by the current key, for an aggregation. After a key-changing operation the records are repartitioned. */
  groupByKey(options?: GroupedOptions<K, V>): KGroupedStream<K, V>;
  /**
   * Groups by a new key, for an aggregation: the records are repartitioned by it (through
   * `<applicationId>-<name>-repartition`, named after `options.name` or else the aggregation's store).
   */
  groupBy<KR>(selector: (key: K, value: V) => KR, options?: GroupedOptions<KR, V>): KGroupedStream<KR, V>;
  /**
   * Joins each record with the table's current value for its key; records without a match (or without a key)
   * are dropped. Table updates produce no output. The stream and the table must be co-partitioned; after a key-changing operation
   * the stream is repartitioned first.
   */
  join<VT, VR>(table: KTable<NonNullable<K>, VT>, joiner: (value: V, tableValue: VT, key: K) => VR, options?: JoinedOptions<K, V>): KStream<K, VR>;
  /**
   * Joins each record with the global table's row for `keySelector(key, value)`; records without a match are
   * dropped. No co-partitioning or repartitioning: every instance holds the whole global table.
   */
  join<KG, VG, VR>(
    globalTable: GlobalKTable<KG, VG>,
    keySelector: (key: K, value: V) => KG,
    joiner: (value: V, globalValue: VG, key: K) => VR,
    options?: NamedOptions,
  ): KStream<K, VR>;
  /** As `join` with a table, but records without a match are joined with null. */
  leftJoin<VT, VR>(
    table: KTable<NonNullable<K>, VT>,
    joiner: (value: V, tableValue: VT | null, key: K) => VR,
    options?: JoinedOptions<K, V>,
  ): KStream<K, VR>;
  /** As `join` with a global table, but records without a match are joined with null. */
  leftJoin<KG, VG, VR>(
    globalTable: GlobalKTable<KG, VG>,
    keySelector: (key: K, value: V) => KG,
    joiner: (value: V, globalValue: VG | null, key: K) => VR,
    options?: NamedOptions,
  ): KStream<K, VR>;
  /**
   * Joins each record with the other stream's records of its key within the join window (`JoinWindows`): one
   * result per pair, timestamped with the later of the two. Both streams must be co-partitioned (a stream whose
   * key changed is repartitioned first). Records without a key or value are dropped.
   */
  join<VO, VR>(other: KStream<K, VO>, joiner: (value: V, otherValue: VO, key: K) => VR, windows: JoinWindows, options?: StreamJoinedOptions<K, V, VO>): KStream<K, VR>;
  /**
   * As the stream–stream `join`, and a record of this stream that finds no partner is joined with null once its
   * window has closed (stream time past its timestamp + after + grace), so no left-only result is emitted for a
   * record that later finds one (docs/windows.md).
   */
  leftJoin<VO, VR>(
    other: KStream<K, VO>,
    joiner: (value: V, otherValue: VO | null, key: K) => VR,
    windows: JoinWindows,
    options?: StreamJoinedOptions<K, V, VO>,
  ): KStream<K, VR>;
  /** As the stream–stream `leftJoin`, for the records of both streams. */
  outerJoin<VO, VR>(
    other: KStream<K, VO>,
    joiner: (value: V | null, otherValue: VO | null, key: K) => VR,
    windows: JoinWindows,
    options?: StreamJoinedOptions<K, V, VO>,
  ): KStream<K, VR>;
}
