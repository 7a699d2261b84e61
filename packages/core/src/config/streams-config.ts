// The configuration of a KafkaStreams instance (and of TopologyTestDriver, which uses a subset).
import type { Logger } from 'pino';
import type {
  AdminSettings,
  ConnectionSettings,
  ConsumerSettings,
  KafkaClientFactory,
  ProducerSettings,
} from '../client/client-settings.js';
import type { Serde } from '../serde/serde.js';
import type { TimestampExtractor } from '../graph/graph-options.js';
import type {
  DeserializationExceptionHandler,
  ProcessingExceptionHandler,
  ProductionExceptionHandler,
} from './exception-handlers.js';

export type ProcessingGuarantee = 'at_least_once' | 'exactly_once';


export interface StreamsConfig {
  /** Names the consumer group, the transactional ids and the internal topics. */
  readonly applicationId: string;
  readonly bootstrapServers: string | readonly string[];
  /** Default `at_least_once`, as in Kafka Streams. */
  readonly processingGuarantee?: ProcessingGuarantee;
  /** Default 30000 (at_least_once) or 100 (exactly_once). */
  readonly commitIntervalMs?: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly defaultKeySerde?: Serde<any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly defaultValueSerde?: Serde<any>;
  /** Default `fail`. */
  readonly deserializationExceptionHandler?: DeserializationExceptionHandler;
  /**
   * The timestamp of each input record, for sources without their own `timestampExtractor` (Kafka Streams'
   * `default.timestamp.extractor`). Default `TimestampExtractors.failOnInvalidTimestamp()`: the record's timestamp,
   * failing on a negative one; see TimestampExtractors for skipping or using the partition's time instead.
   */
  readonly defaultTimestampExtractor?: TimestampExtractor;
  /** Default `fail`. */
  readonly processingExceptionHandler?: ProcessingExceptionHandler;
  /** Default `fail`. */
  readonly productionExceptionHandler?: ProductionExceptionHandler;
  /** Where to start reading a topic the application has no committed offset for. Default `earliest`. */
  readonly defaultOffsetReset?: 'earliest' | 'latest';
  /** A pino logger; default: pino at level `KSTREAMS_LOG_LEVEL` or `info`. */
  readonly logger?: Logger;
  /**
   * Records buffered per partition before the partition is paused (Kafka Streams' `buffered.records.per.partition`).
   * Default 1000. One fetch response can add up to `maxFetchBytesPerPartition` more before the pause takes effect.
   */
  readonly maxBufferedRecordsPerPartition?: number;
  /** Largest fetch response per partition (bytes). Default 1048576. */
  readonly maxFetchBytesPerPartition?: number;
  /**
   * How long a task that reads several partitions (joins, merged topics) waits for an input partition with no
   * buffered record before it processes the others (Kafka Streams' `max.task.idle.ms`). A partition the broker
   * still has unfetched records for is always waited for; one that is caught up is waited for this long, so a
   * record arriving meanwhile is processed in timestamp order. Default 0: process as soon as every empty partition
   * is caught up. -1: never wait (process whatever is buffered). See docs/windows.md, "Which record goes next".
   */
  readonly maxTaskIdleMs?: number;
  /** `transaction.timeout.ms` of the task producers (exactly_once). Default 60000. */
  readonly transactionTimeoutMs?: number;
  /**
   * The Kafka client adapter: a factory of the client port. Default `kafkajsClient()`; another adapter that
   * passes the port contract tests can be given here.
   */
  readonly client?: KafkaClientFactory;
  /** How the clients reach the brokers: client id, TLS, SASL, timeouts. */
  readonly connection?: ConnectionSettings;
  /** Producer settings in Kafka's terms (Kafka Streams: `producer.*`); the adapter refuses what it cannot honour. */
  readonly producer?: ProducerSettings;
  /** Fetch settings of the consumer and the restore readers (Kafka Streams: `consumer.*`). */
  readonly consumer?: ConsumerSettings;
  /** Admin client settings (Kafka Streams: `admin.*`). */
  readonly admin?: AdminSettings;
  /** The group member's session timeout (Kafka's `session.timeout.ms`). Default 45000. */
  readonly sessionTimeoutMs?: number;
  /** Heartbeat interval of the group member. Default 3000. */
  readonly heartbeatIntervalMs?: number;
  /**
   * Where persistent stores keep their files: `<stateDir>/<applicationId>/<taskId>/`. Default
   * `<os.tmpdir()>/kstreams` (Kafka Streams: `state.dir`). Use a directory that survives restarts in production.
   */
  readonly stateDir?: string;
  /**
   * Bytes of the stores' write caches, shared by the tasks of the instance (Kafka Streams:
   * `statestore.cache.max.bytes`). Default 10485760. 0 turns caching off: every update is forwarded downstream.
   */
  readonly cacheMaxBytes?: number;
  /**
   * Fail at start when a stateful operator's store or internal topic name was generated rather than given
   * (Kafka Streams: `ensure.explicit.internal.resource.naming`). Default false: a warning is logged.
   */
  readonly ensureExplicitInternalResourceNaming?: boolean;
}

/** The config with every default filled in. */
export interface ResolvedStreamsConfig extends Required<Omit<StreamsConfig, 'defaultKeySerde' | 'defaultValueSerde'>> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly defaultKeySerde: Serde<any> | undefined;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly defaultValueSerde: Serde<any> | undefined;
}
