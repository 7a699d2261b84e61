// A window bytes store over a key-value bytes backend (in-memory or LMDB), segmented by window start
// (time-segments.ts). Store keys are Kafka Streams' window keys `[key][window start][seqnum]`
// (window-key-schema.ts); reads never return a window that starts at or before stream time − retention.
import { compareBytes } from '../bytes-order.js';
import type { KeyValueBytesStore } from '../key-value-store.js';
import type { StateStoreContext } from '../state-store-context.js';
import { keyOfStoreKey, SUFFIX_SIZE, timestampOfStoreKey, toStoreKey } from './window-key-schema.js';
import { TimeSegments } from './time-segments.js';
import type { WindowBytesStore, WindowEntry } from './window-store.js';

const MAX_SEQNUM = 0x7fffffff;

export interface SegmentedWindowOptions {
  readonly retentionPeriod: number;
  readonly windowSize: number;
  readonly retainDuplicates: boolean;
  readonly segmentInterval: number;
}

export class SegmentedWindowBytesStore implements WindowBytesStore {
  readonly retentionPeriod: number;
  readonly windowSize: number;
  readonly retainDuplicates: boolean;
  private readonly segments: TimeSegments;
  private seqnum = 0;

  constructor(
    private readonly backend: KeyValueBytesStore,
    options: SegmentedWindowOptions,
  ) {
    this.retentionPeriod = options.retentionPeriod;
    this.windowSize = options.windowSize;
    this.retainDuplicates = options.retainDuplicates;
    const windowStartOf = (k: Uint8Array) => (k.length < SUFFIX_SIZE ? undefined : timestampOfStoreKey(k));
    this.segments = new TimeSegments(backend, options.retentionPeriod, options.segmentInterval, windowStartOf);
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
    if (value === null && this.retainDuplicates) return; // a join buffer never deletes one of several duplicates
    if (this.segments.observe(windowStart)) return;
    if (this.retainDuplicates) this.seqnum = (this.seqnum + 1) & MAX_SEQNUM;
    this.segments.put(windowStart, toStoreKey(key, windowStart, this.retainDuplicates ? this.seqnum : 0), value);
  }

  fetch(key: Uint8Array, windowStart: number): Uint8Array | undefined {
    if (this.segments.expired(windowStart)) return undefined;
    if (!this.retainDuplicates) return this.segments.get(windowStart, toStoreKey(key, windowStart, 0));
    for (const entry of this.fetchRange(key, windowStart, windowStart, false)) return entry.value;
    return undefined;
  }

  *fetchRange(key: Uint8Array, timeFrom: number, timeTo: number, reverse: boolean): IterableIterator<WindowEntry> {
    const from = Math.max(0, timeFrom, this.segments.minLiveTime());
    if (timeTo < from) return;
    const lower = toStoreKey(key, from, 0);
    const upper = toStoreKey(key, timeTo, MAX_SEQNUM);
    for (const [storeKey, value] of this.segments.scan(from, timeTo, reverse, lower, upper)) {
      // Another key can sort inside the range (one that extends this key's bytes): keep this key's only.
      if (storeKey.length !== key.length + SUFFIX_SIZE || compareBytes(keyOfStoreKey(storeKey), key) !== 0) continue;
      const windowStart = timestampOfStoreKey(storeKey);
      if (windowStart >= from && windowStart <= timeTo) yield { key: keyOfStoreKey(storeKey), windowStart, value };
    }
  }

  *fetchAll(timeFrom: number, timeTo: number, reverse: boolean): IterableIterator<WindowEntry> {
    const from = Math.max(0, timeFrom, this.segments.minLiveTime());
    if (timeTo < from) return;
    for (const [storeKey, value] of this.segments.scan(from, timeTo, reverse)) {
      if (storeKey.length < SUFFIX_SIZE) continue;
      const windowStart = timestampOfStoreKey(storeKey);
      if (windowStart >= from && windowStart <= timeTo) yield { key: keyOfStoreKey(storeKey), windowStart, value };
    }
  }

  flush(): void {
    this.backend.flush();
  }

  close(): void {
    this.backend.close();
  }
}
