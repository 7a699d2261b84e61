// The part of the config a task needs (the test driver and the runtime both provide it).
import type { ResolvedStreamsConfig } from '../../config/streams-config.js';

export type TaskSettings = Pick<
  ResolvedStreamsConfig,
  | 'applicationId'
  | 'defaultKeySerde'
  | 'defaultValueSerde'
  | 'deserializationExceptionHandler'
  | 'processingExceptionHandler'
  | 'productionExceptionHandler'
  | 'logger'
  | 'stateDir'
  | 'cacheMaxBytes'
>;
