// The logical graph the DSL builds: readonly nodes tagged by `kind`. `build()` turns it into a Topology.
// Adding a kind makes `buildTopology`'s exhaustive switch fail to compile until it is handled.
import type { ProcessorSupplier } from '../processor/processor.js';
import type { Serde } from '../serde/serde.js';
import type { OffsetReset, Partitioner, TimestampExtractor, TopicNameExtractor } from './graph-options.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- graph nodes erase the DSL's type parameters */
export type AnySerde = Serde<any>;
export type AnySupplier = ProcessorSupplier<any, any, any, any>;

interface BaseNode {
  readonly name: string;
  readonly parents: readonly string[];
}

export interface SourceGraphNode extends BaseNode {
  readonly kind: 'source';
  readonly topics: readonly string[];
  readonly pattern: RegExp | undefined;
  readonly keySerde: AnySerde | undefined;
  readonly valueSerde: AnySerde | undefined;
  readonly timestampExtractor: TimestampExtractor | undefined;
  readonly offsetReset: OffsetReset | undefined;
  /** A table source: values may be null (tombstones), so a default value serde is wrapped in `nullable`. */
  readonly nullableValues?: boolean;
  /** Wraps the value serde (given or the config's default) at run time, e.g. a table change's serde. */
  readonly wrapValueSerde?: (inner: AnySerde) => AnySerde;
}

export interface ProcessorGraphNode extends BaseNode {
  readonly kind: 'processor';
  readonly supplier: AnySupplier;
  /** Names of the state stores this processor reads or writes. */
  readonly stores: readonly string[];
}

export interface SinkGraphNode extends BaseNode {
  readonly kind: 'sink';
  readonly topic: string | TopicNameExtractor<any, any>;
  readonly keySerde: AnySerde | undefined;
  readonly valueSerde: AnySerde | undefined;
  readonly partitioner: Partitioner<any, any> | undefined;
  /** Wraps the value serde (given or the config's default) at run time, e.g. a table change's serde. */
  readonly wrapValueSerde?: (inner: AnySerde) => AnySerde;
}

/** Writes to `<applicationId>-<topicName>` and reads it back in a new sub-topology. */
export interface RepartitionGraphNode extends BaseNode {
  readonly kind: 'repartition';
  /** Without the application id prefix, e.g. `KSTREAM-REPARTITION-0000000003-repartition`. */
  readonly topicName: string;
  readonly keySerde: AnySerde | undefined;
  readonly valueSerde: AnySerde | undefined;
  readonly numberOfPartitions: number | undefined;
  readonly partitioner: Partitioner<any, any> | undefined;
  /** True when the DSL generated the topic's name (a warning at start: renaming would lose in-flight records). */
  readonly generatedName: boolean;
  /** The names of the sink writing the topic and of the source reading it (default `<name>-sink`, `<name>-source`). */
  readonly sinkName?: string;
  readonly sourceName?: string;
  /**
   * Wraps the value serde (given or the config's default) at run time: a KGroupedTable's topic carries table
   * changes, whose serde wraps the value serde, which may be known only at run time.
   */
  readonly wrapValueSerde?: (inner: AnySerde) => AnySerde;
}

export type GraphNode = SourceGraphNode | ProcessorGraphNode | SinkGraphNode | RepartitionGraphNode;
export type GraphNodeKind = GraphNode['kind'];

type Fields<N extends GraphNode> = Omit<N, 'kind'>;

export const GraphNodes = {
  source: (f: Fields<SourceGraphNode>): SourceGraphNode => Object.freeze({ kind: 'source', ...f }),
  processor: (f: Fields<ProcessorGraphNode>): ProcessorGraphNode => Object.freeze({ kind: 'processor', ...f }),
  sink: (f: Fields<SinkGraphNode>): SinkGraphNode => Object.freeze({ kind: 'sink', ...f }),
  repartition: (f: Fields<RepartitionGraphNode>): RepartitionGraphNode =>
    Object.freeze({ kind: 'repartition', ...f }),
};
