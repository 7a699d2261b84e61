// Turns a `Materialized` into the state store of a table operator: its name (given or generated), its serdes
// (given, else the table's, else the config's defaults at run time) and its builder, added to the graph.
import { Stores } from '../../state/stores.js';
import type { StoreBuilder } from '../../state/store-builder.js';
import type { TimestampedKeyValueStore } from '../../state/value-and-timestamp.js';
import type { Serde } from '../../serde/serde.js';
import type { Materialized } from '../materialized.js';
import type { BuilderContext } from './builder-context.js';

export interface MaterializedStore<K, V> {
  readonly name: string;
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;
  /** True when the DSL generated the store's name. */
  readonly generatedName: boolean;
}

/** The store's name: the supplier's, the given one, or `<prefix>-<index>` from the builder's counter. */
export function storeNameOf(
  ctx: BuilderContext,
  materialized: { readonly storeName?: string; readonly storeSupplier?: { readonly name: string } } | undefined,
  prefix: string,
) {
  const given = materialized?.storeSupplier?.name ?? materialized?.storeName;
  return { name: given ?? ctx.names.next(prefix), generatedName: given === undefined };
}

/**
 * The builder of a DSL store: timestamped (values with their timestamps, as Kafka Streams' DSL stores), persistent
 * unless asked otherwise, caching and logging on unless turned off.
 */
export function storeBuilderOf<K, V>(
  name: string,
  materialized: Materialized<K, V> | undefined,
  keySerde: Serde<K> | undefined,
  valueSerde: Serde<V> | undefined,
): StoreBuilder<TimestampedKeyValueStore<K, V>> {
  const supplier =
    materialized?.storeSupplier ??
    (materialized?.storeType === 'in-memory' ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name));
  const builder = Stores.timestampedKeyValueStoreBuilder(supplier, keySerde, valueSerde);
  const cached = materialized?.cachingEnabled === false ? builder.withCachingDisabled() : builder.withCachingEnabled();
  return materialized?.loggingEnabled === false ? cached.withLoggingDisabled() : cached.withLoggingEnabled(materialized?.logConfig);
}

/**
 * Declares the store a table operator writes: named from `materialized` or generated with `prefix` (e.g.
 * `KSTREAM-AGGREGATE-STATE-STORE`), with the materialized serdes or else `defaults`. Call it where Kafka Streams
 * generates the store's name (before the operator's own name), so generated names match Kafka Streams'.
 */
export function materializeStore<K, V>(
  ctx: BuilderContext,
  materialized: Materialized<K, V> | undefined,
  prefix: string,
  defaults: { readonly keySerde: Serde<K> | undefined; readonly valueSerde: Serde<V> | undefined },
  /** A source table's topic: its changelog when the topology reuses source topics (only with the topic's serdes). */
  sourceTopic?: string,
): MaterializedStore<K, V> {
  const { name, generatedName } = storeNameOf(ctx, materialized, prefix);
  const keySerde = materialized?.keySerde ?? defaults.keySerde;
  const valueSerde = materialized?.valueSerde ?? defaults.valueSerde;
  const sameBytes = materialized?.keySerde === undefined && materialized?.valueSerde === undefined;
  ctx.graph.addStore(storeBuilderOf(name, materialized, keySerde, valueSerde), generatedName, sameBytes ? sourceTopic : undefined);
  return { name, keySerde, valueSerde, generatedName };
}

/**
 * Kafka Streams' `count(Materialized)` of a grouped, time-windowed or session-windowed stream takes one more number
 * when the Materialized names no store ("we used to burn a topology name here, so we have to keep doing it for
 * compatibility"); `count()` does not. kstreams' `count({ materialized })` stands for the first, `count()` for the
 * second. Call before the store's name is taken.
 */
export function burnCountName(
  ctx: BuilderContext,
  materialized: { readonly storeName?: string; readonly storeSupplier?: { readonly name: string } } | undefined,
): void {
  if (materialized !== undefined && materialized.storeName === undefined && materialized.storeSupplier === undefined) {
    ctx.names.next('KSTREAM-AGGREGATE-STATE-STORE');
  }
}
