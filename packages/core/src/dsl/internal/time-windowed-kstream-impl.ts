// TimeWindowedKStream: a grouped stream with time windows. An aggregation repartitions first when the key changed
// upstream (as KGroupedStream's do), then folds each record into its windows in a timestamped window store.
import { TopologyError } from '../../errors.js';
import { windowAggregateOperator } from '../../processor/operators/window-aggregate.js';
import type { Serde } from '../../serde/serde.js';
import { Serdes } from '../../serde/serdes.js';
import { WindowedSerdes } from '../../serde/windowed-serdes.js';
import { Stores } from '../../state/stores.js';
import type { Windowed } from '../../state/window/windowed.js';
import type { KTable } from '../ktable.js';
import type { WindowedMaterialized, WindowedMaterializedOptions } from '../options.js';
import type { TimeWindowedKStream } from '../time-windowed-kstream.js';
import type { TimeWindows } from '../windows/time-windows.js';
import type { BuilderContext } from './builder-context.js';
import { windowStoreValueGetter } from './window-store-value-getter.js';
import { addWindowedAggregation } from './windowed-aggregation.js';

export interface WindowedStreamShape<K, V> {
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;
  /** The node the aggregation reads: the grouped stream, or its repartition source. */
  readonly parent: (store: { readonly name: string; readonly generatedName: boolean }) => string;
}

export class TimeWindowedKStreamImpl<K, V> implements TimeWindowedKStream<K, V> {
  constructor(
    private readonly ctx: BuilderContext,
    private readonly shape: WindowedStreamShape<K, V>,
    private readonly windows: TimeWindows,
  ) {}

  count(options?: WindowedMaterializedOptions<K, number>): KTable<Windowed<K>, number> {
    return this.doAggregate<number>('KSTREAM-AGGREGATE', () => 0, (_k, _v, count) => (count ?? 0) + 1, options, Serdes.int64Number());
  }

  reduce(reducer: (aggregate: V, value: V, key: K) => V, options?: WindowedMaterializedOptions<K, V>): KTable<Windowed<K>, V> {
    return this.doAggregate<V>('KSTREAM-REDUCE', () => null, (k, v, agg) => (agg === null ? v : reducer(agg, v, k)), options, this.shape.valueSerde);
  }

  aggregate<VA>(
    initializer: () => VA,
    aggregator: (key: K, value: V, aggregate: VA) => VA,
    options?: WindowedMaterializedOptions<K, VA>,
  ): KTable<Windowed<K>, VA> {
    return this.doAggregate<VA>('KSTREAM-AGGREGATE', initializer, (k, v, agg) => aggregator(k, v, agg as VA), options, undefined);
  }

  private doAggregate<VA>(
    prefix: string,
    initializer: () => VA | null,
    aggregator: (key: K, value: V, aggregate: VA | null) => VA,
    options: WindowedMaterializedOptions<K, VA> | undefined,
    defaultValueSerde: Serde<VA> | undefined,
  ): KTable<Windowed<K>, VA> {
    const { windows } = this;
    return addWindowedAggregation<K, V, VA>(this.ctx, this.shape, {
      prefix,
      name: options?.name,
      materialized: options?.materialized,
      defaultValueSerde,
      storeBuilder: (storeName, keySerde, valueSerde) => this.storeBuilder(storeName, options?.materialized, keySerde, valueSerde),
      operator: (storeName, sendOldValues) => windowAggregateOperator<K, V, VA>(windows, initializer, aggregator, storeName, sendOldValues),
      closeDelayMs: windows.gracePeriodMs,
      windowedKeySerde: (keySerde) => WindowedSerdes.timeWindowedSerdeFrom(keySerde, windows.size),
      valueGetter: (storeName) => windowStoreValueGetter<K, VA>(storeName),
    });
  }

  private storeBuilder<VA>(
    name: string,
    materialized: WindowedMaterialized<K, VA> | undefined,
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<VA> | undefined,
  ) {
    const { windows } = this;
    const minimum = windows.size + windows.gracePeriodMs;
    const retentionPeriod = materialized?.retentionMs ?? minimum;
    if (retentionPeriod < minimum) {
      throw new TopologyError(
        `store '${name}': retention (${retentionPeriod} ms) must be at least the window size plus the grace period (${minimum} ms)`,
      );
    }
    const options = { retentionPeriod, windowSize: windows.size };
    const supplier =
      materialized?.storeSupplier ??
      (materialized?.storeType === 'in-memory' ? Stores.inMemoryWindowStore(name, options) : Stores.persistentWindowStore(name, options));
    const builder = Stores.timestampedWindowStoreBuilder(supplier, keySerde, valueSerde);
    return materialized?.loggingEnabled === false ? builder.withLoggingDisabled() : builder.withLoggingEnabled(materialized?.logConfig);
  }
}
