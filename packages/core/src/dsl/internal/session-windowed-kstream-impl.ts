// SessionWindowedKStream: a grouped stream with session windows. An aggregation repartitions first when the key
// changed upstream, then merges each record into its key's sessions in a session store (time-ordered when it emits
// on window close, so the closed sessions of every key read as one range).
import { sessionWindowAggregateOperator } from '../../processor/operators/session-window-aggregate.js';
import { valueGetter, type ValueGetterSupplier } from '../../processor/operators/table/value-getter.js';
import type { Serde } from '../../serde/serde.js';
import { Serdes } from '../../serde/serdes.js';
import { WindowedSerdes } from '../../serde/windowed-serdes.js';
import { ValueAndTimestamp } from '../../state/value-and-timestamp.js';
import type { SessionStore } from '../../state/window/session-store.js';
import type { Windowed } from '../../state/window/windowed.js';
import { EmitStrategy } from '../emit-strategy.js';
import type { KTable } from '../ktable.js';
import type { SessionMaterializedOptions } from '../options.js';
import type { SessionWindowedKStream } from '../session-windowed-kstream.js';
import type { SessionWindows } from '../windows/session-windows.js';
import type { BuilderContext } from './builder-context.js';
import type { WindowedStreamShape } from './time-windowed-kstream-impl.js';
import { burnCountName } from './materialize.js';
import { materializeSessionStore } from './window-store-materializer.js';
import { addWindowedAggregation } from './windowed-aggregation.js';

export class SessionWindowedKStreamImpl<K, V> implements SessionWindowedKStream<K, V> {
  constructor(
    private readonly ctx: BuilderContext,
    private readonly shape: WindowedStreamShape<K, V>,
    private readonly windows: SessionWindows,
    private readonly emit: EmitStrategy = EmitStrategy.onWindowUpdate(),
  ) {}

  emitStrategy(strategy: EmitStrategy): SessionWindowedKStream<K, V> {
    return new SessionWindowedKStreamImpl<K, V>(this.ctx, this.shape, this.windows, strategy);
  }

  count(options?: SessionMaterializedOptions<K, number>): KTable<Windowed<K>, number> {
    burnCountName(this.ctx, options?.materialized);
    return this.doAggregate<number>(
      'KSTREAM-AGGREGATE',
      () => 0,
      (_k, _v, count) => (count ?? 0) + 1,
      (_k, a, b) => (a ?? 0) + b,
      options,
      Serdes.int64Number(),
    );
  }

  reduce(reducer: (aggregate: V, value: V, key: K) => V, options?: SessionMaterializedOptions<K, V>): KTable<Windowed<K>, V> {
    // As Kafka Streams: the aggregator of a reduce, and merging = aggregating one aggregate into the other.
    const add = (k: K, v: V, agg: V | null): V => (agg === null ? v : reducer(agg, v, k));
    return this.doAggregate<V>('KSTREAM-REDUCE', () => null, add, (k, a, b) => add(k, b, a), options, this.shape.valueSerde);
  }

  aggregate<VA>(
    initializer: () => VA,
    aggregator: (key: K, value: V, aggregate: VA) => VA,
    merger: (key: K, aggregate1: VA, aggregate2: VA) => VA,
    options?: SessionMaterializedOptions<K, VA>,
  ): KTable<Windowed<K>, VA> {
    return this.doAggregate<VA>(
      'KSTREAM-AGGREGATE',
      initializer,
      (k, v, agg) => aggregator(k, v, agg as VA),
      (k, a, b) => merger(k, a as VA, b),
      options,
      undefined,
    );
  }

  private doAggregate<VA>(
    prefix: string,
    initializer: () => VA | null,
    aggregator: (key: K, value: V, aggregate: VA | null) => VA,
    merger: (key: K, aggregate1: VA | null, aggregate2: VA) => VA | null,
    options: SessionMaterializedOptions<K, VA> | undefined,
    defaultValueSerde: Serde<VA> | undefined,
  ): KTable<Windowed<K>, VA> {
    const { windows } = this;
    const emitOnWindowClose = this.emit.type === 'on-window-close';
    return addWindowedAggregation<K, V, VA>(this.ctx, this.shape, {
      prefix,
      name: options?.name,
      materialized: options?.materialized,
      defaultValueSerde,
      storeBuilder: (storeName, keySerde, valueSerde) =>
        materializeSessionStore(storeName, options?.materialized, keySerde, valueSerde, windows, emitOnWindowClose),
      operator: (storeName, sendOldValues) =>
        sessionWindowAggregateOperator<K, V, VA>(windows, initializer, aggregator, merger, storeName, sendOldValues, emitOnWindowClose),
      // As Kafka Streams: a session can still grow by a gap after its end, so it closes a gap later.
      closeDelayMs: windows.gracePeriodMs + windows.inactivityGap,
      windowedKeySerde: (keySerde) => WindowedSerdes.sessionWindowedSerdeFrom(keySerde),
      valueGetter: (storeName) => sessionStoreValueGetter<K, VA>(storeName),
    });
  }
}

/** A session table's value for a Windowed key: that exact session's aggregate, timestamped with its end. */
export function sessionStoreValueGetter<K, V>(storeName: string): ValueGetterSupplier<Windowed<K>, V> {
  return {
    storeNames: [storeName],
    create: (context) => {
      const store = context.getStateStore<SessionStore<K, V>>(storeName);
      return valueGetter((w) => ValueAndTimestamp.make(store.fetchSession(w.key, w.window.start, w.window.end), w.window.end));
    },
  };
}
