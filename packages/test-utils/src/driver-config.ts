// The TopologyTestDriver's config: StreamsConfig without brokers, plus the driver's own settings.
import type { StreamsConfig } from '@kstreams/core';

export interface TopologyTestDriverConfig extends Partial<Omit<StreamsConfig, 'bootstrapServers'>> {
  /** The wall-clock time the driver starts at (ms). Default 0, so tests are deterministic. */
  readonly initialWallClockTimeMs?: number;
  /**
   * How often (wall-clock ms) left/outer stream–stream joins look for closed windows (Kafka Streams' internal
   * `__emit.interval.ms.kstreams.outer.join.spurious.results.fix__`). Default 0, as in Kafka Streams' driver: on
   * every record; the runtime uses 1000.
   */
  readonly outerJoinEmitIntervalMs?: number;
}
