// The processing guarantee as a strategy the stream thread is handed (DESIGN §2): how a task's output is
// opened, committed, abandoned and closed. at_least_once and exactly_once implement it; a per-thread
// transactional producer (exactly-once v2, KIP-447) would be a third, with no change to the thread.
import type { ProcessingGuarantee } from '../../../config/streams-config.js';
import type { ActiveTask } from '../active-task.js';
import type { BufferedCollector } from '../buffered-collector.js';
import type { CommitResult } from '../commit.js';

export interface Guarantee {
  readonly name: ProcessingGuarantee;
  /**
   * The output of a new task: where its sinks and changelogs write. Under exactly_once this creates the task's
   * transactional producer and fences the previous owner of the task (initTransactions aborts its open
   * transaction), so it must come before the task's committed offsets are read (the task-start protocol).
   */
  openTask(taskId: string): Promise<BufferedCollector>;
  /** The commit protocol (../commit.ts) over these tasks. */
  commit(tasks: readonly ActiveTask[]): Promise<CommitResult>;
  /** Gives up the tasks' uncommitted work (exactly_once: aborts their open transactions). */
  abandon(tasks: readonly ActiveTask[]): Promise<void>;
  /** Closes a task's output without committing: its uncommitted output is dropped (exactly_once: aborted). */
  closeTask(task: ActiveTask): Promise<void>;
  /** Closes what the guarantee shares between tasks (at_least_once: the thread's producer). */
  close(): Promise<void>;
}
