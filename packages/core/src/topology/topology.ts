// An immutable, built topology: sub-topologies of node definitions and the internal topics they need.
import { describeTopology, type TopologyDescription } from './describe-topology.js';
import type { InternalTopicSpec, Subtopology } from './node-definitions.js';

export class Topology {
  constructor(
    readonly subtopologies: readonly Subtopology[],
    /** By topic name without the application id prefix. */
    readonly internalTopics: ReadonlyMap<string, InternalTopicSpec>,
  ) {
    Object.freeze(this.subtopologies);
  }

  /** The text and structure Kafka Streams' `Topology.describe()` gives. */
  describe(): TopologyDescription {
    return describeTopology(this.subtopologies);
  }

  /** The full name of a topic as the application uses it: internal topics get `<applicationId>-`. */
  resolveTopic(topic: string, applicationId: string): string {
    return this.internalTopics.has(topic) ? `${applicationId}-${topic}` : topic;
  }

  /** Source topics that are not internal (the application's inputs). */
  externalSourceTopics(): string[] {
    return this.subtopologies.flatMap((s) => s.sourceTopics.filter((t) => !this.internalTopics.has(t)));
  }
}
