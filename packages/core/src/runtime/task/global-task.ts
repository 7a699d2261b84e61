// The global stores of an instance and the processors that fill them: every record of a global topic is
// deserialized with its source's serdes and passed to its store's processor (for `globalTable`, a put or a
// delete). Shared by the runtime's global state updater and TopologyTestDriver.
import type { Logger } from 'pino';
import { ConfigError, StreamsProcessingError } from '../../errors.js';
import type { GlobalStoreSpec } from '../../graph/logical-graph.js';
import { StreamRecord } from '../../processor/stream-record.js';
import { Serdes } from '../../serde/serdes.js';
import type { StateStore } from '../../state/state-store.js';
import type { BuiltTopology } from '../../topology/built-topology.js';
import type { Clock } from './clock.js';
import { decide } from './error-policy.js';
import type { InputRecord } from '../../record/input-record.js';
import { ProcessorNode } from './processor-node.js';
import type { RecordCollector } from './record-collector.js';
import type { RecordDeserializer } from './record-queue.js';
import { sourceDeserializer } from './source-deserializer.js';
import type { TaskSettings } from './task-settings.js';
import { TaskState } from './task-state.js';
import { TaskStores } from './task-stores.js';

interface GlobalSource {
  readonly node: ProcessorNode;
  readonly deserializer: RecordDeserializer;
  partitionTime: number;
}

export const GLOBAL_TASK_ID = 'global';

/** A task without sinks or queues over all partitions of the global topics. */
export class GlobalTask {
  readonly state: TaskState;
  readonly stores: TaskStores;
  private readonly byTopic = new Map<string, GlobalSource>();
  private initialized = false;

  constructor(
    topology: BuiltTopology,
    private readonly settings: TaskSettings,
    clock: Clock,
    collector: RecordCollector,
    logger: Logger,
  ) {
    this.state = new TaskState(settings.applicationId, GLOBAL_TASK_ID, clock, logger.child({ taskId: GLOBAL_TASK_ID }));
    this.state.defaultKeySerde = settings.defaultKeySerde;
    this.state.defaultValueSerde = settings.defaultValueSerde;
    const specs = [...topology.globalStores.values()];
    this.stores = new TaskStores(
      specs.map((s) => ({ name: s.builder.name, builder: s.builder.withCachingDisabled(), changelogTopic: undefined })),
      -1,
      this.state,
      settings,
      0,
      collector,
    );
    for (const spec of specs) {
      const node = new ProcessorNode(spec.processorName, spec.supplier(), this.state, [spec.builder.name]);
      this.byTopic.set(spec.topic, { node, deserializer: this.deserializer(spec, settings, collector), partitionTime: -1 });
    }
    this.stores.init();
  }

  /** The global stores by name (what tasks get as `globalStores`). */
  get storesByName(): ReadonlyMap<string, StateStore> {
    return this.state.stores;
  }

  get topics(): string[] {
    return [...this.byTopic.keys()];
  }

  /** Deletes the stores' local data (the runtime re-reads every global topic from the beginning at start). */
  wipe(): void {
    for (const store of this.stores.all) this.stores.wipe(store.name);
  }

  /** Calls the processors' `init` (once). */
  initialize(): void {
    if (this.initialized) return;
    this.initialized = true;
    for (const source of this.byTopic.values()) source.node.init();
  }

  /** Applies records of one global topic partition, in order. Throws StreamsProcessingError on `fail`. */
  process(records: readonly InputRecord[]): void {
    const state = this.state;
    for (const raw of records) {
      const source = this.byTopic.get(raw.topic);
      if (!source) continue;
      const stamped = source.deserializer(raw, source.partitionTime);
      if (stamped === undefined || stamped === null) continue;
      if (stamped.timestamp > source.partitionTime) source.partitionTime = stamped.timestamp;
      state.metadata = { topic: raw.topic, partition: raw.partition, offset: raw.offset };
      state.recordTimestamp = stamped.timestamp;
      state.currentNode = source.node.name;
      try {
        source.node.process(new StreamRecord(stamped.key, stamped.value, stamped.timestamp, raw.headers));
      } catch (e) {
        this.handleFailure(e, raw);
      }
      state.currentNode = undefined;
      state.metadata = undefined;
    }
  }

  /** True when a store asked for a commit (its uncommitted write buffer is full). */
  get commitRequested(): boolean {
    return this.state.commitRequested;
  }

  /** Flushes and makes the stores durable (global stores keep no changelog offset). */
  commit(): void {
    this.stores.flush();
    this.stores.commit();
    this.state.commitRequested = false;
  }

  close(): void {
    for (const source of this.byTopic.values()) {
      try {
        if (this.initialized) source.node.close();
      } catch (e) {
        this.state.logger.warn({ err: e }, 'a global store processor threw in close()');
      }
    }
    this.stores.close();
  }

  private deserializer(spec: GlobalStoreSpec, settings: TaskSettings, collector: RecordCollector): RecordDeserializer {
    const keySerde = spec.keySerde ?? settings.defaultKeySerde;
    const defaultValue =
      spec.nullableValues && settings.defaultValueSerde ? Serdes.nullable(settings.defaultValueSerde) : settings.defaultValueSerde;
    const valueSerde = spec.valueSerde ?? defaultValue;
    if (!keySerde || !valueSerde) {
      throw new ConfigError(
        `global store '${spec.builder.name}' (topic ${spec.topic}) has no ${keySerde ? 'value' : 'key'} serde: pass it in the options or set a default in the config`,
      );
    }
    return sourceDeserializer({
      sourceName: spec.sourceName,
      keySerde,
      valueSerde,
      timestampExtractor: spec.timestampExtractor,
      handler: settings.deserializationExceptionHandler,
      collector,
      task: this.state,
    });
  }

  private handleFailure(e: unknown, raw: InputRecord): void {
    const processorName = this.state.currentNode;
    this.state.currentNode = undefined;
    if (e instanceof StreamsProcessingError) throw e;
    const error = e instanceof Error ? e : new Error(String(e));
    const location = { taskId: GLOBAL_TASK_ID, topic: raw.topic, partition: raw.partition, offset: raw.offset, processorName };
    const decision = decide(this.settings.processingExceptionHandler, 'processing', error, location, this.state.logger);
    if (decision === 'continue') return;
    throw new StreamsProcessingError(`processing a global store record failed: ${error.message}`, location, { cause: error });
  }
}
