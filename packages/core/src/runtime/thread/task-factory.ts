// Creates and closes the stream thread's tasks. A task's output comes from the guarantee strategy: under
// exactly_once opening it fences the previous owner of the task (initTransactions), so only after `create` may
// the thread read the task's committed offsets (the task-start protocol, DESIGN §8).
import type { Logger } from 'pino';
import type { ResolvedStreamsConfig } from '../../config/streams-config.js';
import type { StateStore } from '../../state/state-store.js';
import type { BuiltTopology } from '../../topology/built-topology.js';
import type { ActiveTask } from './active-task.js';
import { systemClock } from '../task/clock.js';
import { StreamTask } from '../task/stream-task.js';
import type { TaskLayout } from './task-layout.js';
import type { Guarantee } from './guarantees/guarantee.js';

export interface TaskFactoryDeps {
  readonly topology: BuiltTopology;
  readonly config: ResolvedStreamsConfig;
  readonly logger: Logger;
  readonly guarantee: Guarantee;
  readonly globalStores: ReadonlyMap<string, StateStore>;
}

export class TaskFactory {
  constructor(private readonly deps: TaskFactoryDeps) {}

  /**
   * A new task, its output open (fenced under exactly_once), its stores open but not restored and its
   * processors not initialized (the thread restores all new tasks together, then calls `stream.initialize()`).
   * `taskCount`: tasks of this assignment, which share the cache bytes.
   */
  async create(layout: TaskLayout, taskCount: number): Promise<ActiveTask> {
    const { topology, config, logger, guarantee } = this.deps;
    const collector = await guarantee.openTask(layout.taskId);
    const stream = new StreamTask({
      topology,
      subtopology: topology.subtopologies[layout.subtopologyId]!,
      partitions: layout.partitions,
      clock: systemClock,
      settings: config,
      logger,
      cacheMaxBytes: Math.floor(config.cacheMaxBytes / Math.max(1, taskCount)),
      globalStores: this.deps.globalStores,
      collector,
    });
    return { id: layout.taskId, stream, collector };
  }

  /** Closes the task without committing: its stores drop their unflushed writes, its open output is aborted. */
  async close(task: ActiveTask): Promise<void> {
    task.stream.close();
    await this.deps.guarantee.closeTask(task);
  }
}
