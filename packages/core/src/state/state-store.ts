// The base of every state store. Key-value, window and session stores extend it (stateful-processing issue).

export interface StateStore {
  readonly name: string;
  /** True while the store can be read and written. */
  isOpen(): boolean;
  /** Makes buffered writes durable (caches forward, change-logging sends, the backend writes). */
  flush(): void;
  close(): void;
  /** Persistent stores keep their data across restarts (LMDB); in-memory ones restore from the changelog. */
  readonly persistent: boolean;
}
