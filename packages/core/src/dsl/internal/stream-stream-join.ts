// Stream–stream joins, wired as Kafka Streams wires them: each side goes through a KSTREAM-WINDOWED processor that
// keeps it in its window store, then a join processor that reads the other side's store; the two join outputs are
// merged. A left or outer join adds the shared outer-join store. Both inputs must be co-partitioned; a side whose
// key changed upstream is repartitioned first.
import { TopologyError } from '../../errors.js';
import { GraphNodes } from '../../graph/graph-node.js';
import { joinTimeTrackers, joinWindowOperator, streamStreamJoinOperator } from '../../processor/operators/stream-stream-join.js';
import { passThroughOperator } from '../../processor/operators/pass-through.js';
import { OuterJoinStoreBuilder } from '../../state/join/outer-join-store.js';
import { Stores } from '../../state/stores.js';
import type { KStream } from '../kstream.js';
import type { StreamJoinedOptions } from '../options.js';
import type { JoinWindows } from '../windows/join-windows.js';
import { dsl } from './dsl-classes.js';
import type { KStreamImpl } from './kstream-impl.js';
import { repartitionByKey } from './repartition-by-key.js';

export type StreamJoinKind = 'inner' | 'left' | 'outer';

export function joinStreams<K, V, VO, VR>(
  left: KStreamImpl<K, V>,
  right: KStreamImpl<K, VO>,
  joiner: (value: V | null, otherValue: VO | null, key: K) => VR,
  windows: JoinWindows,
  kind: StreamJoinKind,
  options: StreamJoinedOptions<K, V, VO> | undefined,
): KStream<K, VR> {
  const { ctx } = left;
  if (right.ctx !== ctx) throw new TopologyError('join: both streams must come from the same StreamsBuilder');
  const leftOuter = kind !== 'inner';
  const rightOuter = kind === 'outer';
  const name = options?.name;
  const keySerde = options?.keySerde ?? left.shape.keySerde ?? right.shape.keySerde;
  const leftSerde = options?.valueSerde ?? left.shape.valueSerde;
  const rightSerde = options?.otherValueSerde ?? right.shape.valueSerde;
  const input = (side: KStreamImpl<K, unknown>, suffix: string, valueSerde: unknown) =>
    side.shape.repartitionRequired
      ? repartitionByKey(ctx, {
          parent: side.shape.nodeName,
          // Kafka Streams: `<name>-left` / `<name>-right` when named, else the re-keyed node's own name.
          prefix: name !== undefined ? `${name}-${suffix}` : side.shape.nodeName,
          generatedName: name === undefined,
          keySerde,
          valueSerde: valueSerde as never,
        })
      : side.shape.nodeName;
  const leftParent = input(left as KStreamImpl<K, unknown>, 'left', leftSerde);
  const rightParent = input(right as KStreamImpl<K, unknown>, 'right', rightSerde);

  // Kafka Streams' KStreamImplJoin: a given name still takes the generated names' numbers (suffixWithOrElseGet), and
  // an outer side's processor and store are `-outer-this-join` / `-outer-other-join`.
  const withSuffix = (suffix: string) => (name === undefined ? undefined : `${name}${suffix}`);
  const leftWindowed = ctx.names.takingNumber(withSuffix('-this-windowed'), 'KSTREAM-WINDOWED');
  const rightWindowed = ctx.names.takingNumber(withSuffix('-other-windowed'), 'KSTREAM-WINDOWED');
  const leftJoinGenerated = ctx.names.next(rightOuter ? 'KSTREAM-OUTERTHIS' : 'KSTREAM-JOINTHIS');
  const rightJoinGenerated = ctx.names.next(leftOuter ? 'KSTREAM-OUTEROTHER' : 'KSTREAM-JOINOTHER');
  const thisSuffix = rightOuter ? '-outer-this-join' : '-this-join';
  const otherSuffix = leftOuter ? '-outer-other-join' : '-other-join';
  const leftJoin = withSuffix(thisSuffix) ?? leftJoinGenerated;
  const rightJoin = withSuffix(otherSuffix) ?? rightJoinGenerated;
  const merge = ctx.names.takingNumber(withSuffix('-merge'), 'KSTREAM-MERGE');

  const base = options?.storeName;
  const leftStore = base !== undefined ? `${base}${thisSuffix}-store` : `${leftJoinGenerated}-store`;
  const rightStore = base !== undefined ? `${base}${otherSuffix}-store` : `${rightJoinGenerated}-store`;
  const inMemory = options?.storeType === 'in-memory';
  // As Kafka Streams: each side's store keeps every record (duplicates too) for the window size plus grace.
  const storeOptions = { retentionPeriod: windows.size + windows.gracePeriodMs, windowSize: windows.size, retainDuplicates: true };
  const windowStore = (storeName: string, valueSerde: unknown) => {
    const supplier = inMemory ? Stores.inMemoryWindowStore(storeName, storeOptions) : Stores.persistentWindowStore(storeName, storeOptions);
    const builder = Stores.windowStoreBuilder(supplier, keySerde, valueSerde as never);
    return options?.loggingEnabled === false ? builder.withLoggingDisabled() : builder;
  };
  ctx.graph.addStore(windowStore(leftStore, leftSerde), base === undefined);
  ctx.graph.addStore(windowStore(rightStore, rightSerde), base === undefined);
  let outerStore: string | undefined;
  if (leftOuter) {
    const suffix = rightOuter ? 'outer-shared-join' : 'left-shared-join';
    outerStore = base !== undefined ? `${base}-${suffix}-store` : `KSTREAM-OUTERSHARED-${leftJoinGenerated.slice(-10)}-store`;
    const builder = new OuterJoinStoreBuilder<K, V, VO>(outerStore, { key: keySerde, left: leftSerde, right: rightSerde }, inMemory);
    ctx.graph.addStore(options?.loggingEnabled === false ? builder.withLoggingDisabled() : builder, base === undefined);
  }

  const trackers = joinTimeTrackers();
  const joined = (key: K, l: V | null, r: VO | null) => joiner(l, r, key);
  const side = (leftSide: boolean, processorName: string, otherStore: string, outer: boolean) =>
    streamStreamJoinOperator<K, V, VO, VR>({
      leftSide,
      otherStore,
      beforeMs: leftSide ? windows.beforeMs : windows.afterMs,
      afterMs: leftSide ? windows.afterMs : windows.beforeMs,
      windows,
      outer,
      outerStore,
      trackers,
      joiner: joined,
      processorName,
    });
  const withOuter = (stores: string[]) => (outerStore === undefined ? stores : [...stores, outerStore]);
  const { graph } = ctx;
  graph.add(GraphNodes.processor({ name: leftWindowed, parents: [leftParent], supplier: joinWindowOperator(leftStore), stores: [leftStore] }));
  graph.add(GraphNodes.processor({ name: rightWindowed, parents: [rightParent], supplier: joinWindowOperator(rightStore), stores: [rightStore] }));
  graph.add(GraphNodes.processor({ name: leftJoin, parents: [leftWindowed], supplier: side(true, leftJoin, rightStore, leftOuter), stores: withOuter([rightStore]) }));
  graph.add(GraphNodes.processor({ name: rightJoin, parents: [rightWindowed], supplier: side(false, rightJoin, leftStore, rightOuter), stores: withOuter([leftStore]) }));
  graph.add(GraphNodes.processor({ name: merge, parents: [leftJoin, rightJoin], supplier: passThroughOperator(), stores: [] }));
  graph.addCopartitionGroup([leftParent, rightParent]);
  return new dsl.KStreamImpl<K, VR>(ctx, { nodeName: merge, keySerde, valueSerde: undefined, repartitionRequired: false });
}
