// KTable.suppress wiring: the KTABLE-SUPPRESS processor and its changelogged buffer store, named as Kafka Streams
// names them. untilWindowCloses finds the windowed aggregation above the table to learn when its windows close.
import { TopologyError } from '../../errors.js';
import { GraphNodes } from '../../graph/graph-node.js';
import { suppressedValueGetter } from '../../processor/operators/table/suppressed-value-getter.js';
import { tableSuppressOperator } from '../../processor/operators/table/table-suppress.js';
import { Serdes } from '../../serde/serdes.js';
import { Stores } from '../../state/stores.js';
import type { KTable } from '../ktable.js';
import type { Suppressed } from '../suppressed.js';
import type { BuilderContext } from './builder-context.js';
import { dsl } from './dsl-classes.js';
import type { KTableImpl } from './ktable-impl.js';
import { SendOldValues } from './send-old-values.js';

export function suppressTable<K, V>(table: KTableImpl<K, V>, suppressed: Suppressed): KTable<K, V> {
  const { ctx, shape } = table;
  const untilWindowCloses = suppressed.kind === 'until-window-closes';
  const delayMs = untilWindowCloses ? windowCloseDelay(ctx, shape.nodeName) : suppressed.timeLimitMs;
  const name = suppressed.name ?? ctx.names.next('KTABLE-SUPPRESS');
  const storeName = suppressed.name !== undefined ? `${suppressed.name}-store` : ctx.names.next('KTABLE-SUPPRESS-STATE-STORE');
  const builder = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(storeName), Serdes.bytes(), Serdes.bytes());
  ctx.graph.addStore(builder, suppressed.name === undefined);
  const { maxRecords, maxBytes, whenFull } = suppressed.bufferConfig;
  const supplier = tableSuppressOperator<K, V>({
    name,
    storeName,
    untilWindowCloses,
    delayMs,
    maxRecords,
    maxBytes,
    whenFull,
    keySerde: shape.keySerde,
    valueSerde: shape.valueSerde,
  });
  ctx.graph.add(GraphNodes.processor({ name, parents: [shape.nodeName], supplier, stores: [storeName] }));
  // As Kafka Streams (`parentKTable.enableSendingOldValues(true)`): the parent sends old values, which keeps a
  // source table's store in use, so its cache drops a delete of a key it never had before suppress sees it.
  shape.oldValues.enable();
  const oldValues = new SendOldValues([shape.oldValues]);
  const valueGetter = suppressedValueGetter(shape.valueGetter, storeName, shape.keySerde, shape.valueSerde);
  return new dsl.KTableImpl<K, V>(ctx, { ...shape, nodeName: name, storeName: undefined, oldValues, valueGetter });
}

/** The close delay of the windowed aggregation above `node` (through single-parent table operators). */
function windowCloseDelay(ctx: BuilderContext, node: string): number {
  for (let name: string | undefined = node; name !== undefined; ) {
    const delay = ctx.windowCloseDelays.get(name);
    if (delay !== undefined) return delay;
    const parents: readonly string[] = ctx.graph.get(name)?.parents ?? [];
    name = parents.length === 1 ? parents[0] : undefined;
  }
  throw new TopologyError('suppress(untilWindowCloses) needs a windowed KTable: one from windowedBy(...) and an aggregation');
}
