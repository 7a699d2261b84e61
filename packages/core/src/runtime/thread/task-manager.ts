// The stream thread's active tasks: which task owns which partition, where each partition starts, and how tasks
// are created and closed (through the TaskFactory, so their output follows the guarantee). The task-start
// protocol (task-start.ts) replaces them at every assignment; the thread routes fetched batches with `taskOf`.
import { partitionKey } from '../../record/topic-partition.js';
import type { ActiveTask } from './active-task.js';
import type { TopicPartition } from '../../record/topic-partition.js';
import type { TaskFactory } from './task-factory.js';
import type { TaskLayout } from './task-layout.js';

export class TaskManager {
  private readonly tasks = new Map<string, ActiveTask>();
  private readonly byPartition = new Map<string, ActiveTask>();
  private readonly layouts = new Map<string, TaskLayout>();
  /** Where each partition of the current tasks starts (its committed offset): earlier records are dropped. */
  private readonly starts = new Map<string, number>();

  constructor(readonly factory: TaskFactory) {}

  get ids(): string[] {
    return [...this.tasks.keys()];
  }

  get size(): number {
    return this.tasks.size;
  }

  all(): ActiveTask[] {
    return [...this.tasks.values()];
  }

  taskOf(topic: string, partition: number): ActiveTask | undefined {
    return this.byPartition.get(partitionKey(topic, partition));
  }

  partitionsOf(task: ActiveTask): readonly TopicPartition[] {
    return this.layouts.get(task.id)?.partitions ?? [];
  }

  add(task: ActiveTask, layout: TaskLayout): void {
    this.tasks.set(task.id, task);
    this.layouts.set(task.id, layout);
    for (const p of layout.partitions) this.byPartition.set(partitionKey(p.topic, p.partition), task);
  }

  startOffset(key: string): number {
    return this.starts.get(key) ?? 0;
  }

  setStartOffset(key: string, offset: number): void {
    this.starts.set(key, offset);
  }

  /**
   * Processes records round-robin over the tasks (up to 100 per task per round) until none has more or
   * `deadline` (Date.now()) passed. Returns how many.
   */
  processUntil(deadline: number): number {
    const tasks = this.all();
    let total = 0;
    let progressed = true;
    while (progressed && Date.now() < deadline) {
      progressed = false;
      for (const task of tasks) {
        for (let i = 0; i < 100 && task.stream.process(); i++) {
          total++;
          progressed = true;
        }
      }
    }
    return total;
  }

  /** Buffered input records over every task. */
  get bufferedCount(): number {
    let n = 0;
    for (const t of this.tasks.values()) n += t.stream.bufferedCount;
    return n;
  }

  /** Closes every task without committing (see TaskFactory.close). */
  async closeAll(): Promise<void> {
    const tasks = this.all();
    this.tasks.clear();
    this.byPartition.clear();
    this.layouts.clear();
    for (const task of tasks) await this.factory.close(task);
  }

  /** Forgets one task (fenced: a newer owner has it) and closes it in the background. */
  remove(task: ActiveTask): void {
    for (const p of this.partitionsOf(task)) this.byPartition.delete(partitionKey(p.topic, p.partition));
    this.tasks.delete(task.id);
    this.layouts.delete(task.id);
    void this.factory.close(task);
  }
}
