// Stream–table joins: KSTREAM-JOIN / KSTREAM-LEFTJOIN look up each stream record in a KTable (co-partitioned;
// the stream is repartitioned first after a key change) or in a GlobalKTable (through a key selector; no
// co-partitioning, the whole table is on every instance).
import { TopologyError } from '../../errors.js';
import { GraphNodes } from '../../graph/graph-node.js';
import { streamTableJoinOperator } from '../../processor/operators/stream-table-join.js';
import type { KStream } from '../kstream.js';
import type { JoinedOptions, NamedOptions } from '../options.js';
import type { GlobalKTableImpl } from './global-ktable-impl.js';
import type { KStreamImpl } from './kstream-impl.js';
import type { KTableImpl } from './ktable-impl.js';
import { repartitionByKey } from './repartition-by-key.js';
import { dsl } from './dsl-classes.js';

export function joinStreamWithTable<K, V, VT, VR>(
  stream: KStreamImpl<K, V>,
  table: KTableImpl<K, VT>,
  joiner: (value: V, tableValue: VT | null, key: K) => VR,
  left: boolean,
  options: JoinedOptions<K, V> | undefined,
): KStream<K, VR> {
  const { ctx, shape } = stream;
  if (table.ctx !== ctx) throw new TopologyError('join: the stream and the table must come from the same StreamsBuilder');
  const keySerde = options?.keySerde ?? shape.keySerde;
  const parent = shape.repartitionRequired
    ? repartitionByKey(ctx, {
        parent: shape.nodeName,
        prefix: options?.name ?? shape.nodeName,
        generatedName: options?.name === undefined,
        keySerde,
        valueSerde: options?.valueSerde ?? shape.valueSerde,
      })
    : shape.nodeName;
  const name = ctx.names.orGenerate(options?.name, left ? 'KSTREAM-LEFTJOIN' : 'KSTREAM-JOIN');
  const getter = table.shape.valueGetter;
  ctx.graph.add(
    GraphNodes.processor({
      name,
      parents: [parent],
      supplier: streamTableJoinOperator<K, V, K, VT, VR>({ table: getter, tableKey: (key) => key, joiner, left, processorName: name }),
      stores: getter.storeNames,
    }),
  );
  ctx.graph.addCopartitionGroup([parent, table.shape.nodeName]);
  return new dsl.KStreamImpl<K, VR>(ctx, { nodeName: name, keySerde, valueSerde: undefined, repartitionRequired: false });
}

export function joinStreamWithGlobalTable<K, V, KG, VG, VR>(
  stream: KStreamImpl<K, V>,
  table: GlobalKTableImpl<KG, VG>,
  keySelector: (key: K, value: V) => KG,
  joiner: (value: V, tableValue: VG | null, key: K) => VR,
  left: boolean,
  options: NamedOptions | undefined,
): KStream<K, VR> {
  const { ctx, shape } = stream;
  if (table.ctx !== ctx) throw new TopologyError('join: the stream and the global table must come from the same StreamsBuilder');
  // Kafka Streams names the inner join with a global table KSTREAM-LEFTJOIN too (KStreamImpl.globalTableJoin).
  const name = ctx.names.orGenerate(options?.name, 'KSTREAM-LEFTJOIN');
  ctx.graph.add(
    GraphNodes.processor({
      name,
      parents: [shape.nodeName],
      supplier: streamTableJoinOperator<K, V, KG, VG, VR>({ table: table.valueGetter, tableKey: keySelector, joiner, left, processorName: name }),
      stores: [],
    }),
  );
  return new dsl.KStreamImpl<K, VR>(ctx, { ...shape, nodeName: name, valueSerde: undefined });
}
