// KGroupedStream: a stream grouped by key. An aggregation repartitions first when the key changed upstream
// (topic `<Grouped name or store name>-repartition`), then folds each record into its store.
import { streamAggregateOperator } from '../../processor/operators/stream-aggregate.js';
import { Serdes } from '../../serde/serdes.js';
import type { Serde } from '../../serde/serde.js';
import type { CogroupedKStream } from '../cogrouped-kstream.js';
import type { KGroupedStream } from '../kgrouped-stream.js';
import { CogroupedKStreamImpl } from './cogrouped-kstream-impl.js';
import type { KTable } from '../ktable.js';
import type { MaterializedOptions } from '../options.js';
import type { BuilderContext } from './builder-context.js';
import { burnCountName, materializeStore } from './materialize.js';
import { repartitionByKey } from './repartition-by-key.js';
import { storedTable } from './stored-table.js';
import type { TimeWindowedKStream } from '../time-windowed-kstream.js';
import type { TimeWindows } from '../windows/time-windows.js';
import type { SlidingWindows } from '../windows/sliding-windows.js';
import { TimeWindowedKStreamImpl } from './time-windowed-kstream-impl.js';
import type { SessionWindowedKStream } from '../session-windowed-kstream.js';
import { SessionWindows } from '../windows/session-windows.js';
import { SessionWindowedKStreamImpl } from './session-windowed-kstream-impl.js';

export interface GroupedStreamShape<K, V> {
  readonly nodeName: string;
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;
  readonly repartitionRequired: boolean;
  /** `Grouped` name: names the repartition topic `<name>-repartition`. */
  readonly groupedName: string | undefined;
}

export class KGroupedStreamImpl<K, V> implements KGroupedStream<K, V> {
  /** A repartition named by `Grouped` serves every aggregation of this grouping (as in Kafka Streams). */
  private namedRepartition: string | undefined;

  constructor(
    readonly ctx: BuilderContext,
    readonly shape: GroupedStreamShape<K, V>,
  ) {}

  cogroup<VOut>(aggregator: (key: K, value: V, aggregate: VOut) => VOut): CogroupedKStream<K, VOut> {
    return new CogroupedKStreamImpl<K, VOut>(this.ctx, new Map([[this as KGroupedStreamImpl<K, unknown>, aggregator as (key: K, value: unknown, aggregate: VOut) => VOut]]));
  }

  /** What an aggregation of this grouping reads: the grouped stream, or its repartition topic's source. */
  aggregationParent(store: { readonly name: string; readonly generatedName: boolean }): string {
    return this.shape.repartitionRequired ? this.repartition(store) : this.shape.nodeName;
  }

  count(options?: MaterializedOptions<K, number>): KTable<K, number> {
    burnCountName(this.ctx, options?.materialized);
    return this.doAggregate<number>('KSTREAM-AGGREGATE', (_k, _v, count) => (count ?? 0) + 1, options, Serdes.int64Number());
  }

  reduce(reducer: (aggregate: V, value: V, key: K) => V, options?: MaterializedOptions<K, V>): KTable<K, V> {
    return this.doAggregate<V>('KSTREAM-REDUCE', (k, v, agg) => (agg === null ? v : reducer(agg, v, k)), options, this.shape.valueSerde);
  }

  aggregate<VA>(
    initializer: () => VA,
    aggregator: (key: K, value: V, aggregate: VA) => VA,
    options?: MaterializedOptions<K, VA>,
  ): KTable<K, VA> {
    return this.doAggregate<VA>('KSTREAM-AGGREGATE', (k, v, agg) => aggregator(k, v, agg ?? initializer()), options, undefined);
  }

  windowedBy(windows: TimeWindows): TimeWindowedKStream<K, V>;
  windowedBy(windows: SlidingWindows): TimeWindowedKStream<K, V>;
  windowedBy(windows: SessionWindows): SessionWindowedKStream<K, V>;
  windowedBy(windows: TimeWindows | SlidingWindows | SessionWindows): TimeWindowedKStream<K, V> | SessionWindowedKStream<K, V> {
    const { shape } = this;
    const windowed = {
      keySerde: shape.keySerde,
      valueSerde: shape.valueSerde,
      parent: (store: { readonly name: string; readonly generatedName: boolean }) =>
        shape.repartitionRequired ? this.repartition(store) : shape.nodeName,
    };
    return windows instanceof SessionWindows
      ? new SessionWindowedKStreamImpl<K, V>(this.ctx, windowed, windows)
      : new TimeWindowedKStreamImpl<K, V>(this.ctx, windowed, windows);
  }

  private doAggregate<VA>(
    prefix: string,
    add: (key: K, value: V, aggregate: VA | null) => VA,
    options: MaterializedOptions<K, VA> | undefined,
    valueSerde: Serde<VA> | undefined,
  ): KTable<K, VA> {
    const { ctx, shape } = this;
    const store = materializeStore<K, VA>(ctx, options?.materialized, `${prefix}-STATE-STORE`, { keySerde: shape.keySerde, valueSerde });
    // Kafka Streams names the store, then the aggregation, then the repartition topic's nodes.
    const name = ctx.names.orGenerate(options?.name, prefix);
    const parent = shape.repartitionRequired ? this.repartition(store) : shape.nodeName;
    return storedTable<K, VA>(ctx, name, parent, store, (oldValues) => streamAggregateOperator(add, store.name, oldValues));
  }

  private repartition(store: { readonly name: string; readonly generatedName: boolean }): string {
    const { ctx, shape } = this;
    if (this.namedRepartition !== undefined) return this.namedRepartition;
    const name = repartitionByKey(ctx, {
      parent: shape.nodeName,
      prefix: shape.groupedName ?? store.name,
      generatedName: shape.groupedName === undefined && store.generatedName,
      keySerde: shape.keySerde,
      valueSerde: shape.valueSerde,
    });
    if (shape.groupedName !== undefined) this.namedRepartition = name;
    return name;
  }
}
