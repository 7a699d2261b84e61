// TimeWindowedKStream: a grouped stream with time windows (tumbling, hopping) or sliding windows. An aggregation
// repartitions first when the key changed upstream (as KGroupedStream's do), then folds each record into its
// windows in a timestamped window store, forwarding every update or, with emitStrategy(onWindowClose), each
// window's final result once it closes.
import type { Serde } from '../../serde/serde.js';
import { Serdes } from '../../serde/serdes.js';
import { WindowedSerdes } from '../../serde/windowed-serdes.js';
import type { Windowed } from '../../state/window/windowed.js';
import { EmitStrategy } from '../emit-strategy.js';
import type { KTable } from '../ktable.js';
import type { WindowedMaterializedOptions } from '../options.js';
import type { TimeWindowedKStream } from '../time-windowed-kstream.js';
import type { SlidingWindows } from '../windows/sliding-windows.js';
import { TimeWindows } from '../windows/time-windows.js';
import type { BuilderContext } from './builder-context.js';
import { timeWindowedKind, type TimeWindowedKind } from './time-windowed-kinds.js';
import { burnCountName } from './materialize.js';
import { materializeWindowStore } from './window-store-materializer.js';
import { windowStoreValueGetter } from './window-store-value-getter.js';
import { addWindowedAggregation } from './windowed-aggregation.js';

export interface WindowedStreamShape<K, V> {
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;
  /** The node the aggregation reads: the grouped stream, or its repartition source. */
  readonly parent: (store: { readonly name: string; readonly generatedName: boolean }) => string;
}

export class TimeWindowedKStreamImpl<K, V> implements TimeWindowedKStream<K, V> {
  private readonly kind: TimeWindowedKind;

  constructor(
    private readonly ctx: BuilderContext,
    private readonly shape: WindowedStreamShape<K, V>,
    private readonly windows: TimeWindows | SlidingWindows,
    private readonly emit: EmitStrategy = EmitStrategy.onWindowUpdate(),
  ) {
    this.kind = timeWindowedKind(windows);
  }

  count(options?: WindowedMaterializedOptions<K, number>): KTable<Windowed<K>, number> {
    // Kafka Streams' sliding-window count does not take the extra number; its time-window count does.
    if (this.windows instanceof TimeWindows) burnCountName(this.ctx, options?.materialized);
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

  emitStrategy(strategy: EmitStrategy): TimeWindowedKStream<K, V> {
    return new TimeWindowedKStreamImpl<K, V>(this.ctx, this.shape, this.windows, strategy);
  }

  private doAggregate<VA>(
    prefix: string,
    initializer: () => VA | null,
    aggregator: (key: K, value: V, aggregate: VA | null) => VA,
    options: WindowedMaterializedOptions<K, VA> | undefined,
    defaultValueSerde: Serde<VA> | undefined,
  ): KTable<Windowed<K>, VA> {
    const { kind } = this;
    const emitOnWindowClose = this.emit.type === 'on-window-close';
    const rules = { ...kind, emitOnWindowClose, keyIndex: kind.readsKeyRanges };
    return addWindowedAggregation<K, V, VA>(this.ctx, this.shape, {
      prefix,
      name: options?.name,
      materialized: options?.materialized,
      defaultValueSerde,
      storeBuilder: (storeName, keySerde, valueSerde) => materializeWindowStore(storeName, options?.materialized, keySerde, valueSerde, rules),
      operator: (storeName, sendOldValues) => kind.operator<K, V, VA>(initializer, aggregator, storeName, sendOldValues, emitOnWindowClose),
      closeDelayMs: kind.gracePeriodMs,
      windowedKeySerde: (keySerde) => WindowedSerdes.timeWindowedSerdeFrom(keySerde, kind.windowSize),
      valueGetter: (storeName) => windowStoreValueGetter<K, VA>(storeName),
    });
  }
}
