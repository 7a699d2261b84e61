// Foreign-key joins (KIP-213: Kafka Streams' `join(other, foreignKeyExtractor, joiner)`), built as Kafka Streams
// 4.3 builds them (KTableImpl.doJoinOnForeignKey), with two internal topics:
//   left table ─► subscription-registration-processor ─► <…>-subscription-registration-topic (keyed by FK)
//     ─► subscription-receive (stores or deletes the subscription) ─► subscription-join-foreign (answers it) ─┐
//   right table ─► foreign-join-subscription (every right record answers every subscriber of its key) ─────┴►
//     <…>-subscription-response-topic (keyed by the left key) ─► subscription-response-resolver (drops stale
//     answers, joins) ─► result table
// The topics carry Kafka Streams' byte format (subscription-wire.ts). The result table has a store only when the
// user asks for one (`materialized`) or an operator downstream needs it (old values, or its value getter): as in
// Kafka Streams, its name is generated (KTABLE-FK-JOIN-OUTPUT-STATE-STORE-…) in either case.
import { TopologyError } from '../../errors.js';
import { GraphNodes, type AnySupplier } from '../../graph/graph-node.js';
import type { Partitioner } from '../../graph/graph-options.js';
import type { ForeignKeyJoinSerdes } from '../../processor/operators/foreign-key/foreign-key-codec.js';
import { foreignKeyResultOperator } from '../../processor/operators/foreign-key/foreign-key-result.js';
import { foreignTableJoinOperator } from '../../processor/operators/foreign-key/foreign-table-join.js';
import { responseResolverOperator } from '../../processor/operators/foreign-key/response-resolver.js';
import { subscriptionJoinOperator } from '../../processor/operators/foreign-key/subscription-join.js';
import { subscriptionReceiveOperator } from '../../processor/operators/foreign-key/subscription-receive.js';
import { subscriptionSendOperator } from '../../processor/operators/foreign-key/subscription-send.js';
import { responsePartitioner, responseSerde } from '../../processor/operators/foreign-key/subscription-wire.js';
import { storeValueGetter, type ValueGetterSupplier } from '../../processor/operators/table/value-getter.js';
import type { Serde } from '../../serde/serde.js';
import { Serdes } from '../../serde/serdes.js';
import { Stores } from '../../state/stores.js';
import type { KTable } from '../ktable.js';
import type { MaterializedOptions } from '../options.js';
import type { BuilderContext } from './builder-context.js';
import type { KTableImpl } from './ktable-impl.js';
import { storeBuilderOf, storeNameOf } from './materialize.js';
import { SendOldValues } from './send-old-values.js';
import { dsl } from './dsl-classes.js';

export function joinOnForeignKey<K, V, KO, VO, VR>(
  left: KTableImpl<K, V>,
  right: KTableImpl<KO, VO>,
  foreignKeyExtractor: (value: V, key: K) => KO | null | undefined,
  joiner: (value: V, otherValue: VO | null) => VR,
  leftJoin: boolean,
  options: MaterializedOptions<K, VR> | undefined,
): KTable<K, VR> {
  const { ctx } = left;
  if (!(right instanceof dsl.KTableImpl) || right.ctx !== ctx) {
    throw new TopologyError('foreign-key join: both tables must come from the same StreamsBuilder');
  }
  // As Kafka Streams: both tables send old values; the left one must, for the send processor to find a row's
  // previous foreign key.
  right.shape.oldValues.enable();
  left.shape.oldValues.enable();
  const named = options?.name;
  const n = (suffix: string, prefix: string) => (named !== undefined ? `${named}${suffix}` : ctx.names.next(prefix));
  // Names in Kafka Streams' order. Its sink and source nodes of each topic take a generated name each
  // (KTABLE-SINK-…, KTABLE-SOURCE-…); ours are `<topic node>-sink` and `-source`, but take the numbers too, so the
  // names generated after the join are Kafka Streams'.
  const subscription = n('-subscription-registration', 'KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION');
  const send = n('-subscription-registration-processor', 'KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION');
  if (named === undefined) skipNames(ctx, 'KTABLE-SINK', 'KTABLE-SOURCE');
  const subscriptionStore = n('-subscription-store', 'KTABLE-FK-JOIN-SUBSCRIPTION-STATE-STORE');
  const receive = n('-subscription-receive', 'KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR');
  const subscriptionJoin = n('-subscription-join-foreign', 'KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR');
  const foreignJoin = n('-foreign-join-subscription', 'KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR');
  const response = n('-subscription-response', 'KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE');
  if (named === undefined) skipNames(ctx, 'KTABLE-SINK', 'KTABLE-SOURCE');
  const resolver = n('-subscription-response-resolver', 'KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-RESOLVER-PROCESSOR');
  const resultName = n('-result', 'KTABLE-FK-JOIN-OUTPUT');
  const generatedName = named === undefined;

  const serdes: ForeignKeyJoinSerdes<K, V, KO, VO> = {
    joinName: named ?? resultName,
    subscriptionTopic: `${subscription}-topic`,
    responseTopic: `${response}-topic`,
    primaryKeySerde: left.shape.keySerde,
    valueSerde: left.shape.valueSerde,
    foreignKeySerde: right.shape.keySerde,
    foreignValueSerde: right.shape.valueSerde,
  };

  add(ctx, send, [left.shape.nodeName], [], subscriptionSendOperator({ foreignKeyExtractor, leftJoin, serdes, processorName: send }));
  // A left join's subscription without foreign key has a null key.
  const subscriptionKeySerde = Serdes.nullable(Serdes.bytes());
  addTopic(ctx, subscription, [send], serdes.subscriptionTopic, subscriptionKeySerde, Serdes.bytes(), undefined, generatedName);
  ctx.graph.addStore(
    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(subscriptionStore), Serdes.bytes(), Serdes.bytes())
      .withCachingDisabled()
      .withLoggingEnabled(),
    generatedName,
  );
  const receiveOperator = subscriptionReceiveOperator({ storeName: subscriptionStore, processorName: receive });
  add(ctx, receive, [subscription], [subscriptionStore], receiveOperator);
  const joinOperator = subscriptionJoinOperator({ serdes, foreignTable: right.shape.valueGetter });
  add(ctx, subscriptionJoin, [receive], right.shape.valueGetter.storeNames, joinOperator);
  const foreignOperator = foreignTableJoinOperator({ serdes, storeName: subscriptionStore, processorName: foreignJoin });
  add(ctx, foreignJoin, [right.shape.nodeName], [subscriptionStore], foreignOperator);
  const responders = [subscriptionJoin, foreignJoin];
  addTopic(ctx, response, responders, serdes.responseTopic, Serdes.bytes(), responseSerde, responsePartitioner, generatedName);
  const resolverOperator = responseResolverOperator({ serdes, table: left.shape.valueGetter, joiner, leftJoin });
  add(ctx, resolver, [response], left.shape.valueGetter.storeNames, resolverOperator);
  ctx.graph.addCopartitionGroup([receive, right.shape.nodeName]);
  ctx.graph.addCopartitionGroup([resolver, left.shape.nodeName]);
  return resultTable(ctx, resultName, resolver, left.shape.keySerde, options);
}

/**
 * The join's result (Kafka Streams' KTableSource over the resolver). Its store's name is taken now, as Kafka
 * Streams takes it, but the store exists only if the user asks for it or, later in the DSL, something needs old
 * values or a value getter of this table. The processor's store list is filled in then, before `build()` reads it.
 */
function resultTable<K, VR>(
  ctx: BuilderContext,
  resultName: string,
  parent: string,
  keySerde: Serde<K> | undefined,
  options: MaterializedOptions<K, VR> | undefined,
): KTable<K, VR> {
  const materialized = options?.materialized;
  const store = storeNameOf(ctx, materialized, 'KTABLE-FK-JOIN-OUTPUT-STATE-STORE');
  const resultKeySerde = materialized?.keySerde ?? keySerde;
  const stores: string[] = [];
  const isMaterialized = () => stores.length > 0;
  const materialize = () => {
    if (isMaterialized()) return;
    ctx.graph.addStore(storeBuilderOf(store.name, materialized, resultKeySerde, materialized?.valueSerde), store.generatedName);
    stores.push(store.name);
  };
  if (materialized !== undefined) materialize();
  const oldValues = new ResultOldValues(materialize, isMaterialized);
  ctx.graph.add(
    GraphNodes.processor({
      name: resultName,
      parents: [parent],
      supplier: foreignKeyResultOperator<K, VR>({
        storeName: () => (isMaterialized() ? store.name : undefined),
        sendOldValues: oldValues.reader,
        processorName: resultName,
      }),
      stores,
    }),
  );
  const valueGetter: ValueGetterSupplier<K, VR> = {
    get storeNames() {
      materialize();
      return [store.name];
    },
    create: (context) => storeValueGetter<K, VR>(store.name).create(context),
  };
  return new dsl.KTableImpl<K, VR>(ctx, {
    nodeName: resultName,
    keySerde: resultKeySerde,
    valueSerde: materialized?.valueSerde,
    get storeName() {
      return isMaterialized() ? store.name : undefined;
    },
    valueGetter,
    oldValues,
  });
}

/** The result's old values come from its store: asking for them materializes it (Kafka Streams' KTableSource). */
class ResultOldValues extends SendOldValues {
  constructor(
    private readonly materialize: () => void,
    private readonly isMaterialized: () => boolean,
  ) {
    super();
  }

  override enable(): void {
    this.materialize();
    super.enable();
  }

  /** Kafka Streams' `enableSendingOldValues(false)`: on only if the result has a store anyway. */
  override enableWithoutMaterializing(): boolean {
    if (this.isMaterialized()) this.enable();
    return this.enabled;
  }
}

/** Takes generated names Kafka Streams takes for nodes we name otherwise. */
function skipNames(ctx: BuilderContext, ...prefixes: string[]): void {
  for (const prefix of prefixes) ctx.names.next(prefix);
}

function add(ctx: BuilderContext, name: string, parents: readonly string[], stores: readonly string[], supplier: AnySupplier): void {
  ctx.graph.add(GraphNodes.processor({ name, parents, supplier, stores: [...new Set(stores)] }));
}

/** An internal topic of the join: written by `parents`, read back by a source named `<name>-source`. */
function addTopic<K, V>(
  ctx: BuilderContext,
  name: string,
  parents: readonly string[],
  topicName: string,
  keySerde: Serde<K>,
  valueSerde: Serde<V>,
  partitioner: Partitioner<K, V> | undefined,
  generatedName: boolean,
): void {
  ctx.graph.add(
    GraphNodes.repartition({ name, parents, topicName, keySerde, valueSerde, numberOfPartitions: undefined, partitioner, generatedName }),
  );
}
