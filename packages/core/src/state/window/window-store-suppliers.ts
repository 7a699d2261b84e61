// The backends of window stores, as Kafka Streams' `Stores.inMemoryWindowStore` / `persistentWindowStore`: a
// key-value backend (sorted in-memory map, or LMDB) under a SegmentedWindowBytesStore.
import { TopologyError } from '../../errors.js';
import { InMemoryKeyValueStore } from '../backends/in-memory-key-value-store.js';
import { LmdbKeyValueStore } from '../backends/lmdb-key-value-store.js';
import { validateStoreName } from '../store-name.js';
import { SegmentedSessionBytesStore } from './segmented-session-bytes-store.js';
import { SegmentedWindowBytesStore } from './segmented-window-bytes-store.js';
import type { SessionBytesStoreSupplier } from './session-store.js';
import type { WindowBytesStoreSupplier } from './window-store.js';

export interface WindowStoreOptions {
  /** How long (ms of stream time) a window is kept after it starts. At least `windowSize`. */
  readonly retentionPeriod: number;
  readonly windowSize: number;
  /** Keep every value put for one key and window (stream–stream join buffers). Default false. */
  readonly retainDuplicates?: boolean;
}

export function windowStoreSupplier(name: string, options: WindowStoreOptions, persistent: boolean): WindowBytesStoreSupplier {
  validateStoreName(name);
  const { retentionPeriod, windowSize } = options;
  if (!Number.isInteger(windowSize) || windowSize <= 0) throw new TopologyError(`window store '${name}': windowSize must be a positive integer (got ${windowSize})`);
  if (!Number.isInteger(retentionPeriod) || retentionPeriod < windowSize) {
    throw new TopologyError(`window store '${name}': retentionPeriod (${retentionPeriod}) must be an integer at least windowSize (${windowSize})`);
  }
  const retainDuplicates = options.retainDuplicates ?? false;
  // Kafka Streams' default segment interval: half the retention, at least a minute.
  const segmentInterval = Math.max(Math.floor(retentionPeriod / 2), 60_000);
  const segmented = { retentionPeriod, windowSize, retainDuplicates, segmentInterval };
  return Object.freeze({
    name,
    persistent,
    ...segmented,
    get: () => new SegmentedWindowBytesStore(persistent ? new LmdbKeyValueStore(name) : new InMemoryKeyValueStore(name), segmented),
  });
}

/** A session store backend: retention is how long (ms of stream time) a session is kept after it ends. */
export function sessionStoreSupplier(name: string, retentionPeriod: number, persistent: boolean): SessionBytesStoreSupplier {
  validateStoreName(name);
  if (!Number.isInteger(retentionPeriod) || retentionPeriod < 0) {
    throw new TopologyError(`session store '${name}': retentionPeriod must be an integer >= 0 (got ${retentionPeriod})`);
  }
  const segmentInterval = Math.max(Math.floor(retentionPeriod / 2), 60_000);
  return Object.freeze({
    name,
    persistent,
    retentionPeriod,
    segmentInterval,
    get: () =>
      new SegmentedSessionBytesStore(persistent ? new LmdbKeyValueStore(name) : new InMemoryKeyValueStore(name), { retentionPeriod, segmentInterval }),
  });
}
