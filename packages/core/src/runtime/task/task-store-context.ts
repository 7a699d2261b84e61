// The StateStoreContext a task gives its stores: the task's identity and directories, and change-logging
// through the task's record collector (so changelog records join the task's transaction under exactly_once).
import { join } from 'node:path';
import type { Logger } from 'pino';
import { Headers } from '../../record/headers.js';
import { StateStoreError } from '../../errors.js';
import type { StateStoreContext, StoreRegistration } from '../../state/state-store-context.js';
import type { RecordCollector } from './record-collector.js';
import type { TaskSettings } from './task-settings.js';
import type { TaskState } from './task-state.js';

const NO_HEADERS = new Headers();

export class TaskStoreContext implements StateStoreContext {
  readonly registrations = new Map<string, StoreRegistration>();
  readonly applicationId: string;
  readonly taskId: string;
  readonly stateDir: string;
  readonly logger: Logger;
  readonly defaultKeySerde: StateStoreContext['defaultKeySerde'];
  readonly defaultValueSerde: StateStoreContext['defaultValueSerde'];

  constructor(
    private readonly task: TaskState,
    readonly partition: number,
    settings: TaskSettings,
    readonly cacheMaxBytes: number,
    private readonly collector: RecordCollector,
    /** Resolved changelog topic of each store with logging on. */
    private readonly changelogs: ReadonlyMap<string, string>,
  ) {
    this.applicationId = task.applicationId;
    this.taskId = task.taskId;
    this.stateDir = join(settings.stateDir, task.applicationId, task.taskId);
    this.logger = task.logger;
    this.defaultKeySerde = settings.defaultKeySerde;
    this.defaultValueSerde = settings.defaultValueSerde;
  }

  currentTimestamp(): number {
    return this.task.recordTimestamp;
  }

  register(storeName: string, registration: StoreRegistration): void {
    if (this.registrations.has(storeName)) {
      throw new StateStoreError(`state store '${storeName}' registered twice in task ${this.taskId}`);
    }
    this.registrations.set(storeName, registration);
  }

  changelogTopic(storeName: string): string | undefined {
    return this.changelogs.get(storeName);
  }

  logChange(storeName: string, key: Uint8Array, value: Uint8Array | null, timestamp: number): void {
    const topic = this.changelogs.get(storeName);
    if (topic === undefined) return;
    this.collector.send({ topic, partition: this.partition, key, value, headers: NO_HEADERS, timestamp });
  }

  requestCommit(): void {
    this.task.commitRequested = true;
  }
}
