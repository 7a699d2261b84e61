// A task: one sub-topology over one partition of each of its source topics. It buffers input per partition,
// processes one record at a time (smallest head timestamp first), fires punctuations, and reports the offsets
// it has consumed. The per-record path is synchronous. The runtime and TopologyTestDriver both run this class.
import type { Logger } from 'pino';
import { StreamsProcessingError, TopologyError, type RecordLocation } from '../../errors.js';
import { StreamRecord } from '../../processor/stream-record.js';
import type { StateStore } from '../../state/state-store.js';
import type { Subtopology } from '../../topology/node-definitions.js';
import type { BuiltTopology } from '../../topology/built-topology.js';
import type { Clock } from './clock.js';
import { decide } from './error-policy.js';
import type { InputRecord } from '../../record/input-record.js';
import { instantiateSubtopology, type TaskSource } from './instantiate-subtopology.js';
import type { ProcessorNode } from './processor-node.js';
import type { RecordCollector } from './record-collector.js';
import type { TaskSettings } from './task-settings.js';
import { TaskState } from './task-state.js';
import { PartitionGroup } from './partition-group.js';
import { TaskStores } from './task-stores.js';
import { partitionKey, type ConsumedOffset, type TopicPartition } from '../../record/topic-partition.js';
import { decodeTopicPartitionMetadata } from './topic-partition-metadata.js';

export function taskIdOf(subtopologyId: number, partition: number): string {
  return `${subtopologyId}_${partition}`;
}

/** What a task counted since it was created (`StreamTask.metrics()`). */
export interface StreamTaskMetrics {
  /** Records passed to a source node; one whose processing failed and was skipped counts too. */
  readonly processedTotal: number;
  /**
   * Records dropped by the deserialization handler (skipped or dead-lettered), the processing handler, or a
   * windowed operator because their window had closed (`late`).
   */
  readonly droppedRecords: {
    readonly deserialization: number;
    readonly processing: number;
    readonly late: number;
    /** Skipped because the timestamp extractor gave a negative timestamp. */
    readonly invalidTimestamp: number;
  };
  /**
   * Records processed while an input partition of the task was empty and its `maxTaskIdleMs` had run out, so a
   * record arriving there later may be older than records already processed (Kafka Streams' enforced processing).
   */
  readonly enforcedProcessingTotal: number;
}

export interface StreamTaskOptions {
  readonly topology: BuiltTopology;
  readonly subtopology: Subtopology;
  /** The resolved input partitions (one per source topic, all with the same partition number). */
  readonly partitions: readonly TopicPartition[];
  readonly collector: RecordCollector;
  readonly clock: Clock;
  readonly settings: TaskSettings;
  readonly logger?: Logger;
  /** This task's share of the cache bytes (default: `settings.cacheMaxBytes`). */
  readonly cacheMaxBytes?: number;
  /** The instance's global stores, readable by every processor. */
  readonly globalStores?: ReadonlyMap<string, StateStore>;
}

export class StreamTask {
  readonly id: string;
  readonly state: TaskState;
  private readonly nodes: readonly ProcessorNode[];
  /** The task's state stores; open from construction on (restore them before `initialize()`). */
  readonly stores: TaskStores;
  private readonly inputs: PartitionGroup<TaskSource>;
  private initialized = false;
  private closed = false;
  private processedTotal = 0;
  private droppedOnProcessing = 0;

  constructor(readonly options: StreamTaskOptions) {
    const { subtopology, partitions, settings } = options;
    const partition = partitions[0]?.partition ?? 0;
    this.id = taskIdOf(subtopology.id, partition);
    const logger = (options.logger ?? settings.logger).child({ taskId: this.id });
    this.state = new TaskState(settings.applicationId, this.id, options.clock, logger);
    this.inputs = new PartitionGroup(this.id, options.clock, logger, settings.maxTaskIdleMs);
    this.state.defaultKeySerde = settings.defaultKeySerde;
    this.state.outerJoinEmitIntervalMs = settings.outerJoinEmitIntervalMs;
    this.state.defaultValueSerde = settings.defaultValueSerde;
    if (options.globalStores) for (const [name, store] of options.globalStores) this.state.globalStores.set(name, store);
    const built = instantiateSubtopology(options.topology, subtopology, this.state, options.collector, settings);
    this.nodes = built.nodes;
    this.stores = TaskStores.forSubtopology(
      options.topology,
      subtopology,
      partition,
      this.state,
      settings,
      options.cacheMaxBytes ?? settings.cacheMaxBytes,
      options.collector,
      (topic, p) => this.inputs.lastConsumed(topic, p),
    );
    this.stores.init();
    for (const tp of partitions) {
      const source = built.sources.find(
        (s) => s.topics.includes(tp.topic) || (s.definition.pattern?.test(tp.topic) ?? false),
      );
      if (!source) throw new TopologyError(`task ${this.id}: no source of sub-topology ${subtopology.id} reads ${tp.topic}`);
      this.inputs.add(tp, source.deserializer, source);
    }
  }

  get partitions(): readonly TopicPartition[] {
    return this.options.partitions;
  }

  /** Calls every processor's `init`, sources first. Idempotent. */
  initialize(): void {
    if (this.initialized) return;
    this.initialized = true;
    for (const node of this.nodes) {
      this.runAs(node.name, () => node.init(), undefined);
    }
  }

  addRecords(topic: string, partition: number, records: readonly InputRecord[]): void {
    this.inputs.addRecords(topic, partition, records);
  }

  /**
   * The consumer's fetch position of a partition moved (also past records a read_committed fetch filtered), and,
   * when given, the partition's end offset as that fetch (or the task start) saw it: what the task needs to know
   * whether an empty input has records on their way (InputReadiness).
   */
  notePosition(topic: string, partition: number, nextOffset: number, endOffset?: number): void {
    this.inputs.notePosition(topic, partition, nextOffset, endOffset);
  }

  /** While the task waits for an empty input with records buffered: when the wait may end by itself. */
  idleDeadline(): number | undefined {
    return this.inputs.idleDeadline();
  }

  /** Records buffered in one partition's queue (for pausing a full partition). */
  buffered(topic: string, partition: number): number {
    return this.inputs.queueOf(topic, partition)?.size ?? 0;
  }

  /** Records buffered in all queues. */
  get bufferedCount(): number {
    return this.inputs.bufferedCount;
  }

  /**
   * Processes the next record (the head with the smallest timestamp over this task's partitions). Returns false
   * when nothing is buffered. Throws StreamsProcessingError when a record fails and its handler says `fail`.
   */
  process(): boolean {
    const next = this.inputs.nextQueue();
    if (next === undefined) return false;
    const record = next.poll()!;
    const state = this.state;
    if (record.timestamp > state.streamTime) state.streamTime = record.timestamp;
    const raw = record.raw;
    state.metadata = { topic: raw.topic, partition: raw.partition, offset: raw.offset };
    const source = this.inputs.sourceOf(next);
    // Inline rather than through runAs(): no closure or location object per record on the hot path.
    state.currentNode = source.node.name;
    state.recordTimestamp = record.timestamp;
    try {
      source.node.process(new StreamRecord(record.key, record.value, record.timestamp, raw.headers));
    } catch (e) {
      this.handleFailure(e, { topic: raw.topic, partition: raw.partition, offset: raw.offset });
    }
    state.currentNode = undefined;
    this.processedTotal++;
    if (state.punctuations.size > 0) this.punctuate('stream-time', state.streamTime);
    state.metadata = undefined;
    return true;
  }

  /** The timestamp of the record `process()` would take next; undefined when it would take none. */
  nextTimestamp(): number | undefined {
    return this.inputs.nextQueue()?.head()?.timestamp;
  }

  /** A snapshot of the task's counts. */
  metrics(): StreamTaskMetrics {
    const deserialization = this.inputs.droppedCount;
    const droppedRecords = {
      deserialization,
      processing: this.droppedOnProcessing,
      late: this.state.droppedLate,
      invalidTimestamp: this.inputs.invalidTimestampCount,
    };
    return { processedTotal: this.processedTotal, droppedRecords, enforcedProcessingTotal: this.inputs.enforcedProcessingTotal };
  }

  /** Fires wall-clock punctuations that are due. Returns how many fired. */
  punctuateWallClock(): number {
    if (this.state.punctuations.size === 0) return 0;
    return this.punctuate('wall-clock', this.state.clock.now());
  }

  /**
   * Commit step 2 for this task: the stores' caches forward their updates downstream (processors run, output is
   * collected) and their changes are logged. Failures go through the processing exception handler.
   */
  flushStores(): void {
    if (this.stores.size === 0) return;
    const state = this.state;
    state.metadata = undefined;
    state.recordTimestamp = state.streamTime;
    this.runAs('state-store-flush', () => this.stores.flush(), undefined);
  }

  /**
   * Commit steps 2 and 4 for this task (Kafka Streams' `prepareCommit`): the stores flush (above), and the
   * offsets to commit come back: for each partition that advanced, last consumed + 1. The runtime's commit
   * protocol (runtime/thread/commit.ts) and the TopologyTestDriver both commit through this and `postCommit`.
   */
  prepareCommit(): ConsumedOffset[] {
    this.flushStores();
    // Processor metadata that changed is committed even when no offset moved (Kafka Streams' commitNeeded).
    return this.inputs.consumedOffsets(this.state.processorMetadata, this.state.metadataChanged);
  }

  /**
   * What the task's previous owner committed with its offsets (`metadata` by partition key; Kafka Streams'
   * initializeTaskTime): each partition's time, the stream time (their largest), and the processor metadata
   * (the larger value of a key). Call after `initialize()` and before the first record.
   */
  restoreCommittedMetadata(metadata: ReadonlyMap<string, string>): void {
    for (const p of this.partitions) {
      const decoded = decodeTopicPartitionMetadata(metadata.get(partitionKey(p.topic, p.partition)));
      if (decoded === undefined) continue;
      if (decoded.partitionTime >= 0) {
        this.inputs.restorePartitionTime(p.topic, p.partition, decoded.partitionTime);
        if (decoded.partitionTime > this.state.streamTime) this.state.streamTime = decoded.partitionTime;
      }
      for (const [key, value] of decoded.processorMetadata) {
        const known = this.state.processorMetadata.get(key);
        if (known === undefined || value > known) this.state.processorMetadata.set(key, value);
      }
    }
  }

  /**
   * Commit step 6 (`postCommit`): the offsets `prepareCommit` returned were committed; the stores make their
   * writes durable with the changelog offsets they reflect.
   */
  postCommit(offsets: readonly ConsumedOffset[]): void {
    this.inputs.markCommitted(offsets);
    this.state.metadataChanged = false;
    this.state.commitRequested = false;
    this.stores.commit();
  }

  private punctuate(type: 'stream-time' | 'wall-clock', time: number): number {
    const metadata = this.state.metadata;
    this.state.metadata = undefined;
    this.state.recordTimestamp = time;
    const fired = this.state.punctuations.fire(type, time, (node, call) => this.runAs(node, call, undefined));
    this.state.metadata = metadata;
    return fired;
  }

  /** Runs `fn` as node `name` (init, punctuations); a failure goes through the processing exception handler. */
  private runAs(name: string, fn: () => void, where: Omit<RecordLocation, 'taskId'> | undefined): void {
    this.state.currentNode = name;
    try {
      fn();
    } catch (e) {
      this.handleFailure(e, where);
    }
    this.state.currentNode = undefined;
  }

  /**
   * A processor threw: `continue` (the handler skips the record) returns; `fail` throws a StreamsProcessingError
   * naming the task, the record and the innermost processor that was running.
   */
  private handleFailure(e: unknown, where: Omit<RecordLocation, 'taskId'> | undefined): void {
    const state = this.state;
    const processorName = state.currentNode;
    state.currentNode = undefined;
    if (e instanceof StreamsProcessingError) throw e;
    const error = e instanceof Error ? e : new Error(String(e));
    const location: RecordLocation = { taskId: this.id, ...where, processorName };
    const decision = decide(this.options.settings.processingExceptionHandler, 'processing', error, location, state.logger);
    if (decision === 'continue') {
      // Only a record can be dropped; a failed init, punctuation or store flush (no `where`) drops none.
      if (where !== undefined) this.droppedOnProcessing++;
      return;
    }
    throw new StreamsProcessingError(`processing failed: ${error.message}`, location, { cause: error });
  }

  /** True when a processor asked for a commit, or there are consumed offsets not yet committed. */
  get commitNeeded(): boolean {
    if (this.state.commitRequested) return true;
    return this.inputs.advanced;
  }

  /** Drops buffered records (e.g. before a rebalance makes the consumer re-read from committed offsets). */
  clearBuffers(): void {
    this.inputs.clear();
  }

  /** Calls every processor's `close`, drops buffered input and closes the stores (uncommitted writes are dropped). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.inputs.clear();
    if (this.initialized) {
      for (const node of this.nodes) {
        try {
          node.close();
        } catch (e) {
          this.state.logger.warn({ err: e, processorName: node.name }, 'a processor threw in close()');
        }
      }
    }
    this.stores.close();
  }
}
