// What a time-windowed and a session-windowed aggregation share in the graph: the store (named and with serdes as
// Kafka Streams names them), the repartition above it when needed, the aggregation node, the window close delay
// that suppress(untilWindowCloses) reads, and the resulting table keyed by Windowed<K>.
import { GraphNodes, type AnySupplier } from '../../graph/graph-node.js';
import type { ValueGetterSupplier } from '../../processor/operators/table/value-getter.js';
import type { Serde } from '../../serde/serde.js';
import type { StateStore } from '../../state/state-store.js';
import type { StoreBuilder } from '../../state/store-builder.js';
import type { Windowed } from '../../state/window/windowed.js';
import type { KTable } from '../ktable.js';
import type { BuilderContext } from './builder-context.js';
import { dsl } from './dsl-classes.js';
import { storeNameOf } from './materialize.js';
import { SendOldValues } from './send-old-values.js';
import type { WindowedStreamShape } from './time-windowed-kstream-impl.js';

export interface WindowedAggregation<K, VA> {
  /** `KSTREAM-AGGREGATE` or `KSTREAM-REDUCE`: names the node and, with `-STATE-STORE`, the store. */
  readonly prefix: string;
  readonly name: string | undefined;
  readonly materialized:
    | { readonly storeName?: string; readonly storeSupplier?: { readonly name: string }; readonly keySerde?: Serde<K>; readonly valueSerde?: Serde<VA> }
    | undefined;
  readonly defaultValueSerde: Serde<VA> | undefined;
  readonly storeBuilder: (storeName: string, keySerde: Serde<K> | undefined, valueSerde: Serde<VA> | undefined) => StoreBuilder<StateStore>;
  readonly operator: (storeName: string, sendOldValues: () => boolean) => AnySupplier;
  /** How long after a window's end it closes. */
  readonly closeDelayMs: number;
  readonly windowedKeySerde: (keySerde: Serde<K>) => Serde<Windowed<K>>;
  readonly valueGetter: (storeName: string) => ValueGetterSupplier<Windowed<K>, VA>;
}

export function addWindowedAggregation<K, V, VA>(ctx: BuilderContext, shape: WindowedStreamShape<K, V>, a: WindowedAggregation<K, VA>): KTable<Windowed<K>, VA> {
  const { name: storeName, generatedName } = storeNameOf(ctx, a.materialized, `${a.prefix}-STATE-STORE`);
  const keySerde = a.materialized?.keySerde ?? shape.keySerde;
  const valueSerde = a.materialized?.valueSerde ?? a.defaultValueSerde;
  ctx.graph.addStore(a.storeBuilder(storeName, keySerde, valueSerde), generatedName);
  // Kafka Streams names the store, then the aggregation, then the repartition topic's nodes.
  const name = ctx.names.orGenerate(a.name, a.prefix);
  const parent = shape.parent({ name: storeName, generatedName });
  const oldValues = new SendOldValues([], true);
  ctx.graph.add(GraphNodes.processor({ name, parents: [parent], supplier: a.operator(storeName, oldValues.reader), stores: [storeName] }));
  ctx.windowCloseDelays.set(name, a.closeDelayMs);
  return new dsl.KTableImpl<Windowed<K>, VA>(ctx, {
    nodeName: name,
    keySerde: keySerde === undefined ? undefined : a.windowedKeySerde(keySerde),
    valueSerde,
    storeName,
    valueGetter: a.valueGetter(storeName),
    oldValues,
  });
}
