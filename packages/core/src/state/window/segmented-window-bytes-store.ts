// A window bytes store over a key-value bytes backend (in-memory or LMDB), segmented by time as Kafka Streams'
// segmented stores are: every key is `[segment id, int64 BE][key][window start][seqnum]` (window-key-schema.ts),
// segment id = floor(window start / segmentInterval). Stream time here is the largest window start put or
// restored; once a whole segment is older than stream time − retention it is deleted, and reads never return a
// window that starts at or before stream time − retention (as Kafka Streams' window stores filter them).
import { compareBytes } from '../bytes-order.js';
import type { KeyValueBytesStore } from '../key-value-store.js';
import type { ChangelogRecord, StateStoreContext, StoreRegistration } from '../state-store-context.js';
import { RegistrationMappingContext } from '../registration-mapping-context.js';
import {
  int64Bytes,
  keyOfStoreKey,
  readInt64At,
  SUFFIX_SIZE,
  timestampOfStoreKey,
  toStoreKey,
} from './window-key-schema.js';
import type { WindowBytesStore, WindowEntry } from './window-store.js';

const SEGMENT_ID_SIZE = 8;
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
  private readonly segmentInterval: number;
  /** Ids of the segments that hold data, ascending. */
  private segments: number[] = [];
  /** The largest window start put or restored; -1 before the first. */
  private observedStreamTime = -1;
  private seqnum = 0;

  constructor(
    private readonly backend: KeyValueBytesStore,
    options: SegmentedWindowOptions,
  ) {
    this.retentionPeriod = options.retentionPeriod;
    this.windowSize = options.windowSize;
    this.retainDuplicates = options.retainDuplicates;
    this.segmentInterval = options.segmentInterval;
  }

  get name(): string {
    return this.backend.name;
  }

  get persistent(): boolean {
    return this.backend.persistent;
  }

  init(context: StateStoreContext): void {
    this.backend.init(new RegistrationMappingContext(context, (r) => this.restoring(r)));
    this.segments = this.discoverSegments();
  }

  isOpen(): boolean {
    return this.backend.isOpen();
  }

  put(key: Uint8Array, value: Uint8Array | null, windowStart: number): void {
    if (value === null && this.retainDuplicates) return; // a join buffer never deletes one of several duplicates
    if (windowStart > this.observedStreamTime) this.observedStreamTime = windowStart;
    if (this.expired(windowStart)) return;
    if (this.retainDuplicates) this.seqnum = (this.seqnum + 1) & MAX_SEQNUM;
    const segment = this.segmentOf(windowStart);
    this.backend.put(this.segmentedKey(segment, toStoreKey(key, windowStart, this.retainDuplicates ? this.seqnum : 0)), value);
    if (value !== null) this.addSegment(segment);
    this.dropExpiredSegments();
  }

  fetch(key: Uint8Array, windowStart: number): Uint8Array | undefined {
    if (this.expired(windowStart)) return undefined;
    if (!this.retainDuplicates) return this.backend.get(this.segmentedKey(this.segmentOf(windowStart), toStoreKey(key, windowStart, 0)));
    for (const entry of this.fetchRange(key, windowStart, windowStart, false)) return entry.value;
    return undefined;
  }

  *fetchRange(key: Uint8Array, timeFrom: number, timeTo: number, reverse: boolean): IterableIterator<WindowEntry> {
    const from = Math.max(timeFrom, this.minLiveTimestamp());
    if (timeTo < from) return;
    for (const segment of this.segmentsBetween(from, timeTo, reverse)) {
      const lower = this.segmentedKey(segment, toStoreKey(key, from, 0));
      const upper = this.segmentedKey(segment, toStoreKey(key, timeTo, MAX_SEQNUM));
      for (const [k, value] of this.backend.range(lower, upper, reverse)) {
        const storeKey = k.subarray(SEGMENT_ID_SIZE);
        // Another key can sort inside the range (one that extends this key's bytes): keep this key's only.
        if (storeKey.length !== key.length + SUFFIX_SIZE || compareBytes(keyOfStoreKey(storeKey), key) !== 0) continue;
        const windowStart = timestampOfStoreKey(storeKey);
        if (windowStart >= from && windowStart <= timeTo) yield { key: keyOfStoreKey(storeKey), windowStart, value };
      }
    }
  }

  *fetchAll(timeFrom: number, timeTo: number, reverse: boolean): IterableIterator<WindowEntry> {
    const from = Math.max(timeFrom, this.minLiveTimestamp());
    if (timeTo < from) return;
    for (const segment of this.segmentsBetween(from, timeTo, reverse)) {
      for (const [k, value] of this.backend.range(int64Bytes(segment), int64Bytes(segment + 1), reverse)) {
        const storeKey = k.subarray(SEGMENT_ID_SIZE);
        if (storeKey.length < SUFFIX_SIZE) continue;
        const windowStart = timestampOfStoreKey(storeKey);
        if (windowStart >= from && windowStart <= timeTo) yield { key: keyOfStoreKey(storeKey), windowStart, value };
      }
    }
  }

  flush(): void {
    this.backend.flush();
  }

  close(): void {
    this.backend.close();
  }

  // ---- time and segments ---------------------------------------------------------------------------------

  /** The oldest window start reads return: later than stream time − retention. */
  private minLiveTimestamp(): number {
    return this.observedStreamTime - this.retentionPeriod + 1;
  }

  private expired(windowStart: number): boolean {
    return windowStart <= this.observedStreamTime - this.retentionPeriod;
  }

  private segmentOf(timestamp: number): number {
    return Math.floor(Math.max(0, timestamp) / this.segmentInterval);
  }

  private segmentedKey(segment: number, storeKey: Uint8Array): Uint8Array {
    const out = new Uint8Array(SEGMENT_ID_SIZE + storeKey.length);
    out.set(int64Bytes(segment), 0);
    out.set(storeKey, SEGMENT_ID_SIZE);
    return out;
  }

  private segmentsBetween(from: number, to: number, reverse: boolean): number[] {
    const lo = this.segmentOf(from);
    const hi = this.segmentOf(to);
    const within = this.segments.filter((s) => s >= lo && s <= hi);
    return reverse ? within.reverse() : within;
  }

  private addSegment(segment: number): void {
    const at = this.segments.findIndex((s) => s >= segment);
    if (at === -1) this.segments.push(segment);
    else if (this.segments[at] !== segment) this.segments.splice(at, 0, segment);
  }

  /** Deletes the segments wholly before stream time − retention (Kafka Streams' `minLiveSegment`). */
  private dropExpiredSegments(): void {
    const minLive = this.segmentOf(this.observedStreamTime - this.retentionPeriod);
    while (this.segments.length > 0 && this.segments[0]! < minLive) {
      const segment = this.segments.shift()!;
      const keys = [...this.backend.range(int64Bytes(segment), int64Bytes(segment + 1), false)].map(([k]) => k);
      for (const k of keys) this.backend.delete(k);
    }
  }

  /** The segment ids present in the backend, by seeking from one segment to the next. */
  private discoverSegments(): number[] {
    const found: number[] = [];
    let lower: Uint8Array | undefined;
    for (;;) {
      const it = this.backend.range(lower, undefined, false);
      const first = it.next();
      it.return?.();
      if (first.done) return found;
      const segment = readInt64At(first.value[0], 0);
      found.push(segment);
      lower = int64Bytes(segment + 1);
    }
  }

  /** Restoring puts each changelog record (a window store key) in its segment, and drops expired ones. */
  private restoring(registration: StoreRegistration): StoreRegistration {
    return {
      checkpointedOffset: () => registration.checkpointedOffset(),
      restoreBatch: (records) => {
        const mapped: ChangelogRecord[] = [];
        for (const r of records) {
          if (r.key.length < SUFFIX_SIZE) continue;
          const windowStart = timestampOfStoreKey(r.key);
          if (windowStart > this.observedStreamTime) this.observedStreamTime = windowStart;
          if (this.expired(windowStart)) continue;
          const segment = this.segmentOf(windowStart);
          if (r.value !== null) this.addSegment(segment);
          mapped.push({ ...r, key: this.segmentedKey(segment, r.key) });
        }
        registration.restoreBatch(mapped);
        this.dropExpiredSegments();
      },
      commit: (offset) => registration.commit(offset),
      wipe: () => {
        registration.wipe();
        this.segments = [];
        this.observedStreamTime = -1;
      },
    };
  }
}
