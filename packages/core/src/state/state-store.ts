// The base of every state store. Key-value stores extend it (window and session stores come with windows).
import type { StateStoreContext } from './state-store-context.js';

export interface StateStore {
  readonly name: string;
  /** Persistent stores keep their data across restarts (LMDB); in-memory ones restore from the changelog. */
  readonly persistent: boolean;
  /**
   * Called by the task before any processor's `init`, outermost layer first; each layer initializes the one it
   * wraps. The innermost store registers itself with `context.register` (restore and commit hooks).
   */
  init(context: StateStoreContext): void;
  /** True between `init` and `close`. */
  isOpen(): boolean;
  /**
   * Commit step 2: caches forward their dirty entries downstream and write them to the layers below; the
   * change-logging layer has sent every change by the time this returns. Data becomes durable only at step 6
   * (the registration's `commit`).
   */
  flush(): void;
  /** Closes the store. Writes not committed (step 6) are dropped; the changelog brings them back if they count. */
  close(): void;
}
