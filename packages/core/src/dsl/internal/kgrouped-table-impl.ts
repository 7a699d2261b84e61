// KGroupedTable: the re-keyed rows of a table (the KTABLE-SELECT node turns each update into table changes of
// the new keys). An aggregation repartitions the changes by key (Kafka Streams' change format, KIP-904) and
// folds them into its store.
import { GraphNodes } from '../../graph/graph-node.js';
import { changeSerde } from '../../processor/operators/table/change-serde.js';
import { tableAggregateOperator, type TableAggregation } from '../../processor/operators/table/table-aggregate.js';
import { Serdes } from '../../serde/serdes.js';
import type { Serde } from '../../serde/serde.js';
import type { KGroupedTable } from '../kgrouped-table.js';
import type { KTable } from '../ktable.js';
import type { MaterializedOptions } from '../options.js';
import type { BuilderContext } from './builder-context.js';
import { materializeStore } from './materialize.js';
import { storedTable } from './stored-table.js';

export interface GroupedTableShape<K, V> {
  /** The KTABLE-SELECT node. */
  readonly nodeName: string;
  /** Serdes of the repartition topic (`Grouped`), else the config's defaults. */
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;
  /** `Grouped` name: names the repartition topic `<name>-repartition`. */
  readonly groupedName: string | undefined;
}

export class KGroupedTableImpl<K, V> implements KGroupedTable<K, V> {
  constructor(
    private readonly ctx: BuilderContext,
    private readonly shape: GroupedTableShape<K, V>,
  ) {}

  count(options?: MaterializedOptions<K, number>): KTable<K, number> {
    return this.doAggregate<number>(
      'KTABLE-AGGREGATE',
      { add: (_k, _v, count) => (count ?? 0) + 1, subtract: (_k, _v, count) => count - 1 },
      options,
      Serdes.int64Number(),
    );
  }

  reduce(
    adder: (aggregate: V, value: V, key: K) => V,
    subtractor: (aggregate: V, value: V, key: K) => V,
    options?: MaterializedOptions<K, V>,
  ): KTable<K, V> {
    return this.doAggregate<V>(
      'KTABLE-REDUCE',
      { add: (k, v, agg) => (agg === null ? v : adder(agg, v, k)), subtract: (k, v, agg) => subtractor(agg, v, k) },
      options,
      this.shape.valueSerde,
    );
  }

  aggregate<VA>(
    initializer: () => VA,
    adder: (key: K, value: V, aggregate: VA) => VA,
    subtractor: (key: K, value: V, aggregate: VA) => VA,
    options?: MaterializedOptions<K, VA>,
  ): KTable<K, VA> {
    return this.doAggregate<VA>(
      'KTABLE-AGGREGATE',
      { add: (k, v, agg) => adder(k, v, agg ?? initializer()), subtract: subtractor },
      options,
      undefined,
    );
  }

  private doAggregate<VA>(
    prefix: string,
    aggregation: TableAggregation<K, V, VA>,
    options: MaterializedOptions<K, VA> | undefined,
    valueSerde: Serde<VA> | undefined,
  ): KTable<K, VA> {
    const { ctx, shape } = this;
    // As Kafka Streams' KGroupedTableImpl: the store is named KTABLE-AGGREGATE-STATE-STORE-… for reduce too, and the
    // repartition topic's sink and source always take generated names, before the aggregation's.
    const store = materializeStore<K, VA>(ctx, options?.materialized, 'KTABLE-AGGREGATE-STATE-STORE', { keySerde: shape.keySerde, valueSerde });
    const repartition = `${shape.groupedName ?? store.name}-repartition`;
    const sinkName = ctx.names.next('KSTREAM-SINK');
    const sourceName = ctx.names.next('KSTREAM-SOURCE');
    ctx.graph.add(
      GraphNodes.repartition({
        name: repartition,
        parents: [shape.nodeName],
        topicName: repartition,
        keySerde: shape.keySerde,
        valueSerde: shape.valueSerde,
        numberOfPartitions: undefined,
        partitioner: undefined,
        generatedName: shape.groupedName === undefined && store.generatedName,
        wrapValueSerde: changeSerde,
        sinkName,
        sourceName,
      }),
    );
    const name = ctx.names.orGenerate(options?.name, prefix);
    return storedTable<K, VA>(ctx, name, repartition, store, (oldValues) => tableAggregateOperator(aggregation, store.name, oldValues));
  }
}
