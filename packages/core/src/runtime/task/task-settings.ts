// The part of the config a task needs (the test driver and the runtime both provide it).
import type { ResolvedStreamsConfig } from '../../config/streams-config.js';

export type TaskSettings = TaskConfig & {
  /**
   * Internal: how often left/outer stream–stream joins scan for closed windows (Kafka Streams' internal
   * `emit.interval.ms.kstreams.outer.join.spurious.results.fix`, 1000 ms). The TopologyTestDriver sets 0, as
   * Kafka Streams' driver does.
   */
  readonly outerJoinEmitIntervalMs?: number;
};

type TaskConfig = Pick<
  ResolvedStreamsConfig,
  | 'applicationId'
  | 'defaultKeySerde'
  | 'defaultValueSerde'
  | 'deserializationExceptionHandler'
  | 'defaultTimestampExtractor'
  | 'processingExceptionHandler'
  | 'productionExceptionHandler'
  | 'logger'
  | 'stateDir'
  | 'cacheMaxBytes'
  | 'maxTaskIdleMs'
>;
