// The nodes of a built Topology: what each task instantiates. Children are listed in declaration order.
import type { AnySerde, AnySupplier } from '../graph/graph-node.js';
import type { OffsetReset, Partitioner, TimestampExtractor, TopicNameExtractor } from '../graph/graph-options.js';

export interface SourceDefinition {
  readonly kind: 'source';
  readonly name: string;
  /** Topic names as written in the topology; internal ones get the application id prefix at run time. */
  readonly topics: readonly string[];
  readonly pattern: RegExp | undefined;
  readonly keySerde: AnySerde | undefined;
  readonly valueSerde: AnySerde | undefined;
  readonly timestampExtractor: TimestampExtractor | undefined;
  readonly offsetReset: OffsetReset | undefined;
  readonly children: readonly string[];
}

export interface ProcessorDefinition {
  readonly kind: 'processor';
  readonly name: string;
  readonly supplier: AnySupplier;
  readonly stores: readonly string[];
  readonly parents: readonly string[];
  readonly children: readonly string[];
}

export interface SinkDefinition {
  readonly kind: 'sink';
  readonly name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly topic: string | TopicNameExtractor<any, any>;
  readonly keySerde: AnySerde | undefined;
  readonly valueSerde: AnySerde | undefined;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly partitioner: Partitioner<any, any> | undefined;
  readonly parents: readonly string[];
}

export type NodeDefinition = SourceDefinition | ProcessorDefinition | SinkDefinition;

/** An internal topic the runtime creates: `<applicationId>-<name>`. */
export interface InternalTopicSpec {
  readonly name: string;
  readonly kind: 'repartition' | 'changelog';
  /** Undefined: sized at run time from the sub-topology's source topics. */
  readonly numberOfPartitions: number | undefined;
  readonly config: Readonly<Record<string, string>>;
}

export interface Subtopology {
  readonly id: number;
  /** Sources first, then processors and sinks in declaration order. */
  readonly nodes: readonly NodeDefinition[];
  readonly sourceTopics: readonly string[];
  readonly sourcePatterns: readonly RegExp[];
  /** Internal topics among `sourceTopics` and the sinks' topics. */
  readonly internalTopics: readonly string[];
}
