// A time-ordered window bytes store (Kafka Streams' RocksDbIndexedTimeOrderedWindowBytesStore), the store of a
// windowed aggregation with emitStrategy(onWindowClose): segmented by window start like the plain one
// (segmented-window-bytes-store.ts), but its entries sort by window start first, so `fetchAll` reads the windows
// that closed since the last emit, of every key, as one range (time-ordered-key-schema.ts). With the index
// (sliding windows), a key's windows read as one range too; without it (time windows, which read one window at
// a time) a key range scans the times. As Kafka Streams' time-first store, it keeps the window that starts exactly
// at stream time − retention: a window closing at its retention is still read when it is emitted.
import { compareBytes } from '../bytes-order.js';
import type { KeyValueBytesStore } from '../key-value-store.js';
import type { StateStoreContext } from '../state-store-context.js';
import {
  fromTimeFirstWindowKey,
  keyFirst,
  plainOfKeyFirst,
  timeFirstWindowBound,
  timeFirstWindowKey,
} from './time-ordered-key-schema.js';
import { TimeSegments, type SegmentEntry } from './time-segments.js';
import { keyOfStoreKey, SUFFIX_SIZE, timestampOfStoreKey, toStoreKey } from './window-key-schema.js';
import type { WindowBytesStore, WindowEntry } from './window-store.js';

const MAX_SEQNUM = 0x7fffffff;
const EMPTY = new Uint8Array(0);

export interface TimeOrderedWindowOptions {
  readonly retentionPeriod: number;
  readonly windowSize: number;
  readonly segmentInterval: number;
  /** Keep the key-first index (Kafka Streams does for sliding windows). */
  readonly withIndex: boolean;
}

export class TimeOrderedWindowBytesStore implements WindowBytesStore {
  readonly retentionPeriod: number;
  readonly windowSize: number;
  readonly retainDuplicates = false;
  private readonly withIndex: boolean;
  private readonly segments: TimeSegments;

  constructor(
    private readonly backend: KeyValueBytesStore,
    options: TimeOrderedWindowOptions,
  ) {
    this.retentionPeriod = options.retentionPeriod;
    this.windowSize = options.windowSize;
    this.withIndex = options.withIndex;
    // Changelog records carry the plain store key [key][start][seqnum].
    const startOf = (k: Uint8Array) => (k.length < SUFFIX_SIZE ? undefined : timestampOfStoreKey(k));
    this.segments = new TimeSegments(backend, options.retentionPeriod, options.segmentInterval, startOf, {
      restoredEntries: (plain, value) => this.entries(keyOfStoreKey(plain), timestampOfStoreKey(plain), value),
      restoreByLiveSegment: true,
    });
  }

  get name(): string {
    return this.backend.name;
  }

  get persistent(): boolean {
    return this.backend.persistent;
  }

  init(context: StateStoreContext): void {
    this.segments.init(context);
  }

  isOpen(): boolean {
    return this.backend.isOpen();
  }

  put(key: Uint8Array, value: Uint8Array | null, windowStart: number): void {
    this.segments.observe(windowStart);
    if (!this.segments.isLive(windowStart)) return;
    for (const [entry, v] of this.entries(key, windowStart, value)) this.segments.put(windowStart, entry, v);
  }

  fetch(key: Uint8Array, windowStart: number): Uint8Array | undefined {
    if (windowStart < this.minLiveTime()) return undefined;
    return this.segments.get(windowStart, timeFirstWindowKey(key, windowStart, 0)) ?? undefined;
  }

  *fetchRange(key: Uint8Array, timeFrom: number, timeTo: number, reverse: boolean): IterableIterator<WindowEntry> {
    const from = Math.max(timeFrom, this.minLiveTime());
    if (timeTo < from) return;
    if (!this.withIndex) {
      for (const entry of this.scanByTime(from, timeTo, reverse)) if (compareBytes(entry.key, key) === 0) yield entry;
      return;
    }
    const lower = keyFirst(toStoreKey(key, Math.max(0, from), 0));
    const upper = keyFirst(toStoreKey(key, timeTo, MAX_SEQNUM));
    for (const [indexKey] of this.segments.scan(from, timeTo, reverse, lower, upper)) {
      const plain = plainOfKeyFirst(indexKey);
      // Another key can sort inside the range (one that extends this key's bytes): keep this key's only.
      if (plain.length !== key.length + SUFFIX_SIZE || compareBytes(keyOfStoreKey(plain), key) !== 0) continue;
      const windowStart = timestampOfStoreKey(plain);
      if (windowStart < from || windowStart > timeTo) continue;
      const value = this.segments.get(windowStart, timeFirstWindowKey(key, windowStart, 0));
      if (value !== undefined) yield { key, windowStart, value };
    }
  }

  fetchAll(timeFrom: number, timeTo: number, reverse: boolean): IterableIterator<WindowEntry> {
    const from = Math.max(timeFrom, this.minLiveTime());
    return this.scanByTime(from, timeTo, reverse);
  }

  flush(): void {
    this.backend.flush();
  }

  close(): void {
    this.backend.close();
  }

  /** Every key's windows that start in [from, to], by start, then key. */
  private *scanByTime(from: number, to: number, reverse: boolean): Generator<WindowEntry, void, undefined> {
    if (to < from) return;
    // Inclusive bounds: no entry equals the bare [prefix][to + 1]; every entry with start `to` sorts before it.
    const lower = timeFirstWindowBound(Math.max(0, from));
    const upper = timeFirstWindowBound(to + 1);
    for (const [entry, value] of this.segments.scan(from, to, reverse, lower, upper)) {
      const { key, start } = fromTimeFirstWindowKey(entry);
      if (start >= from && start <= to) yield { key, windowStart: start, value };
    }
  }

  /** The oldest window start reads return: stream time − retention itself included, as Kafka Streams' time-first store. */
  private minLiveTime(): number {
    return this.segments.streamTime - this.retentionPeriod;
  }

  private entries(key: Uint8Array, windowStart: number, value: Uint8Array | null): SegmentEntry[] {
    const base: SegmentEntry = [timeFirstWindowKey(key, windowStart, 0), value];
    return this.withIndex ? [[keyFirst(toStoreKey(key, windowStart, 0)), value === null ? null : EMPTY], base] : [base];
  }
}
