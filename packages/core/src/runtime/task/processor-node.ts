// A processor instance of one task, wired to its children, and the context it sees.
import { StreamsProcessingError, TopologyError } from '../../errors.js';
import type { Processor } from '../../processor/processor.js';
import type {
  Cancellable,
  ProcessorContext,
  PunctuationType,
  Punctuator,
  RecordMetadata,
} from '../../processor/processor-context.js';
import type { StreamRecord } from '../../processor/stream-record.js';
import type { Logger } from 'pino';
import type { Serde } from '../../serde/serde.js';
import type { StateStore } from '../../state/state-store.js';
import type { TaskState } from './task-state.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- nodes are wired at run time across erased types */
export class ProcessorNode {
  readonly children: ProcessorNode[] = [];
  private readonly childByName = new Map<string, ProcessorNode>();
  readonly context: NodeContext;

  constructor(
    readonly name: string,
    readonly processor: Processor<any, any, any, any>,
    readonly task: TaskState,
    readonly storeNames: readonly string[],
  ) {
    this.context = new NodeContext(this);
  }

  addChild(child: ProcessorNode): void {
    this.children.push(child);
    this.childByName.set(child.name, child);
  }

  child(name: string): ProcessorNode {
    const c = this.childByName.get(name);
    if (!c) {
      throw new TopologyError(
        `processor '${this.name}' forwarded to unknown child '${name}' (children: ${[...this.childByName.keys()].join(', ') || 'none'})`,
      );
    }
    return c;
  }

  init(): void {
    this.processor.init?.(this.context);
  }

  process(record: StreamRecord<any, any>): void {
    const task = this.task;
    const previous = task.currentNode;
    task.currentNode = this.name;
    task.recordTimestamp = record.timestamp;
    this.processor.process(record);
    task.currentNode = previous;
  }

  close(): void {
    this.processor.close?.();
  }
}

export class NodeContext implements ProcessorContext<any, any> {
  constructor(private readonly node: ProcessorNode) {}

  get applicationId(): string {
    return this.node.task.applicationId;
  }

  get taskId(): string {
    return this.node.task.taskId;
  }

  forward(record: StreamRecord<any, any>, childName?: string): void {
    if (childName !== undefined) {
      this.node.child(childName).process(record);
      return;
    }
    const children = this.node.children;
    for (let i = 0; i < children.length; i++) children[i]!.process(record);
  }

  recordMetadata(): RecordMetadata | undefined {
    return this.node.task.metadata;
  }

  /** How often a left/outer stream–stream join scans for closed windows (wall-clock ms). */
  get outerJoinEmitIntervalMs(): number | undefined {
    return this.node.task.outerJoinEmitIntervalMs;
  }

  /** Processor metadata committed with the task's offsets (Kafka Streams' internal `processorMetadataForKey`). */
  processorMetadataForKey(key: string): number | undefined {
    return this.node.task.processorMetadata.get(key);
  }

  /** Sets processor metadata; the task commits it with its next offsets (`addProcessorMetadataKeyValue`). */
  addProcessorMetadataKeyValue(key: string, value: number): void {
    const task = this.node.task;
    task.processorMetadata.set(key, value);
    task.metadataChanged = true;
  }

  /** A windowed operator dropped the current record as late (counted in the task's metrics). */
  recordDroppedLate(): void {
    this.node.task.droppedLate++;
  }

  schedule(intervalMs: number, type: PunctuationType, punctuator: Punctuator): Cancellable {
    const task = this.node.task;
    const now = type === 'wall-clock' ? task.clock.now() : task.streamTime;
    return task.punctuations.add(type, intervalMs, punctuator, this.node.name, now);
  }

  commit(): void {
    this.node.task.commitRequested = true;
  }

  getStateStore<S extends StateStore>(name: string): S {
    const task = this.node.task;
    const global = task.globalStores.get(name);
    if (global) return global as S;
    if (!this.node.storeNames.includes(name)) {
      throw new StreamsProcessingError(
        `processor '${this.node.name}' has no access to state store '${name}'; connect it with { stores: ['${name}'] }`,
        { taskId: task.taskId, processorName: this.node.name },
      );
    }
    const store = task.stores.get(name);
    if (!store) {
      throw new StreamsProcessingError(`state store '${name}' is not registered in this topology`, {
        taskId: task.taskId,
        processorName: this.node.name,
      });
    }
    return store as S;
  }

  currentStreamTimeMs(): number {
    return this.node.task.streamTime;
  }

  currentSystemTimeMs(): number {
    return this.node.task.clock.now();
  }

  keySerde(): Serde<any> | undefined {
    return this.node.task.defaultKeySerde;
  }

  valueSerde(): Serde<any> | undefined {
    return this.node.task.defaultValueSerde;
  }

  get logger(): Logger {
    return this.node.task.logger;
  }
}
