// The backends of window stores, as Kafka Streams' `Stores.inMemoryWindowStore` / `persistentWindowStore`: a
// key-value backend (sorted in-memory map, or LMDB) under a SegmentedWindowBytesStore.
import { TopologyError } from '../../errors.js';
import { InMemoryKeyValueStore } from '../backends/in-memory-key-value-store.js';
import { LmdbKeyValueStore } from '../backends/lmdb-key-value-store.js';
import { validateStoreName } from '../store-name.js';
import { SegmentedSessionBytesStore } from './segmented-session-bytes-store.js';
import { SegmentedWindowBytesStore } from './segmented-window-bytes-store.js';
import type { SessionBytesStoreSupplier } from './session-store.js';
import { TimeOrderedSessionBytesStore } from './time-ordered-session-bytes-store.js';
import { TimeOrderedWindowBytesStore } from './time-ordered-window-bytes-store.js';
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
  checkWindowOptions(name, options);
  const { retentionPeriod, windowSize } = options;
  const retainDuplicates = options.retainDuplicates ?? false;
  const segmentInterval = defaultSegmentInterval(retentionPeriod);
  const segmented = { retentionPeriod, windowSize, retainDuplicates, segmentInterval };
  return Object.freeze({
    name,
    persistent,
    ...segmented,
    get: () => new SegmentedWindowBytesStore(persistent ? new LmdbKeyValueStore(name) : new InMemoryKeyValueStore(name), segmented),
  });
}

/**
 * The time-ordered window store of a windowed aggregation with emitStrategy(onWindowClose) (Kafka Streams'
 * RocksDbIndexedTimeOrderedWindowBytesStoreSupplier); `withIndex` for sliding windows, as Kafka Streams.
 */
export function timeOrderedWindowStoreSupplier(name: string, options: WindowStoreOptions & { readonly withIndex: boolean }, persistent: boolean): WindowBytesStoreSupplier {
  validateStoreName(name);
  checkWindowOptions(name, options);
  const { retentionPeriod, windowSize, withIndex } = options;
  const segmentInterval = defaultSegmentInterval(retentionPeriod);
  const settings = { retentionPeriod, windowSize, segmentInterval, withIndex };
  return Object.freeze({
    name,
    persistent,
    retentionPeriod,
    windowSize,
    retainDuplicates: false,
    segmentInterval,
    get: () => new TimeOrderedWindowBytesStore(persistent ? new LmdbKeyValueStore(name) : new InMemoryKeyValueStore(name), settings),
  });
}

/** The time-ordered session store of a session-windowed aggregation with emitStrategy(onWindowClose). */
export function timeOrderedSessionStoreSupplier(name: string, retentionPeriod: number, persistent: boolean): SessionBytesStoreSupplier {
  const plain = sessionStoreSupplier(name, retentionPeriod, persistent);
  const settings = { retentionPeriod, segmentInterval: plain.segmentInterval };
  return Object.freeze({
    ...plain,
    get: () => new TimeOrderedSessionBytesStore(persistent ? new LmdbKeyValueStore(name) : new InMemoryKeyValueStore(name), settings),
  });
}

/** As Kafka Streams: a window size of 0 or more (sliding windows may have 0), a retention of at least the size. */
function checkWindowOptions(name: string, options: WindowStoreOptions): void {
  const { retentionPeriod, windowSize } = options;
  if (!Number.isInteger(windowSize) || windowSize < 0) throw new TopologyError(`window store '${name}': windowSize must be an integer >= 0 (got ${windowSize})`);
  if (!Number.isInteger(retentionPeriod) || retentionPeriod < windowSize) {
    throw new TopologyError(`window store '${name}': retentionPeriod (${retentionPeriod}) must be an integer at least windowSize (${windowSize})`);
  }
}

/** Kafka Streams' default segment interval: half the retention, at least a minute. */
function defaultSegmentInterval(retentionPeriod: number): number {
  return Math.max(Math.floor(retentionPeriod / 2), 60_000);
}

/** A session store backend: retention is how long (ms of stream time) a session is kept after it ends. */
export function sessionStoreSupplier(name: string, retentionPeriod: number, persistent: boolean): SessionBytesStoreSupplier {
  validateStoreName(name);
  if (!Number.isInteger(retentionPeriod) || retentionPeriod < 0) {
    throw new TopologyError(`session store '${name}': retentionPeriod must be an integer >= 0 (got ${retentionPeriod})`);
  }
  const segmentInterval = defaultSegmentInterval(retentionPeriod);
  return Object.freeze({
    name,
    persistent,
    retentionPeriod,
    segmentInterval,
    get: () =>
      new SegmentedSessionBytesStore(persistent ? new LmdbKeyValueStore(name) : new InMemoryKeyValueStore(name), { retentionPeriod, segmentInterval }),
  });
}
