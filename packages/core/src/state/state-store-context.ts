// What a task gives its stores: where they live, how they log changes, and the hooks they register so the task
// can restore them from their changelog before processing and make them durable at commit (DESIGN §3 step 6).
import type { Logger } from 'pino';
import type { Serde } from '../serde/serde.js';
import type { StateStore } from './state-store.js';

/** One record of a changelog topic: the store key and value bytes; a null value deletes the key. */
export interface ChangelogRecord {
  readonly key: Uint8Array;
  readonly value: Uint8Array | null;
  readonly offset: number;
  readonly timestamp: number;
}

/**
 * Hooks the innermost store of a stack registers (once, from `init`). The task calls them:
 * - `checkpointedOffset` before restoring, to restore only the tail;
 * - `restoreBatch` with the changelog records after that offset, in order, before any processing;
 * - `commit` after every successful commit (step 6), with the changelog offset the data now reflects;
 * - `wipe` when the local data cannot be trusted (its offset is beyond the changelog's end).
 */
export interface StoreRegistration {
  /** Offset of the last changelog record the local data reflects; undefined when it holds nothing durable. */
  checkpointedOffset(): number | undefined;
  /** Applies restored records in order, in bulk; persistent stores make them durable with the last offset. */
  restoreBatch(records: readonly ChangelogRecord[]): void;
  /**
   * Step 6: makes every write since the last commit durable, together with `changelogOffset` (the offset of the
   * last changelog record this store's writes produced; undefined when logging is off or nothing was logged
   * since the last commit, in which case the previous offset stays).
   */
  commit(changelogOffset: number | undefined): void;
  /** Deletes all local data and its offset. */
  wipe(): void;
}

export interface StateStoreContext {
  readonly applicationId: string;
  /** `<subtopologyId>_<partition>`. */
  readonly taskId: string;
  /** The task's partition: its changelog partitions have the same number. */
  readonly partition: number;
  /** `<stateDir>/<applicationId>/<taskId>`; persistent stores keep their files below it. */
  readonly stateDir: string;
  readonly logger: Logger;
  /** Bytes the caching layer of one store may hold before it evicts (0: caching off, every write goes down). */
  readonly cacheMaxBytes: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly defaultKeySerde: Serde<any> | undefined;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly defaultValueSerde: Serde<any> | undefined;
  /** The timestamp of the record being processed; stream time inside punctuations and flushes. */
  currentTimestamp(): number;
  /** Called once, from `init`, by the innermost store of each stack (the backend). */
  register(storeName: string, registration: StoreRegistration): void;
  /** Whether the named store has a changelog (logging enabled). */
  changelogTopic(storeName: string): string | undefined;
  /** Sends one change to the store's changelog partition, in the task's open transaction under exactly_once. */
  logChange(storeName: string, key: Uint8Array, value: Uint8Array | null, timestamp: number): void;
  /** Asks the task to commit soon (e.g. a store's uncommitted write buffer is full). */
  requestCommit(): void;
}

export type { StateStore };
