// The public face of a built topology: what an application can ask of it. StreamsBuilder.build() returns one;
// KafkaStreams and the TopologyTestDriver run it. The implementation (built-topology.ts) stays internal, so its
// shape can change without a breaking release.
import type { TopologyDescription } from './describe-topology.js';

export interface Topology {
  /** The text and structure Kafka Streams' `Topology.describe()` gives. */
  describe(): TopologyDescription;
}
