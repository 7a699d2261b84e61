// @kstreams/core/internal: runtime pieces shared with sibling packages (@kstreams/test-utils). Not part of the
// public API and not covered by semver; applications should not import it.
export { StreamTask, taskIdOf, type StreamTaskOptions } from './runtime/task/stream-task.js';
export { type ConsumedOffset, type TopicPartition } from './record/topic-partition.js';
export type { InputRecord } from './record/input-record.js';
export type { RecordCollector } from './runtime/task/record-collector.js';
export type { OutgoingRecord } from './record/outgoing-record.js';
export { ManualClock, systemClock, type Clock } from './runtime/task/clock.js';
export type { TaskSettings } from './runtime/task/task-settings.js';
export { resolveConfig, defaultLogger } from './config/resolve-config.js';
export { GlobalTask } from './runtime/task/global-task.js';
export { KeyValueStoreFacade } from './state/key-value-store-facade.js';
export { isTimestampedKeyValueStore } from './state/layers/metered-timestamped-key-value-store.js';
export { BuiltTopology, builtTopology } from './topology/built-topology.js';
export { isTimestampedWindowStore, isWindowStore } from './state/window/metered-window-store.js';
export { WindowStoreFacade } from './state/window/window-store-facade.js';
export { isSessionStore } from './state/window/metered-session-store.js';
