// The implementation behind the public `Topology` interface: an immutable, built topology, its sub-topologies of
// node definitions and the internal topics they need. Only the runtime and the test driver see it.
import { TopologyError } from '../errors.js';
import { describeTopology, type TopologyDescription } from './describe-topology.js';
import type { GlobalStoreSpec } from '../graph/logical-graph.js';
import type { InternalTopicSpec, StoreDefinition, Subtopology } from './node-definitions.js';
import type { Topology } from './topology.js';

export class BuiltTopology implements Topology {
  constructor(
    readonly subtopologies: readonly Subtopology[],
    /** By topic name without the application id prefix. */
    readonly internalTopics: ReadonlyMap<string, InternalTopicSpec>,
    /** The state stores processors use, by name. */
    readonly stores: ReadonlyMap<string, StoreDefinition> = new Map(),
    /** Global stores by store name: read from all partitions of their topic by every instance. */
    readonly globalStores: ReadonlyMap<string, GlobalStoreSpec> = new Map(),
    /** Groups of topics (unresolved names) that must have equal partition counts: the inputs of joins. */
    readonly copartitionGroups: readonly (readonly string[])[] = [],
  ) {
    Object.freeze(this.subtopologies);
  }

  /** The text and structure Kafka Streams' `Topology.describe()` gives. */
  describe(): TopologyDescription {
    return describeTopology(this.subtopologies, this.globalStores);
  }

  /** The full name of a topic as the application uses it: internal topics get `<applicationId>-`. */
  resolveTopic(topic: string, applicationId: string): string {
    return this.internalTopics.has(topic) ? `${applicationId}-${topic}` : topic;
  }

  /**
   * The stateful resources whose names the DSL generated (`KSTREAM-AGGREGATE-STATE-STORE-0000000003`, its
   * changelog, `...-repartition` topics without a `name`). Adding an operator upstream would rename them and
   * orphan their state: the runtime warns about them, or refuses to start under
   * `ensureExplicitInternalResourceNaming`. Internal topic names are without the application id.
   */
  generatedNames(): { readonly stores: readonly string[]; readonly internalTopics: readonly string[] } {
    return {
      stores: [...this.stores.values()].filter((s) => s.generatedName).map((s) => s.name),
      internalTopics: [...this.internalTopics.values()].filter((t) => t.generatedName).map((t) => t.name),
    };
  }

  /** Source topics that are not internal (the application's inputs). */
  externalSourceTopics(): string[] {
    return this.subtopologies.flatMap((s) => s.sourceTopics.filter((t) => !this.internalTopics.has(t)));
  }
}

/** The implementation of a topology `StreamsBuilder.build()` returned; anything else is refused. */
export function builtTopology(topology: Topology): BuiltTopology {
  if (topology instanceof BuiltTopology) return topology;
  throw new TopologyError('not a topology built by StreamsBuilder.build(): pass the Topology that build() returned');
}
