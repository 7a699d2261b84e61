// The KTable behind the interface: each method appends graph nodes and returns a new KTableImpl. A table knows
// the node that emits its changes, its serdes, its store (if materialized), how to read its current values (a
// value getter, for joins) and whether downstream asked for old values.
import { GraphNodes, type AnySupplier } from '../../graph/graph-node.js';
import type { KeyValue } from '../../record/key-value.js';
import { tableFilterOperator, tableFilterValueGetter } from '../../processor/operators/table/table-filter.js';
import { tableMapValuesOperator, tableMapValuesValueGetter } from '../../processor/operators/table/table-map-values.js';
import { tableSelectOperator } from '../../processor/operators/table/table-select.js';
import { tableToStreamOperator } from '../../processor/operators/table/table-to-stream.js';
import { storeValueGetter, type ValueGetterSupplier } from '../../processor/operators/table/value-getter.js';
import { Serdes } from '../../serde/serdes.js';
import type { Serde } from '../../serde/serde.js';
import type { KGroupedTable } from '../kgrouped-table.js';
import type { KStream } from '../kstream.js';
import type { KTable } from '../ktable.js';
import type { GroupedOptions, MaterializedOptions, NamedOptions } from '../options.js';
import type { BuilderContext } from './builder-context.js';
import { joinOnForeignKey } from './foreign-key-join.js';
import type { KGroupedTableImpl } from './kgrouped-table-impl.js';
import type { KStreamImpl } from './kstream-impl.js';
import { materializeStore } from './materialize.js';
import { SendOldValues } from './send-old-values.js';
import { joinTables } from './table-table-join.js';
import { dsl } from './dsl-classes.js';
import type { Suppressed } from '../suppressed.js';
import { suppressTable } from './table-suppress.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- what the overloads' implementations take */
type AnyFunction = (...args: any[]) => any;
type AnyTable = KTable<any, any>;
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface TableShape<K, V> {
  /** The node that emits the table's changes (`Change<V>` records). */
  readonly nodeName: string;
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;
  /** The store holding the table's values, when it is materialized. */
  readonly storeName: string | undefined;
  /** Reads the table's current value for a key (from its store, or computed from its parent's). */
  readonly valueGetter: ValueGetterSupplier<K, V>;
  readonly oldValues: SendOldValues;
}

export class KTableImpl<K, V> implements KTable<K, V> {
  constructor(
    readonly ctx: BuilderContext,
    readonly shape: TableShape<K, V>,
  ) {}

  get queryableStoreName(): string | undefined {
    return this.shape.storeName;
  }

  filter(predicate: (key: K, value: V) => boolean, options?: MaterializedOptions<K, V>): KTable<K, V> {
    return this.doFilter(predicate, false, options);
  }

  filterNot(predicate: (key: K, value: V) => boolean, options?: MaterializedOptions<K, V>): KTable<K, V> {
    return this.doFilter(predicate, true, options);
  }

  mapValues<VR>(mapper: (value: V, key: K) => VR, options?: MaterializedOptions<K, VR>): KTable<K, VR> {
    const store = options?.materialized
      ? materializeStore<K, VR>(this.ctx, options.materialized, 'KTABLE-MAPVALUES-STATE-STORE', { keySerde: this.shape.keySerde, valueSerde: undefined })
      : undefined;
    const name = this.ctx.names.orGenerate(options?.name, 'KTABLE-MAPVALUES');
    const oldValues = store ? new SendOldValues() : new SendOldValues([this.shape.oldValues]);
    this.addProcessor(name, tableMapValuesOperator(mapper, { storeName: store?.name, sendOldValues: oldValues.reader }), store);
    return new KTableImpl<K, VR>(this.ctx, {
      nodeName: name,
      keySerde: store?.keySerde ?? this.shape.keySerde,
      valueSerde: store?.valueSerde,
      storeName: store?.name,
      valueGetter: store ? storeValueGetter(store.name) : tableMapValuesValueGetter(this.shape.valueGetter, mapper),
      oldValues,
    });
  }

  suppress(suppressed: Suppressed): KTable<K, V> {
    return suppressTable(this, suppressed);
  }

  toStream(options?: NamedOptions): KStream<K, V | null> {
    const name = this.ctx.names.orGenerate(options?.name, 'KTABLE-TOSTREAM');
    this.addProcessor(name, tableToStreamOperator<K, V>(), undefined);
    const valueSerde = this.shape.valueSerde === undefined ? undefined : Serdes.nullable(this.shape.valueSerde);
    return new dsl.KStreamImpl<K, V | null>(this.ctx, { nodeName: name, keySerde: this.shape.keySerde, valueSerde, repartitionRequired: false });
  }

  groupBy<KR, VR>(selector: (key: K, value: V) => KeyValue<KR, VR>, options?: GroupedOptions<KR, VR>): KGroupedTable<KR, VR> {
    this.shape.oldValues.enable();
    const name = this.ctx.names.orGenerate(options?.name, 'KTABLE-SELECT');
    this.addProcessor(name, tableSelectOperator(selector, name), undefined);
    return new dsl.KGroupedTableImpl<KR, VR>(this.ctx, {
      nodeName: name,
      keySerde: options?.keySerde,
      valueSerde: options?.valueSerde,
      groupedName: options?.name,
    });
  }

  // `join` and `leftJoin` are both the primary-key and the foreign-key join, as in Kafka Streams: a function as
  // third argument (the joiner after the foreign-key extractor) makes it the foreign-key one.
  join<KO, VO, VR>(
    other: KTable<KO, VO>,
    foreignKeyExtractor: (value: V, key: K) => KO | null | undefined,
    joiner: (value: V, otherValue: VO) => VR,
    options?: MaterializedOptions<K, VR>,
  ): KTable<K, VR>;
  join<VO, VR>(other: KTable<K, VO>, joiner: (value: V, otherValue: VO, key: K) => VR, options?: MaterializedOptions<K, VR>): KTable<K, VR>;
  join<VR>(
    other: AnyTable,
    second: AnyFunction,
    third?: AnyFunction | MaterializedOptions<K, VR>,
    fourth?: MaterializedOptions<K, VR>,
  ): KTable<K, VR> {
    if (typeof third === 'function') return joinOnForeignKey(this, other as KTableImpl<unknown, unknown>, second, third, false, fourth);
    return joinTables(this, other as KTableImpl<K, unknown>, second, 'inner', third);
  }

  leftJoin<KO, VO, VR>(
    other: KTable<KO, VO>,
    foreignKeyExtractor: (value: V, key: K) => KO | null | undefined,
    joiner: (value: V, otherValue: VO | null) => VR,
    options?: MaterializedOptions<K, VR>,
  ): KTable<K, VR>;
  leftJoin<VO, VR>(
    other: KTable<K, VO>,
    joiner: (value: V, otherValue: VO | null, key: K) => VR,
    options?: MaterializedOptions<K, VR>,
  ): KTable<K, VR>;
  leftJoin<VR>(
    other: AnyTable,
    second: AnyFunction,
    third?: AnyFunction | MaterializedOptions<K, VR>,
    fourth?: MaterializedOptions<K, VR>,
  ): KTable<K, VR> {
    if (typeof third === 'function') return joinOnForeignKey(this, other as KTableImpl<unknown, unknown>, second, third, true, fourth);
    return joinTables(this, other as KTableImpl<K, unknown>, second, 'left', third);
  }

  outerJoin<VO, VR>(
    other: KTable<K, VO>,
    joiner: (value: V | null, otherValue: VO | null, key: K) => VR,
    options?: MaterializedOptions<K, VR>,
  ): KTable<K, VR> {
    return joinTables(this, other as KTableImpl<K, VO>, joiner, 'outer', options);
  }

  joinOnForeignKey<KO, VO, VR>(
    other: KTable<KO, VO>,
    foreignKeyExtractor: (value: V, key: K) => KO | null | undefined,
    joiner: (value: V, otherValue: VO) => VR,
    options?: MaterializedOptions<K, VR>,
  ): KTable<K, VR> {
    return this.join(other, foreignKeyExtractor, joiner, options);
  }

  leftJoinOnForeignKey<KO, VO, VR>(
    other: KTable<KO, VO>,
    foreignKeyExtractor: (value: V, key: K) => KO | null | undefined,
    joiner: (value: V, otherValue: VO | null) => VR,
    options?: MaterializedOptions<K, VR>,
  ): KTable<K, VR> {
    return this.leftJoin(other, foreignKeyExtractor, joiner, options);
  }

  private doFilter(predicate: (key: K, value: V) => boolean, negate: boolean, options: MaterializedOptions<K, V> | undefined): KTable<K, V> {
    const store = options?.materialized ? materializeStore<K, V>(this.ctx, options.materialized, 'KTABLE-FILTER-STATE-STORE', this.shape) : undefined;
    const name = this.ctx.names.orGenerate(options?.name, 'KTABLE-FILTER');
    const oldValues = store ? new SendOldValues() : new SendOldValues([this.shape.oldValues]);
    // As Kafka Streams' KTableFilter: old values from a parent that has them anyway spare needless tombstones.
    const parentSendsOldValues = this.shape.oldValues.enableWithoutMaterializing();
    const filter = tableFilterOperator(predicate, negate, { storeName: store?.name, sendOldValues: oldValues.reader, parentSendsOldValues });
    this.addProcessor(name, filter, store);
    return new KTableImpl<K, V>(this.ctx, {
      nodeName: name,
      keySerde: store?.keySerde ?? this.shape.keySerde,
      valueSerde: store?.valueSerde ?? this.shape.valueSerde,
      storeName: store?.name,
      valueGetter: store ? storeValueGetter(store.name) : tableFilterValueGetter(this.shape.valueGetter, predicate, negate),
      oldValues,
    });
  }

  private addProcessor(name: string, supplier: AnySupplier, store: { readonly name: string } | undefined): void {
    this.ctx.graph.add(GraphNodes.processor({ name, parents: [this.shape.nodeName], supplier, stores: store ? [store.name] : [] }));
  }
}
