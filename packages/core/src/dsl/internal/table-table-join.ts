// KTable–KTable (primary-key) joins, as Kafka Streams builds them: KTABLE-JOINTHIS looks up each change of the
// left table in the right table, KTABLE-JOINOTHER each change of the right table in the left one, and
// KTABLE-MERGE is the result table (materialized into a store when asked). Left and outer joins need the old
// values of their preserved sides, to tell a deletion from a delete of an absent key.
import { TopologyError } from '../../errors.js';
import { GraphNodes } from '../../graph/graph-node.js';
import {
  tableJoinMergeOperator,
  tableJoinSideOperator,
  tableJoinValueGetter,
  type TableJoinKind,
} from '../../processor/operators/table/table-join.js';
import { storeValueGetter } from '../../processor/operators/table/value-getter.js';
import type { KTable } from '../ktable.js';
import type { MaterializedOptions } from '../options.js';
import type { KTableImpl } from './ktable-impl.js';
import { materializeStore } from './materialize.js';
import { SendOldValues } from './send-old-values.js';
import { dsl } from './dsl-classes.js';

export function joinTables<K, V, VO, VR>(
  left: KTableImpl<K, V>,
  right: KTableImpl<K, VO>,
  joiner: (value: V | null, otherValue: VO | null, key: K) => VR,
  kind: TableJoinKind,
  options: MaterializedOptions<K, VR> | undefined,
): KTable<K, VR> {
  const { ctx } = left;
  if (right.ctx !== ctx) throw new TopologyError('join: both tables must come from the same StreamsBuilder');
  const store = options?.materialized
    ? materializeStore<K, VR>(ctx, options.materialized, 'KTABLE-MERGE-STATE-STORE', { keySerde: left.shape.keySerde, valueSerde: undefined })
    : undefined;
  const mergeName = ctx.names.orGenerate(options?.name, 'KTABLE-MERGE');
  const thisName = options?.name !== undefined ? `${options.name}-join-this` : ctx.names.next('KTABLE-JOINTHIS');
  const otherName = options?.name !== undefined ? `${options.name}-join-other` : ctx.names.next('KTABLE-JOINOTHER');
  if (kind !== 'inner') left.shape.oldValues.enable();
  if (kind === 'outer') right.shape.oldValues.enable();
  // A materialized result reads its old values from its store; otherwise the sides compute them from theirs.
  const oldValues = store ? new SendOldValues() : new SendOldValues([left.shape.oldValues, right.shape.oldValues]);
  const sidesSendOld = store ? () => false : oldValues.reader;
  ctx.graph.add(
    GraphNodes.processor({
      name: thisName,
      parents: [left.shape.nodeName],
      supplier: tableJoinSideOperator<K, V, VO, VR>({
        preserveThis: kind !== 'inner',
        preserveOther: kind === 'outer',
        other: right.shape.valueGetter,
        joiner,
        sendOldValues: sidesSendOld,
      }),
      stores: right.shape.valueGetter.storeNames,
    }),
  );
  ctx.graph.add(
    GraphNodes.processor({
      name: otherName,
      parents: [right.shape.nodeName],
      supplier: tableJoinSideOperator<K, VO, V, VR>({
        preserveThis: kind === 'outer',
        preserveOther: kind !== 'inner',
        other: left.shape.valueGetter,
        joiner: (value, otherValue, key) => joiner(otherValue, value, key),
        sendOldValues: sidesSendOld,
      }),
      stores: left.shape.valueGetter.storeNames,
    }),
  );
  ctx.graph.add(
    GraphNodes.processor({
      name: mergeName,
      parents: [thisName, otherName],
      supplier: tableJoinMergeOperator<K, VR>(store?.name, oldValues.reader),
      stores: store ? [store.name] : [],
    }),
  );
  ctx.graph.addCopartitionGroup([left.shape.nodeName, right.shape.nodeName]);
  return new dsl.KTableImpl<K, VR>(ctx, {
    nodeName: mergeName,
    keySerde: store?.keySerde ?? left.shape.keySerde,
    valueSerde: store?.valueSerde,
    storeName: store?.name,
    valueGetter: store ? storeValueGetter(store.name) : tableJoinValueGetter(kind, left.shape.valueGetter, right.shape.valueGetter, joiner),
    oldValues,
  });
}
