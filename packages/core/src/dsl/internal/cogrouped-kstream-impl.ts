// CogroupedKStream (Kafka Streams' CogroupedKStreamImpl and CogroupedStreamAggregateBuilder): one aggregation node
// per input (`COGROUPKSTREAM-AGGREGATE-…`, or `<name>-cogroup-agg-<i>`), each under its grouped stream (or that
// stream's repartition topic, `<Grouped name or store name>-repartition`), all on one store
// (`COGROUPKSTREAM-AGGREGATE-STATE-STORE-…`), and a pass-through node that merges their changes into the table
// (`COGROUPKSTREAM-MERGE-…` or `<name>-cogroup-merge`). Names are taken in Kafka Streams' order: the store, the
// repartitions, the aggregations, the merge. Windowed cogroups use the windowed operators, always emitting on
// every update (Kafka Streams has no other emit strategy for cogroups).
import { TopologyError } from '../../errors.js';
import { GraphNodes, type AnySupplier } from '../../graph/graph-node.js';
import { passThroughOperator } from '../../processor/operators/pass-through.js';
import { sessionWindowAggregateOperator } from '../../processor/operators/session-window-aggregate.js';
import { streamAggregateOperator } from '../../processor/operators/stream-aggregate.js';
import { storeValueGetter, type ValueGetterSupplier } from '../../processor/operators/table/value-getter.js';
import type { Serde } from '../../serde/serde.js';
import { WindowedSerdes } from '../../serde/windowed-serdes.js';
import type { StateStore } from '../../state/state-store.js';
import type { StoreBuilder } from '../../state/store-builder.js';
import type { Windowed } from '../../state/window/windowed.js';
import type { CogroupedKStream, SessionWindowedCogroupedKStream, TimeWindowedCogroupedKStream } from '../cogrouped-kstream.js';
import type { KGroupedStream } from '../kgrouped-stream.js';
import type { KTable } from '../ktable.js';
import type { Materialized } from '../materialized.js';
import type { MaterializedOptions, SessionMaterializedOptions, WindowedMaterializedOptions } from '../options.js';
import { SessionWindows } from '../windows/session-windows.js';
import type { SlidingWindows } from '../windows/sliding-windows.js';
import type { TimeWindows } from '../windows/time-windows.js';
import type { BuilderContext } from './builder-context.js';
import { dsl } from './dsl-classes.js';
import type { KGroupedStreamImpl } from './kgrouped-stream-impl.js';
import { storeBuilderOf, storeNameOf } from './materialize.js';
import { SendOldValues } from './send-old-values.js';
import { sessionStoreValueGetter } from './session-windowed-kstream-impl.js';
import { timeWindowedKind } from './time-windowed-kinds.js';
import { materializeSessionStore, materializeWindowStore } from './window-store-materializer.js';
import { windowStoreValueGetter } from './window-store-value-getter.js';

const AGGREGATE_NAME = 'COGROUPKSTREAM-AGGREGATE';
const MERGE_NAME = 'COGROUPKSTREAM-MERGE';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyAggregator<K, VOut> = (key: K, value: any, aggregate: VOut) => VOut;
/** Inputs in the order they were added; cogrouping a stream again replaces its aggregator (a Java LinkedHashMap). */
type Inputs<K, VOut> = ReadonlyMap<KGroupedStreamImpl<K, unknown>, AnyAggregator<K, VOut>>;

/** What differs between the plain and the windowed cogroups. */
interface CogroupAggregation<K, VOut, KT> {
  readonly name: string | undefined;
  readonly materialized: { readonly storeName?: string; readonly storeSupplier?: { readonly name: string }; readonly keySerde?: Serde<K>; readonly valueSerde?: Serde<VOut> } | undefined;
  readonly storeBuilder: (storeName: string, keySerde: Serde<K> | undefined, valueSerde: Serde<VOut> | undefined) => StoreBuilder<StateStore>;
  /** The aggregation node of one input (`add` gets null for a key or window without an aggregate yet). */
  readonly operator: (add: (key: K, value: unknown, aggregate: VOut | null) => VOut, storeName: string, sendOldValues: () => boolean) => AnySupplier;
  readonly tableKeySerde: (keySerde: Serde<K> | undefined) => Serde<KT> | undefined;
  readonly valueGetter: (storeName: string) => ValueGetterSupplier<KT, VOut>;
  /** Windowed: how long after a window's end it closes (what suppress(untilWindowCloses) reads). */
  readonly closeDelayMs?: number;
}

function addCogroupedAggregation<K, VOut, KT>(
  ctx: BuilderContext,
  inputs: Inputs<K, VOut>,
  initializer: () => VOut,
  a: CogroupAggregation<K, VOut, KT>,
): KTable<KT, VOut> {
  const { name: storeName, generatedName } = storeNameOf(ctx, a.materialized, `${AGGREGATE_NAME}-STATE-STORE`);
  const first = [...inputs.keys()][0]!;
  const keySerde = a.materialized?.keySerde ?? first.shape.keySerde;
  const valueSerde = a.materialized?.valueSerde;
  ctx.graph.addStore(a.storeBuilder(storeName, keySerde, valueSerde), generatedName);
  const parents = [...inputs.keys()].map((grouped) => grouped.aggregationParent({ name: storeName, generatedName }));
  if (parents.length > 1) ctx.graph.addCopartitionGroup(parents);
  const nameOf = (suffix: string, prefix: string) => ctx.names.takingNumber(a.name === undefined ? undefined : `${a.name}${suffix}`, prefix);
  const oldValues = new SendOldValues([], true);
  const aggregations = [...inputs.values()].map((aggregator, i) => {
    const name = nameOf(`-cogroup-agg-${i}`, AGGREGATE_NAME);
    const add = (key: K, value: unknown, aggregate: VOut | null) => aggregator(key, value, aggregate ?? initializer());
    ctx.graph.add(GraphNodes.processor({ name, parents: [parents[i]!], supplier: a.operator(add, storeName, oldValues.reader), stores: [storeName] }));
    return name;
  });
  const merge = nameOf('-cogroup-merge', MERGE_NAME);
  ctx.graph.add(GraphNodes.processor({ name: merge, parents: aggregations, supplier: passThroughOperator(), stores: [] }));
  if (a.closeDelayMs !== undefined) ctx.windowCloseDelays.set(merge, a.closeDelayMs);
  return new dsl.KTableImpl<KT, VOut>(ctx, {
    nodeName: merge,
    keySerde: a.tableKeySerde(keySerde),
    valueSerde,
    storeName,
    valueGetter: a.valueGetter(storeName),
    oldValues,
  });
}

export class CogroupedKStreamImpl<K, VOut> implements CogroupedKStream<K, VOut> {
  constructor(
    private readonly ctx: BuilderContext,
    private readonly inputs: Inputs<K, VOut>,
  ) {}

  cogroup<VIn>(grouped: KGroupedStream<K, VIn>, aggregator: (key: K, value: VIn, aggregate: VOut) => VOut): CogroupedKStream<K, VOut> {
    const impl = grouped as unknown as KGroupedStreamImpl<K, unknown>;
    if (impl.ctx !== this.ctx) throw new TopologyError('cogroup: every grouped stream must come from the same StreamsBuilder');
    return new CogroupedKStreamImpl<K, VOut>(this.ctx, new Map([...this.inputs, [impl, aggregator as AnyAggregator<K, VOut>]]));
  }

  aggregate(initializer: () => VOut, options?: MaterializedOptions<K, VOut>): KTable<K, VOut> {
    const materialized: Materialized<K, VOut> | undefined = options?.materialized;
    return addCogroupedAggregation<K, VOut, K>(this.ctx, this.inputs, initializer, {
      name: options?.name,
      materialized,
      storeBuilder: (storeName, keySerde, valueSerde) => storeBuilderOf(storeName, materialized, keySerde, valueSerde),
      operator: (add, storeName, sendOldValues) => streamAggregateOperator(add, storeName, sendOldValues),
      tableKeySerde: (keySerde) => keySerde,
      valueGetter: (storeName) => storeValueGetter<K, VOut>(storeName),
    });
  }

  windowedBy(windows: TimeWindows): TimeWindowedCogroupedKStream<K, VOut>;
  windowedBy(windows: SlidingWindows): TimeWindowedCogroupedKStream<K, VOut>;
  windowedBy(windows: SessionWindows): SessionWindowedCogroupedKStream<K, VOut>;
  windowedBy(windows: TimeWindows | SlidingWindows | SessionWindows): TimeWindowedCogroupedKStream<K, VOut> | SessionWindowedCogroupedKStream<K, VOut> {
    const { ctx, inputs } = this;
    if (windows instanceof SessionWindows) {
      const sessions: SessionWindowedCogroupedKStream<K, VOut> = {
        aggregate: (initializer, merger, options?: SessionMaterializedOptions<K, VOut>) =>
          addCogroupedAggregation<K, VOut, Windowed<K>>(ctx, inputs, initializer, {
            name: options?.name,
            materialized: options?.materialized,
            storeBuilder: (storeName, keySerde, valueSerde) => materializeSessionStore(storeName, options?.materialized, keySerde, valueSerde, windows, false),
            operator: (add, storeName, sendOldValues) =>
              sessionWindowAggregateOperator<K, unknown, VOut>(windows, initializer, add, (k, x, y) => merger(k, x as VOut, y), storeName, sendOldValues, false),
            // As for a session-windowed aggregation: a session can still grow by a gap after its end.
            closeDelayMs: windows.gracePeriodMs + windows.inactivityGap,
            tableKeySerde: (keySerde) => (keySerde === undefined ? undefined : WindowedSerdes.sessionWindowedSerdeFrom(keySerde)),
            valueGetter: (storeName) => sessionStoreValueGetter<K, VOut>(storeName),
          }),
      };
      return sessions;
    }
    const kind = timeWindowedKind(windows);
    const timed: TimeWindowedCogroupedKStream<K, VOut> = {
      aggregate: (initializer, options?: WindowedMaterializedOptions<K, VOut>) =>
        addCogroupedAggregation<K, VOut, Windowed<K>>(ctx, inputs, initializer, {
          name: options?.name,
          materialized: options?.materialized,
          storeBuilder: (storeName, keySerde, valueSerde) =>
            materializeWindowStore(storeName, options?.materialized, keySerde, valueSerde, { ...kind, emitOnWindowClose: false, keyIndex: kind.readsKeyRanges }),
          operator: (add, storeName, sendOldValues) => kind.operator<K, unknown, VOut>(initializer, add, storeName, sendOldValues, false),
          closeDelayMs: kind.gracePeriodMs,
          tableKeySerde: (keySerde) => (keySerde === undefined ? undefined : WindowedSerdes.timeWindowedSerdeFrom(keySerde, kind.windowSize)),
          valueGetter: (storeName) => windowStoreValueGetter<K, VOut>(storeName),
        }),
    };
    return timed;
  }
}
