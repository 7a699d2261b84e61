// The one way a DSL operator whose result lives in a store becomes a KTable (source tables, toTable,
// aggregations): a processor node over the store, reading old values from it when downstream asks.
import { GraphNodes, type AnySupplier } from '../../graph/graph-node.js';
import { storeValueGetter } from '../../processor/operators/table/value-getter.js';
import type { BuilderContext } from './builder-context.js';
import { KTableImpl } from './ktable-impl.js';
import type { MaterializedStore } from './materialize.js';
import { SendOldValues } from './send-old-values.js';

/**
 * Adds processor `name` under `parent`, connected to `store`, built by `supplier(sendOldValues)`, and returns the
 * table of its output.
 */
export function storedTable<K, V>(
  ctx: BuilderContext,
  name: string,
  parent: string,
  store: MaterializedStore<K, V>,
  supplier: (sendOldValues: () => boolean) => AnySupplier,
): KTableImpl<K, V> {
  const oldValues = new SendOldValues();
  ctx.graph.add(GraphNodes.processor({ name, parents: [parent], supplier: supplier(oldValues.reader), stores: [store.name] }));
  return new KTableImpl<K, V>(ctx, {
    nodeName: name,
    keySerde: store.keySerde,
    valueSerde: store.valueSerde,
    storeName: store.name,
    valueGetter: storeValueGetter(store.name),
    oldValues,
  });
}
