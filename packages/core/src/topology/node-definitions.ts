// The nodes of a built Topology: what each task instantiates. Children are listed in declaration order.
import type { AnySupplier, SinkGraphNode, SourceGraphNode } from '../graph/graph-node.js';
import type { StateStore } from '../state/state-store.js';
import type { StoreBuilder } from '../state/store-builder.js';

/** A source as the graph declared it, with its children instead of (no) parents. */
export interface SourceDefinition extends Omit<SourceGraphNode, 'kind' | 'parents'> {
  readonly kind: 'source';
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

export interface SinkDefinition extends Omit<SinkGraphNode, 'kind'> {
  readonly kind: 'sink';
}

export type NodeDefinition = SourceDefinition | ProcessorDefinition | SinkDefinition;

/** An internal topic the runtime creates: `<applicationId>-<name>`. */
export interface InternalTopicSpec {
  readonly name: string;
  readonly kind: 'repartition' | 'changelog';
  /** Undefined: sized at run time from the sub-topology's source topics. */
  readonly numberOfPartitions: number | undefined;
  readonly config: Readonly<Record<string, string>>;
  /** True when the DSL generated the name (a repartition topic without `name`, the changelog of such a store). */
  readonly generatedName: boolean;
}

export interface Subtopology {
  readonly id: number;
  /** Sources first, then processors and sinks in declaration order. */
  readonly nodes: readonly NodeDefinition[];
  readonly sourceTopics: readonly string[];
  readonly sourcePatterns: readonly RegExp[];
  /** Internal topics among `sourceTopics` and the sinks' topics, and the changelogs of `stores`. */
  readonly internalTopics: readonly string[];
  /** The state stores its processors use: every task of the sub-topology gets its own instance of each. */
  readonly stores: readonly string[];
}

/** A state store of the topology. */
export interface StoreDefinition {
  readonly name: string;
  readonly builder: StoreBuilder<StateStore>;
  /**
   * `<name>-changelog` (without the application id prefix) when logging is on; a source table's own topic when
   * the topology reuses source topics as changelogs (`changelogIsSource`).
   */
  readonly changelogTopic: string | undefined;
  /** The changelog is the source topic: the store never writes it, and restores up to the committed offset. */
  readonly changelogIsSource: boolean;
  readonly generatedName: boolean;
  readonly subtopologyId: number;
}
