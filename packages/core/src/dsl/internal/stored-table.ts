// The one way a DSL operator whose result lives in a store becomes a KTable (source tables, toTable,
// aggregations): a processor node over the store, reading old values from it when downstream asks.
import { GraphNodes, type AnySupplier } from '../../graph/graph-node.js';
import { storeValueGetter } from '../../processor/operators/table/value-getter.js';
import type { BuilderContext } from './builder-context.js';
import type { KTableImpl } from './ktable-impl.js';
import type { MaterializedStore } from './materialize.js';
import { SendOldValues } from './send-old-values.js';
import { dsl } from './dsl-classes.js';

/**
 * Adds processor `name` under `parent`, connected to `store`, built by `supplier(sendOldValues, storeNeeded)`, and
 * returns the table of its output. `sourceTable`: a source table or `toTable()`. Kafka Streams keeps a store for
 * one only when the user names it or something needs it (a join reads it, an operator asks for old values);
 * kstreams always keeps it, but until it is needed the table behaves as one without a store: its old values are
 * not there for free (see SendOldValues) and its changes are forwarded at once, not through the cache.
 */
export function storedTable<K, V>(
  ctx: BuilderContext,
  name: string,
  parent: string,
  store: MaterializedStore<K, V>,
  supplier: (sendOldValues: () => boolean, storeNeeded: () => boolean) => AnySupplier,
  sourceTable = false,
): KTableImpl<K, V> {
  const storeOptional = sourceTable && store.generatedName;
  const oldValues = new SendOldValues([], !storeOptional);
  let read = false;
  const storeNeeded = () => !storeOptional || read || oldValues.enabled;
  const getter = storeValueGetter<K, V>(store.name);
  ctx.graph.add(GraphNodes.processor({ name, parents: [parent], supplier: supplier(oldValues.reader, storeNeeded), stores: [store.name] }));
  return new dsl.KTableImpl<K, V>(ctx, {
    nodeName: name,
    keySerde: store.keySerde,
    valueSerde: store.valueSerde,
    storeName: store.name,
    valueGetter: {
      get storeNames() {
        read = true; // read when a join uses this table, which makes Kafka Streams materialize it
        return getter.storeNames;
      },
      create: getter.create,
    },
    oldValues,
  });
}
