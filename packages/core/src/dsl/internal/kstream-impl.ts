// The KStream behind the interface: each method appends one graph node and returns a new KStreamImpl.
import { GraphNodes, type AnySupplier } from '../../graph/graph-node.js';
import type { TopicNameExtractor } from '../../graph/graph-options.js';
import { filterOperator } from '../../processor/operators/filter.js';
import { flatMapValuesOperator } from '../../processor/operators/flat-map-values.js';
import { flatMapOperator } from '../../processor/operators/flat-map.js';
import { mapValuesOperator } from '../../processor/operators/map-values.js';
import { mapOperator } from '../../processor/operators/map.js';
import { type KeyValue } from '../../record/key-value.js';
import { passThroughOperator } from '../../processor/operators/pass-through.js';
import { peekOperator } from '../../processor/operators/peek.js';
import { processValuesOperator } from '../../processor/operators/process-values.js';
import { selectKeyOperator } from '../../processor/operators/select-key.js';
import type { FixedKeyProcessorSupplier, ProcessorSupplier } from '../../processor/processor.js';
import type { Serde } from '../../serde/serde.js';
import { tableSourceOperator } from '../../processor/operators/table/table-source.js';
import type { BranchedKStream } from '../branched-kstream.js';
import type { GlobalKTable } from '../global-ktable.js';
import type { KGroupedStream } from '../kgrouped-stream.js';
import type { KStream } from '../kstream.js';
import type { KTable } from '../ktable.js';
import type { JoinWindows } from '../windows/join-windows.js';
import type {
  GroupedOptions,
  JoinedOptions,
  MaterializedOptions,
  NamedOptions,
  ProcessOptions,
  ProducedOptions,
  RepartitionedOptions,
  StreamJoinedOptions,
} from '../options.js';
import type { BranchedKStreamImpl } from './branched-kstream-impl.js';
import type { BuilderContext } from './builder-context.js';
import type { KGroupedStreamImpl } from './kgrouped-stream-impl.js';
import { materializeStore } from './materialize.js';
import { repartitionByKey } from './repartition-by-key.js';
import { dispatchJoin } from './join-dispatch.js';
import { storedTable } from './stored-table.js';
import { dsl } from './dsl-classes.js';

export interface StreamShape<K, V> {
  /** The node whose output this stream is. */
  readonly nodeName: string;
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;
  /** True after a key-changing operation: key-based operations must repartition first. */
  readonly repartitionRequired: boolean;
}

export class KStreamImpl<K, V> implements KStream<K, V> {
  constructor(
    readonly ctx: BuilderContext,
    readonly shape: StreamShape<K, V>,
  ) {}

  /** Appends a processor node under this stream and returns the stream of its output. */
  private addOperator<K2, V2>(
    prefix: string,
    supplier: AnySupplier,
    options: NamedOptions | undefined,
    shape: Omit<StreamShape<K2, V2>, 'nodeName'>,
    stores: readonly string[] = [],
  ): KStreamImpl<K2, V2> {
    const name = this.ctx.names.orGenerate(options?.name, prefix);
    this.ctx.graph.add(GraphNodes.processor({ name, parents: [this.shape.nodeName], supplier, stores }));
    return new KStreamImpl<K2, V2>(this.ctx, { ...shape, nodeName: name });
  }

  private same(): Omit<StreamShape<K, V>, 'nodeName'> {
    return this.shape;
  }

  private rekeyed<K2, V2>(valueSerde: Serde<V2> | undefined): Omit<StreamShape<K2, V2>, 'nodeName'> {
    return { keySerde: undefined, valueSerde, repartitionRequired: true };
  }

  // A type guard only narrows the types: the records, and so the serdes, stay those of this stream.
  filter<VS extends V>(predicate: (key: K, value: V) => value is VS, options?: NamedOptions): KStream<K, VS>;
  filter<KS extends K>(predicate: (key: K, value: V) => key is KS, options?: NamedOptions): KStream<KS, V>;
  filter(predicate: (key: K, value: V) => boolean, options?: NamedOptions): KStream<K, V>;
  filter(predicate: (key: K, value: V) => boolean, options?: NamedOptions): KStream<K, V> {
    return this.addOperator('KSTREAM-FILTER', filterOperator(predicate, false), options, this.same());
  }

  filterNot<VS extends V>(predicate: (key: K, value: V) => value is VS, options?: NamedOptions): KStream<K, Exclude<V, VS>>;
  filterNot<KS extends K>(predicate: (key: K, value: V) => key is KS, options?: NamedOptions): KStream<Exclude<K, KS>, V>;
  filterNot(predicate: (key: K, value: V) => boolean, options?: NamedOptions): KStream<K, V>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the overloads above give filterNot its types
  filterNot(predicate: (key: K, value: V) => boolean, options?: NamedOptions): any {
    return this.addOperator('KSTREAM-FILTER', filterOperator(predicate, true), options, this.same());
  }

  map<K2, V2>(mapper: (key: K, value: V) => KeyValue<K2, V2>, options?: NamedOptions): KStream<K2, V2> {
    return this.addOperator('KSTREAM-MAP', mapOperator(mapper), options, this.rekeyed<K2, V2>(undefined));
  }

  mapValues<V2>(mapper: (value: V, key: K) => V2, options?: NamedOptions): KStream<K, V2> {
    return this.addOperator<K, V2>('KSTREAM-MAPVALUES', mapValuesOperator(mapper), options, {
      ...this.shape,
      valueSerde: undefined,
    });
  }

  flatMap<K2, V2>(mapper: (key: K, value: V) => Iterable<KeyValue<K2, V2>>, options?: NamedOptions): KStream<K2, V2> {
    return this.addOperator('KSTREAM-FLATMAP', flatMapOperator(mapper), options, this.rekeyed<K2, V2>(undefined));
  }

  flatMapValues<V2>(mapper: (value: V, key: K) => Iterable<V2>, options?: NamedOptions): KStream<K, V2> {
    return this.addOperator<K, V2>('KSTREAM-FLATMAPVALUES', flatMapValuesOperator(mapper), options, {
      ...this.shape,
      valueSerde: undefined,
    });
  }

  selectKey<K2>(mapper: (key: K, value: V) => K2, options?: NamedOptions): KStream<K2, V> {
    return this.addOperator('KSTREAM-KEY-SELECT', selectKeyOperator(mapper), options, this.rekeyed<K2, V>(this.shape.valueSerde));
  }

  peek(action: (key: K, value: V) => void, options?: NamedOptions): KStream<K, V> {
    return this.addOperator('KSTREAM-PEEK', peekOperator(action, true), options, this.same());
  }

  foreach(action: (key: K, value: V) => void, options?: NamedOptions): void {
    this.addOperator('KSTREAM-FOREACH', peekOperator(action, false), options, this.same());
  }

  split<Prefix extends string>(options?: { readonly name?: Prefix }): BranchedKStream<K, V, Prefix, []> {
    // Kafka Streams takes the split's number even when it is named.
    return dsl.BranchedKStreamImpl.start(this, this.ctx.names.takingNumber(options?.name, 'KSTREAM-BRANCH'));
  }

  merge(other: KStream<K, V>, options?: NamedOptions): KStream<K, V> {
    const o = other as KStreamImpl<K, V>;
    if (o.ctx !== this.ctx) throw new Error('merge: both streams must come from the same StreamsBuilder');
    const name = this.ctx.names.orGenerate(options?.name, 'KSTREAM-MERGE');
    this.ctx.graph.add(
      GraphNodes.processor({
        name,
        parents: [this.shape.nodeName, o.shape.nodeName],
        supplier: passThroughOperator(),
        stores: [],
      }),
    );
    const sameKeySerde = this.shape.keySerde === o.shape.keySerde ? this.shape.keySerde : undefined;
    const sameValueSerde = this.shape.valueSerde === o.shape.valueSerde ? this.shape.valueSerde : undefined;
    return new KStreamImpl<K, V>(this.ctx, {
      nodeName: name,
      keySerde: sameKeySerde,
      valueSerde: sameValueSerde,
      repartitionRequired: this.shape.repartitionRequired || o.shape.repartitionRequired,
    });
  }

  /** As Kafka Streams' `repartition()`: records without a key are dropped (`<name>-repartition-filter`). */
  repartition(options?: RepartitionedOptions<K, V>): KStream<K, V> {
    const base = this.ctx.names.orGenerate(options?.name, 'KSTREAM-REPARTITION');
    const keySerde = options?.keySerde ?? this.shape.keySerde;
    const valueSerde = options?.valueSerde ?? this.shape.valueSerde;
    const nodeName = repartitionByKey(this.ctx, {
      parent: this.shape.nodeName,
      prefix: base,
      generatedName: options?.name === undefined,
      keySerde,
      valueSerde,
      numberOfPartitions: options?.numberOfPartitions,
      partitioner: options?.partitioner,
    });
    return new KStreamImpl<K, V>(this.ctx, { nodeName, keySerde, valueSerde, repartitionRequired: false });
  }

  to(topic: string | TopicNameExtractor<K, V>, options?: ProducedOptions<K, V>): void {
    const name = this.ctx.names.orGenerate(options?.name, 'KSTREAM-SINK');
    this.ctx.graph.add(
      GraphNodes.sink({
        name,
        parents: [this.shape.nodeName],
        topic,
        keySerde: options?.keySerde ?? this.shape.keySerde,
        valueSerde: options?.valueSerde ?? this.shape.valueSerde,
        partitioner: options?.partitioner,
      }),
    );
  }

  process<KOut, VOut>(supplier: ProcessorSupplier<K, V, KOut, VOut>, options?: ProcessOptions): KStream<KOut, VOut> {
    return this.addOperator<KOut, VOut>('KSTREAM-PROCESSOR', supplier, options, this.rekeyed<KOut, VOut>(undefined), options?.stores);
  }

  processValues<VOut>(supplier: FixedKeyProcessorSupplier<K, V, VOut>, options?: ProcessOptions): KStream<K, VOut> {
    return this.addOperator<K, VOut>(
      'KSTREAM-PROCESSVALUES',
      processValuesOperator(supplier),
      options,
      { ...this.shape, valueSerde: undefined },
      options?.stores,
    );
  }

  toTable(options?: MaterializedOptions<K, V>): KTable<K, V> {
    const name = this.ctx.names.orGenerate(options?.name, 'KSTREAM-TOTABLE');
    const store = materializeStore<K, V>(this.ctx, options?.materialized, 'KSTREAM-TOTABLE-STATE-STORE', this.shape);
    const parent = this.shape.repartitionRequired
      ? repartitionByKey(this.ctx, {
          parent: this.shape.nodeName,
          prefix: name,
          generatedName: options?.name === undefined,
          // As Kafka Streams: the store's serdes (materialized, else the stream's) serve the repartition topic too.
          keySerde: store.keySerde,
          valueSerde: store.valueSerde,
        })
      : this.shape.nodeName;
    return storedTable<K, V>(this.ctx, name, parent, store, (oldValues, needed) => tableSourceOperator<K, V>(store.name, oldValues, needed), true);
  }

  groupByKey(options?: GroupedOptions<K, V>): KGroupedStream<K, V> {
    return new dsl.KGroupedStreamImpl<K, V>(this.ctx, {
      nodeName: this.shape.nodeName,
      keySerde: options?.keySerde ?? this.shape.keySerde,
      valueSerde: options?.valueSerde ?? this.shape.valueSerde,
      repartitionRequired: this.shape.repartitionRequired,
      groupedName: options?.name,
    });
  }

  groupBy<KR>(selector: (key: K, value: V) => KR, options?: GroupedOptions<KR, V>): KGroupedStream<KR, V> {
    const selected = this.addOperator<KR, V>('KSTREAM-KEY-SELECT', selectKeyOperator(selector), options, this.rekeyed<KR, V>(this.shape.valueSerde));
    return new dsl.KGroupedStreamImpl<KR, V>(this.ctx, {
      nodeName: selected.shape.nodeName,
      keySerde: options?.keySerde,
      valueSerde: options?.valueSerde ?? this.shape.valueSerde,
      repartitionRequired: true,
      groupedName: options?.name,
    });
  }

  // The KStream interface's overloads give each join its types; these dispatch on the arguments (join-dispatch.ts).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  join(other: JoinTarget<K>, a: AnyFunction, b?: unknown, c?: unknown): KStream<K, any> {
    return dispatchJoin(this, 'inner', other, a, b, c);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  leftJoin(other: JoinTarget<K>, a: AnyFunction, b?: unknown, c?: unknown): KStream<K, any> {
    return dispatchJoin(this, 'left', other, a, b, c);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  outerJoin(other: KStream<K, any>, joiner: AnyFunction, windows: JoinWindows, options?: StreamJoinedOptions<K, V, any>): KStream<K, any> {
    return dispatchJoin(this, 'outer', other, joiner, windows, options);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the overloads above give each join its types
type AnyFunction = (...args: any[]) => any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type JoinTarget<K> = KTable<NonNullable<K>, any> | GlobalKTable<any, any> | KStream<K, any>;
