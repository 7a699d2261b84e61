// CogroupedKStream (Kafka Streams' CogroupedKStreamImpl and CogroupedStreamAggregateBuilder): one aggregation node
// per input (`COGROUPKSTREAM-AGGREGATE-…`, or `<name>-cogroup-agg-<i>`), each under its grouped stream (or that
// stream's repartition topic, `<Grouped name or store name>-repartition`), all on one store
// (`COGROUPKSTREAM-AGGREGATE-STATE-STORE-…`), and a pass-through node that merges their changes into the table
// (`COGROUPKSTREAM-MERGE-…` or `<name>-cogroup-merge`). Names are taken in Kafka Streams' order: the store, the
// repartitions, the aggregations, the merge.
import { TopologyError } from '../../errors.js';
import { GraphNodes } from '../../graph/graph-node.js';
import { passThroughOperator } from '../../processor/operators/pass-through.js';
import { streamAggregateOperator } from '../../processor/operators/stream-aggregate.js';
import { storeValueGetter } from '../../processor/operators/table/value-getter.js';
import type { CogroupedKStream } from '../cogrouped-kstream.js';
import type { KGroupedStream } from '../kgrouped-stream.js';
import type { KTable } from '../ktable.js';
import type { MaterializedOptions } from '../options.js';
import type { BuilderContext } from './builder-context.js';
import { dsl } from './dsl-classes.js';
import type { KGroupedStreamImpl } from './kgrouped-stream-impl.js';
import { materializeStore } from './materialize.js';
import { SendOldValues } from './send-old-values.js';

const AGGREGATE_NAME = 'COGROUPKSTREAM-AGGREGATE';
const MERGE_NAME = 'COGROUPKSTREAM-MERGE';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyAggregator<K, VOut> = (key: K, value: any, aggregate: VOut) => VOut;

export class CogroupedKStreamImpl<K, VOut> implements CogroupedKStream<K, VOut> {
  /** Inputs in the order they were added; cogrouping a stream again replaces its aggregator (a Java LinkedHashMap). */
  private readonly inputs: ReadonlyMap<KGroupedStreamImpl<K, unknown>, AnyAggregator<K, VOut>>;

  constructor(
    private readonly ctx: BuilderContext,
    inputs: ReadonlyMap<KGroupedStreamImpl<K, unknown>, AnyAggregator<K, VOut>>,
  ) {
    this.inputs = inputs;
  }

  cogroup<VIn>(grouped: KGroupedStream<K, VIn>, aggregator: (key: K, value: VIn, aggregate: VOut) => VOut): CogroupedKStream<K, VOut> {
    const impl = grouped as unknown as KGroupedStreamImpl<K, unknown>;
    if (impl.ctx !== this.ctx) throw new TopologyError('cogroup: every grouped stream must come from the same StreamsBuilder');
    return new CogroupedKStreamImpl<K, VOut>(this.ctx, new Map([...this.inputs, [impl, aggregator as AnyAggregator<K, VOut>]]));
  }

  aggregate(initializer: () => VOut, options?: MaterializedOptions<K, VOut>): KTable<K, VOut> {
    const { ctx } = this;
    const first = [...this.inputs.keys()][0]!;
    const store = materializeStore<K, VOut>(ctx, options?.materialized, `${AGGREGATE_NAME}-STATE-STORE`, { keySerde: first.shape.keySerde, valueSerde: undefined });
    const parents = [...this.inputs.keys()].map((grouped) => grouped.aggregationParent(store));
    if (parents.length > 1) ctx.graph.addCopartitionGroup(parents);
    const oldValues = new SendOldValues([], true);
    // A given name still takes its number (Kafka Streams' NamedInternal.suffixWithOrElseGet), so later generated
    // names match Kafka Streams'.
    const nameOf = (suffix: string, prefix: string) => {
      const generated = ctx.names.next(prefix);
      return options?.name !== undefined ? `${options.name}${suffix}` : generated;
    };
    const aggregations = [...this.inputs.values()].map((aggregator, i) => {
      const name = nameOf(`-cogroup-agg-${i}`, AGGREGATE_NAME);
      const add = (key: K, value: unknown, aggregate: VOut | null) => aggregator(key, value, aggregate ?? initializer());
      ctx.graph.add(GraphNodes.processor({ name, parents: [parents[i]!], supplier: streamAggregateOperator(add, store.name, oldValues.reader), stores: [store.name] }));
      return name;
    });
    const merge = nameOf('-cogroup-merge', MERGE_NAME);
    ctx.graph.add(GraphNodes.processor({ name: merge, parents: aggregations, supplier: passThroughOperator(), stores: [] }));
    return new dsl.KTableImpl<K, VOut>(ctx, {
      nodeName: merge,
      keySerde: store.keySerde,
      valueSerde: store.valueSerde,
      storeName: store.name,
      valueGetter: storeValueGetter<K, VOut>(store.name),
      oldValues,
    });
  }
}
