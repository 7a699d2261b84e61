// KTable<K, V>: a changelog stream read as a table, the latest value per key. A record with a null value (a
// tombstone) deletes its key. Every method returns a new KTable (or stream) and changes nothing.
import type { Suppressed } from './suppressed.js';
import type { KeyValue } from '../record/key-value.js';
import type { KGroupedTable } from './kgrouped-table.js';
import type { KStream } from './kstream.js';
import type { GroupedOptions, MaterializedOptions, NamedOptions } from './options.js';

// `VR = any` on the methods below: VR comes only from the mapper's or joiner's return type, which TypeScript
// reads in its second inference pass; in the first it checks the other arguments with VR = its default, and
// with `unknown` a `materialized` value serde (`Serde<string>` is not a `Serde<unknown>`, see serde.ts) failed.
// The default is never the result: the callback always gives VR.
/* eslint-disable @typescript-eslint/no-explicit-any */
export interface KTable<K, V> {
  /** The name of the store holding this table's values, if it has one (source tables and aggregations always do). */
  readonly queryableStoreName: string | undefined;

  /**
   * Keeps the rows for which `predicate` is true. A key whose new value fails is deleted downstream (a
   * tombstone), even if its previous value passed.
   */
  filter(predicate: (key: K, value: V) => boolean, options?: MaterializedOptions<K, V>): KTable<K, V>;
  /** Drops the rows for which `predicate` is true (deleting them downstream). */
  filterNot(predicate: (key: K, value: V) => boolean, options?: MaterializedOptions<K, V>): KTable<K, V>;
  /** New value per row; deleted keys stay deleted. */
  mapValues<VR = any>(mapper: (value: V, key: K) => VR, options?: MaterializedOptions<K, VR>): KTable<K, VR>;
  /** The table's changelog as a stream: one record per update; a deletion is a record with a null value. */
  toStream(options?: NamedOptions): KStream<K, V | null>;
  /**
   * Holds back updates and emits only some (Kafka Streams' `suppress`): `Suppressed.untilWindowCloses(...)` for one
   * final result per window of a windowed aggregation, `Suppressed.untilTimeLimit(...)` for at most one update
   * per key and time limit. The buffer is changelogged (docs/windows.md).
   */
  suppress(suppressed: Suppressed): KTable<K, V>;

  /**
   * Re-keys rows for an aggregation: `selector` maps each row to `[newKey, newValue]`. The rows are repartitioned
   * by the new key; when a row changes, the aggregation subtracts its old pair and adds its new one.
   */
  groupBy<KR, VR>(selector: (key: K, value: V) => KeyValue<KR, VR>, options?: GroupedOptions<KR, VR>): KGroupedTable<KR, VR>;

  /**
   * Foreign-key join (KIP-213; Kafka Streams' `join(other, foreignKeyExtractor, joiner)`): each row of this table
   * joins the row of `other` whose key `foreignKeyExtractor` gives for it. A row without a foreign key (null or
   * undefined) or without a match has no result. Keyed by this table's key; the tables need not be co-partitioned
   * (the join goes through two internal topics). Every update of a right row re-emits the result of each left
   * row that refers to it. The result has a store only if `materialized` asks for one or a later operator needs it.
   */
  join<KO, VO, VR = any>(
    other: KTable<KO, VO>,
    foreignKeyExtractor: (value: V, key: K) => KO | null | undefined,
    joiner: (value: V, otherValue: VO) => VR,
    options?: MaterializedOptions<K, VR>,
  ): KTable<K, VR>;
  /**
   * Primary-key join: a row for each key both tables have. Updates on either side update (or delete) the result.
   * The tables must be co-partitioned (same partition count, same key partitioning).
   */
  join<VO, VR = any>(other: KTable<K, VO>, joiner: (value: V, otherValue: VO, key: K) => VR, options?: MaterializedOptions<K, VR>): KTable<K, VR>;
  /**
   * Foreign-key left join: as the foreign-key `join`, but every row of this table has a result (`otherValue` is
   * null without a match).
   */
  leftJoin<KO, VO, VR = any>(
    other: KTable<KO, VO>,
    foreignKeyExtractor: (value: V, key: K) => KO | null | undefined,
    joiner: (value: V, otherValue: VO | null) => VR,
    options?: MaterializedOptions<K, VR>,
  ): KTable<K, VR>;
  /** A row for each key of this table, joined with the other's value or null. */
  leftJoin<VO, VR = any>(
    other: KTable<K, VO>,
    joiner: (value: V, otherValue: VO | null, key: K) => VR,
    options?: MaterializedOptions<K, VR>,
  ): KTable<K, VR>;
  /** A row for each key of either table; the missing side is null. */
  outerJoin<VO, VR = any>(
    other: KTable<K, VO>,
    joiner: (value: V | null, otherValue: VO | null, key: K) => VR,
    options?: MaterializedOptions<K, VR>,
  ): KTable<K, VR>;

  /** The foreign-key `join` (an alias, from before `join` took a foreign-key extractor). */
  joinOnForeignKey<KO, VO, VR = any>(
    other: KTable<KO, VO>,
    foreignKeyExtractor: (value: V, key: K) => KO | null | undefined,
    joiner: (value: V, otherValue: VO) => VR,
    options?: MaterializedOptions<K, VR>,
  ): KTable<K, VR>;
  /** The foreign-key `leftJoin` (an alias). */
  leftJoinOnForeignKey<KO, VO, VR = any>(
    other: KTable<KO, VO>,
    foreignKeyExtractor: (value: V, key: K) => KO | null | undefined,
    joiner: (value: V, otherValue: VO | null) => VR,
    options?: MaterializedOptions<K, VR>,
  ): KTable<K, VR>;
}
/* eslint-enable @typescript-eslint/no-explicit-any */
