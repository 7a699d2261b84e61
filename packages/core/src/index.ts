// @kstreams/core public API. Nothing inside src imports this file.
export { StreamsBuilder } from './dsl/streams-builder.js';
export type { KStream } from './dsl/kstream.js';
export type { BranchedKStream, BranchEntry, Branches } from './dsl/branched-kstream.js';
export type {
  BranchOptions,
  ConsumedOptions,
  NamedOptions,
  ProcessOptions,
  ProducedOptions,
  RepartitionedOptions,
} from './dsl/options.js';
export type { KeyValue } from './record/key-value.js';
// Stateful DSL: tables, global tables, grouped streams and tables, materialization.
export type { KTable } from './dsl/ktable.js';
export type { GlobalKTable } from './dsl/global-ktable.js';
export type { KGroupedStream } from './dsl/kgrouped-stream.js';
export type { CogroupedKStream, SessionWindowedCogroupedKStream, TimeWindowedCogroupedKStream } from './dsl/cogrouped-kstream.js';
export type { KGroupedTable } from './dsl/kgrouped-table.js';
export { Materialized, type MaterializedSettings, type StoreType } from './dsl/materialized.js';
export type {
  GlobalTableOptions,
  GroupedOptions,
  JoinedOptions,
  MaterializedOptions,
  TableOptions,
  SessionMaterialized,
  SessionMaterializedOptions,
  StreamJoinedOptions,
  WindowedMaterialized,
  WindowedMaterializedOptions,
} from './dsl/options.js';
export type { OffsetReset, Partitioner, TimestampExtractor, TopicNameExtractor } from './graph/graph-options.js';

export type { Topology } from './topology/topology.js';
export { KafkaStreams, type CloseOptions, type StreamsMetrics } from './runtime/instance/kafka-streams.js';
export type { RestoreProgress } from './runtime/thread/state-restorer.js';
export type { StreamsState, StateListener } from './runtime/instance/streams-state.js';
export type { TopologyDescription } from './topology/describe-topology.js';

export type {
  FixedKeyProcessor,
  FixedKeyProcessorSupplier,
  Processor,
  ProcessorSupplier,
} from './processor/processor.js';
export type {
  Cancellable,
  FixedKeyProcessorContext,
  ProcessorContext,
  PunctuationType,
  Punctuator,
  RecordMetadata,
} from './processor/processor-context.js';
export { StreamRecord, type FixedKeyRecord } from './processor/stream-record.js';
export { Headers, type Header } from './record/headers.js';
export type { StateStore } from './state/state-store.js';
export { Stores } from './state/stores.js';
export type { CachedChange, FlushListener, KeyValueBytesStore, KeyValueStore } from './state/key-value-store.js';
export { ValueAndTimestamp, type TimestampedKeyValueStore } from './state/value-and-timestamp.js';
export type { TimestampedWindowStore, WindowBytesStoreSupplier, WindowStore } from './state/window/window-store.js';
export type { WindowStoreOptions } from './state/window/window-store-suppliers.js';
export { Windowed, type Window } from './state/window/windowed.js';
export { TimeWindows } from './dsl/windows/time-windows.js';
export { SlidingWindows } from './dsl/windows/sliding-windows.js';
export { EmitStrategy } from './dsl/emit-strategy.js';
export { TimestampExtractors } from './processor/timestamp-extractors.js';
export { SessionWindows } from './dsl/windows/session-windows.js';
export { JoinWindows } from './dsl/windows/join-windows.js';
export { BufferConfig, Suppressed } from './dsl/suppressed.js';
export type { SessionWindowedKStream } from './dsl/session-windowed-kstream.js';
export type { SessionBytesStoreSupplier, SessionStore } from './state/window/session-store.js';
export type { TimeWindowedKStream } from './dsl/time-windowed-kstream.js';
export type { KeyValueBytesStoreSupplier, StoreBuilder } from './state/store-builder.js';
export type { ChangelogRecord, StateStoreContext, StoreRegistration } from './state/state-store-context.js';

export * from './serde/index.js';

export type { ProcessingGuarantee, StreamsConfig } from './config/streams-config.js';

// The Kafka client: the default adapter, the neutral settings, and the port another adapter implements (the port
// types are for adapter authors; they may change in a minor release before 1.0).
export { kafkajsClient, type KafkajsClientOptions } from './client/kafkajs/kafkajs-client.js';
export type {
  AdminSettings,
  ClientContext,
  CompressionType,
  ConnectionSettings,
  ConsumerSettings,
  KafkaClientFactory,
  ProducerSettings,
  SaslSettings,
  TlsSettings,
} from './client/client-settings.js';
export type {
  AdminPort,
  FetchedBatch,
  GroupAssignment,
  GroupAssignor,
  GroupConsumerHandlers,
  GroupConsumerOptions,
  GroupConsumerPort,
  GroupMetadata,
  KafkaClientPort,
  PartitionReaderHandlers,
  PartitionReaderPort,
  ProducerPort,
  TopicSpec,
  TransactionalProducerPort,
  WrittenOffset,
} from './client/kafka-client.js';
export { GroupRebalancingError, ProducerFencedError } from './client/client-errors.js';
export type { InputRecord } from './record/input-record.js';
export type { OutgoingRecord } from './record/outgoing-record.js';
export type { ConsumedOffset, TopicPartition } from './record/topic-partition.js';
export {
  DeadLetterHeaders,
  deadLetter,
  type DeadLetterPolicy,
  type DeserializationExceptionHandler,
  type HandlerContext,
  type HandlerResponse,
  type ProcessingExceptionHandler,
  type ProductionExceptionHandler,
} from './config/exception-handlers.js';

export {
  ConfigError,
  IllegalStateError,
  KStreamsError,
  SerializationError,
  StateStoreError,
  StreamsProcessingError,
  TaskMigratedError,
  TopologyError,
  type RecordLocation,
} from './errors.js';
