// Foreign-key joins (Kafka Streams' KIP-213 `join(other, foreignKeyExtractor, joiner)`), built as Kafka Streams
// builds them, with two internal topics:
//   left table ─► subscription-registration processor ─► <name>-subscription-registration-topic (keyed by FK)
//     ─► subscription-receive (stores the subscription, answers with the right row) ─┐
//   right table ─► foreign-join-subscription (answers every subscriber of a changed FK) ─┴► <name>-subscription-
//     response-topic (keyed by the left key) ─► response-resolver (drops stale answers, joins) ─► result table
// The topics carry bytes the join's processors write (see subscription-wire.ts). The result is always
// materialized, so it can give old values to whatever comes after it.
import { TopologyError } from '../../errors.js';
import { GraphNodes, type AnySupplier } from '../../graph/graph-node.js';
import type { ForeignKeyJoinSerdes } from '../../processor/operators/foreign-key/foreign-key-codec.js';
import { foreignTableChangeOperator } from '../../processor/operators/foreign-key/foreign-table-change.js';
import { responseResolverOperator } from '../../processor/operators/foreign-key/response-resolver.js';
import { subscriptionReceiveOperator } from '../../processor/operators/foreign-key/subscription-receive.js';
import { subscriptionSendOperator } from '../../processor/operators/foreign-key/subscription-send.js';
import { tableSourceOperator } from '../../processor/operators/table/table-source.js';
import { storeValueGetter } from '../../processor/operators/table/value-getter.js';
import { Serdes } from '../../serde/serdes.js';
import { Stores } from '../../state/stores.js';
import type { KTable } from '../ktable.js';
import type { Materialized } from '../materialized.js';
import type { MaterializedOptions } from '../options.js';
import type { BuilderContext } from './builder-context.js';
import { KTableImpl } from './ktable-impl.js';
import { materializeStore } from './materialize.js';
import { SendOldValues } from './send-old-values.js';

export function joinOnForeignKey<K, V, KO, VO, VR>(
  left: KTableImpl<K, V>,
  right: KTableImpl<KO, VO>,
  foreignKeyExtractor: (value: V, key: K) => KO | null,
  joiner: (value: V, otherValue: VO | null) => VR,
  leftJoin: boolean,
  options: MaterializedOptions<K, VR> | undefined,
): KTable<K, VR> {
  const { ctx } = left;
  if (right.ctx !== ctx) throw new TopologyError('foreign-key join: both tables must come from the same StreamsBuilder');
  // The left side finds a row's previous foreign key in its old value; the right side skips no-op updates.
  left.shape.oldValues.enable();
  right.shape.oldValues.enable();
  const named = options?.name;
  const n = (suffix: string, prefix: string) => (named !== undefined ? `${named}${suffix}` : ctx.names.next(prefix));
  const subscription = n('-subscription-registration', 'KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION');
  const send = n('-subscription-registration-processor', 'KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION');
  const subscriptionStore = n('-subscription-store', 'KTABLE-FK-JOIN-SUBSCRIPTION-STATE-STORE');
  const receive = n('-subscription-receive', 'KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR');
  const foreignChange = n('-foreign-join-subscription', 'KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR');
  const response = n('-subscription-response', 'KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE');
  const resolver = n('-subscription-response-resolver', 'KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-RESOLVER-PROCESSOR');
  const resultName = n('-result', 'KTABLE-FK-JOIN-OUTPUT');
  const result = materializeStore<K, VR>(ctx, resultMaterialized(options?.materialized, named), 'KTABLE-FK-JOIN-OUTPUT-STATE-STORE', {
    keySerde: left.shape.keySerde,
    valueSerde: undefined,
  });
  const serdes: ForeignKeyJoinSerdes<K, V, KO, VO> = {
    joinName: named ?? resultName,
    subscriptionTopic: `${subscription}-topic`,
    responseTopic: `${response}-topic`,
    primaryKeySerde: left.shape.keySerde,
    valueSerde: left.shape.valueSerde,
    foreignKeySerde: right.shape.keySerde,
    foreignValueSerde: right.shape.valueSerde,
  };
  const generatedName = named === undefined;

  add(ctx, send, [left.shape.nodeName], [], subscriptionSendOperator({
    foreignKeyExtractor,
    leftJoin,
    serdes,
    subscriptionSink: `${subscription}-sink`,
    resolver,
    processorName: send,
  }));
  addBytesTopic(ctx, subscription, [send], serdes.subscriptionTopic, generatedName);
  ctx.graph.addStore(
    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(subscriptionStore), Serdes.bytes(), Serdes.bytes()).withLoggingEnabled(),
    generatedName,
  );
  add(ctx, receive, [subscription], [subscriptionStore, ...right.shape.valueGetter.storeNames], subscriptionReceiveOperator({
    serdes,
    storeName: subscriptionStore,
    foreignTable: right.shape.valueGetter,
  }));
  add(ctx, foreignChange, [right.shape.nodeName], [subscriptionStore], foreignTableChangeOperator(serdes, subscriptionStore));
  addBytesTopic(ctx, response, [receive, foreignChange], serdes.responseTopic, generatedName);
  add(ctx, resolver, [response, send], left.shape.valueGetter.storeNames, responseResolverOperator({
    serdes,
    table: left.shape.valueGetter,
    joiner,
    leftJoin,
  }));
  const oldValues = new SendOldValues();
  add(ctx, resultName, [resolver], [result.name], tableSourceOperator<K, VR>(result.name, oldValues.reader));
  ctx.graph.addCopartitionGroup([receive, right.shape.nodeName]);
  ctx.graph.addCopartitionGroup([resolver, left.shape.nodeName]);
  return new KTableImpl<K, VR>(ctx, {
    nodeName: resultName,
    keySerde: result.keySerde,
    valueSerde: result.valueSerde,
    storeName: result.name,
    valueGetter: storeValueGetter(result.name),
    oldValues,
  });
}

/** A named join without a store name keeps its result in `<name>-result-store` (not a generated name). */
function resultMaterialized<K, VR>(
  materialized: Materialized<K, VR> | undefined,
  named: string | undefined,
): Materialized<K, VR> | undefined {
  if (named === undefined || materialized?.storeName !== undefined || materialized?.storeSupplier !== undefined) {
    return materialized;
  }
  return { ...materialized, storeName: `${named}-result-store` };
}

function add(ctx: BuilderContext, name: string, parents: readonly string[], stores: readonly string[], supplier: AnySupplier): void {
  ctx.graph.add(GraphNodes.processor({ name, parents, supplier, stores: [...new Set(stores)] }));
}

function addBytesTopic(ctx: BuilderContext, name: string, parents: readonly string[], topicName: string, generatedName: boolean): void {
  ctx.graph.add(
    GraphNodes.repartition({
      name,
      parents,
      topicName,
      keySerde: Serdes.bytes(),
      valueSerde: Serdes.bytes(),
      numberOfPartitions: undefined,
      partitioner: undefined,
      generatedName,
    }),
  );
}
