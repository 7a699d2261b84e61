// The entry point of the DSL: declare sources, chain operators, then `build()` an immutable Topology.
import { TopologyError } from '../errors.js';
import { GraphNodes, type AnySupplier } from '../graph/graph-node.js';
import type { ProcessorSupplier } from '../processor/processor.js';
import { buildTopology, type BuildOptions } from '../topology/build-topology.js';
import type { StateStore } from '../state/state-store.js';
import type { StoreBuilder } from '../state/store-builder.js';
import type { Topology } from '../topology/topology.js';
import { globalTableSourceOperator, tableSourceOperator } from '../processor/operators/table/table-source.js';
import { storeValueGetter } from '../processor/operators/table/value-getter.js';
import { Serdes } from '../serde/serdes.js';
import type { Serde } from '../serde/serde.js';
import type { GlobalKTable } from './global-ktable.js';
import { BuilderContext } from './internal/builder-context.js';
import './internal/register-dsl-classes.js';
import { GlobalKTableImpl } from './internal/global-ktable-impl.js';
import { KStreamImpl } from './internal/kstream-impl.js';
import { materializeStore, storeBuilderOf, storeNameOf } from './internal/materialize.js';
import type { KStream } from './kstream.js';
import type { KTable } from './ktable.js';
import type { ConsumedOptions, GlobalTableOptions, TableOptions } from './options.js';
import { storedTable } from './internal/stored-table.js';

export class StreamsBuilder {
  private readonly ctx = new BuilderContext();
  private readonly subscribed = new Set<string>();
  private readonly patterns: RegExp[] = [];

  /**
   * A stream of the records of one topic, several topics, or every topic matching a pattern. Without serdes the
   * config's default serdes are used, and the types are what you declare: `builder.stream<string, Order>('t')`.
   */
  stream<K = unknown, V = unknown>(
    topics: string | readonly string[] | RegExp,
    options?: ConsumedOptions<K, V>,
  ): KStream<K, V> {
    const list = topics instanceof RegExp ? [] : typeof topics === 'string' ? [topics] : [...topics];
    if (!(topics instanceof RegExp) && list.length === 0) throw new TopologyError('stream(): no topic given');
    this.subscribe(list);
    if (topics instanceof RegExp) this.patterns.push(topics);
    const name = this.ctx.names.orGenerate(options?.name, 'KSTREAM-SOURCE');
    this.ctx.graph.add(
      GraphNodes.source({
        name,
        parents: [],
        topics: list,
        pattern: topics instanceof RegExp ? topics : undefined,
        keySerde: options?.keySerde,
        valueSerde: options?.valueSerde,
        timestampExtractor: options?.timestampExtractor,
        offsetReset: options?.offsetReset,
      }),
    );
    return new KStreamImpl<K, V>(this.ctx, {
      nodeName: name,
      keySerde: options?.keySerde,
      valueSerde: options?.valueSerde,
      repartitionRequired: false,
    });
  }

  /**
   * A table of the latest value per key of `topic` (a changelog: a null value deletes its key). The table is kept
   * in a state store, named by `materialized` or generated (`<topic>-STATE-STORE-<index>`). Without serdes the
   * config's defaults are used; values are read with `Serdes.nullable(valueSerde)` so tombstones come through.
   */
  table<K = unknown, V = unknown>(topic: string, options?: TableOptions<K, V>): KTable<K, V> {
    this.subscribe([topic]);
    const store = materializeStore<K, V>(this.ctx, options?.materialized, `${topic}-STATE-STORE`, {
      keySerde: options?.keySerde,
      valueSerde: options?.valueSerde,
    }, topic);
    const sourceName = options?.name !== undefined ? `${options.name}-source` : this.ctx.names.next('KSTREAM-SOURCE');
    const name = this.ctx.names.orGenerate(options?.name, 'KTABLE-SOURCE');
    this.ctx.graph.add(
      GraphNodes.source({
        name: sourceName,
        parents: [],
        topics: [topic],
        pattern: undefined,
        keySerde: options?.keySerde,
        valueSerde: nullableOf(options?.valueSerde),
        timestampExtractor: options?.timestampExtractor,
        offsetReset: options?.offsetReset,
        nullableValues: true,
      }),
    );
    return storedTable<K, V>(this.ctx, name, sourceName, store, (oldValues, needed) => tableSourceOperator<K, V>(store.name, oldValues, needed), true);
  }

  /**
   * A table every instance holds in full: all partitions of `topic`, read into a global store (named by
   * `materialized` or `<topic>-STATE-STORE-<index>`) before the tasks start and kept up to date while they run.
   * Streams join it through a key selector, without co-partitioning. The store has no changelog and no cache.
   */
  globalTable<K = unknown, V = unknown>(topic: string, options?: GlobalTableOptions<K, V>): GlobalKTable<K, V> {
    this.subscribe([topic]);
    const materialized = options?.materialized;
    const { name } = storeNameOf(this.ctx, materialized, `${topic}-STATE-STORE`);
    const keySerde = materialized?.keySerde ?? options?.keySerde;
    const valueSerde = materialized?.valueSerde ?? options?.valueSerde;
    const builder = storeBuilderOf<K, V>(name, materialized, keySerde, valueSerde).withLoggingDisabled().withCachingDisabled();
    this.registerGlobalStore<K, V | null>(
      builder,
      topic,
      globalTableSourceOperator<K, V>(name),
      { name: options?.name, keySerde: options?.keySerde, valueSerde: nullableOf(options?.valueSerde), timestampExtractor: options?.timestampExtractor },
      true,
    );
    return new GlobalKTableImpl<K, V>(this.ctx, name, storeValueGetter(name, false));
  }

  /**
   * Declares a state store that processors can use: name it in `process(supplier, { stores: [name] })` and get it
   * with `context.getStateStore(name)`. Every task gets its own instance (`builder.build()` once per task).
   */
  addStateStore(builder: StoreBuilder<StateStore>): this {
    this.ctx.graph.addStore(builder);
    return this;
  }

  /**
   * A global store: every instance reads all partitions of `topic` into its own copy, through the processor
   * `supplier` makes, fully before its tasks start and then while they run. Every processor can read it with
   * `context.getStateStore(name)` without connecting it. Its builder must have logging disabled (the topic is
   * the changelog). `globalTable()` is built on this.
   */
  addGlobalStore<K, V>(
    storeBuilder: StoreBuilder<StateStore>,
    topic: string,
    supplier: ProcessorSupplier<K, V, never, never>,
    options?: ConsumedOptions<K, V>,
  ): this {
    this.registerGlobalStore(storeBuilder, topic, supplier, options, false);
    return this;
  }

  private registerGlobalStore<K, V>(
    storeBuilder: StoreBuilder<StateStore>,
    topic: string,
    supplier: ProcessorSupplier<K, V, never, never>,
    options: ConsumedOptions<K, V> | undefined,
    nullableValues: boolean,
  ): void {
    const sourceName = this.ctx.names.orGenerate(options?.name, 'KSTREAM-SOURCE');
    this.ctx.graph.addGlobalStore({
      builder: storeBuilder,
      topic,
      sourceName,
      processorName: this.ctx.names.next('KTABLE-SOURCE'),
      keySerde: options?.keySerde,
      valueSerde: options?.valueSerde,
      timestampExtractor: options?.timestampExtractor,
      supplier: supplier as AnySupplier,
      nullableValues,
    });
  }

  private subscribe(topics: readonly string[]): void {
    for (const t of topics) {
      if (this.subscribed.has(t)) {
        throw new TopologyError(`topic '${t}' is already read by another source; a topic can be read by one source only`);
      }
      this.subscribed.add(t);
    }
  }

  /**
   * The immutable topology of everything declared so far. `{ optimization: 'all' }` (Kafka Streams'
   * `topology.optimization`, off by default) lets source tables restore from their input topic instead of a
   * changelog topic of their own.
   */
  build(options?: BuildOptions): Topology {
    const g = this.ctx.graph;
    return buildTopology(g.nodes, g.stores, g.globalStores, g.copartitionGroups, options);
  }
}

/** Table topics carry tombstones: a given value serde is made nullable (a default one is the runtime's to wrap). */
function nullableOf<V>(serde: Serde<V> | undefined): Serde<V | null> | undefined {
  return serde === undefined ? undefined : Serdes.nullable(serde);
}
