// A key-value bytes backend (in-memory or LMDB) split into time segments, as Kafka Streams' segmented stores are:
// every backend key is `[segment id, int64 BE][store key]`, segment id = floor(time / segmentInterval), where the
// time is a window's start (window stores) or a session's end (session stores). Stream time is the largest time
// put or restored; a segment wholly before stream time − retention is deleted, and a time at or before stream
// time − retention is expired (not stored, not returned). Time-ordered stores (emitStrategy onWindowClose) keep
// Kafka Streams' RocksDB rule instead: whatever falls in a live segment is stored, each read filters by time.
import type { KeyValue } from '../../record/key-value.js';
import type { KeyValueBytesStore } from '../key-value-store.js';
import type { ChangelogRecord, StateStoreContext, StoreRegistration } from '../state-store-context.js';
import { RegistrationMappingContext } from '../registration-mapping-context.js';
import { int64Bytes, readInt64At } from './window-key-schema.js';

const SEGMENT_ID_SIZE = 8;

/** One backend entry within a segment: a store key (of the store's own layout) and its value (null deletes). */
export type SegmentEntry = readonly [Uint8Array, Uint8Array | null];

export interface TimeSegmentsOptions {
  /**
   * The entries a changelog record (a store key as the changelog has it) becomes in its segment; default: itself.
   * Time-ordered stores write two: the time-first entry and its key-first index.
   */
  readonly restoredEntries?: (storeKey: Uint8Array, value: Uint8Array | null) => readonly SegmentEntry[];
  /** Restoring keeps a record whose segment is live, even when its time is expired (Kafka Streams' RocksDB rule). */
  readonly restoreByLiveSegment?: boolean;
}

export class TimeSegments {
  /** Ids of the segments that hold data, ascending. */
  private segments: number[] = [];
  /** The largest time put or restored; -1 before the first. */
  private observed = -1;

  constructor(
    readonly backend: KeyValueBytesStore,
    readonly retentionPeriod: number,
    private readonly segmentInterval: number,
    /** The time a store key (as the changelog has it) is segmented by. */
    private readonly timeOfStoreKey: (storeKey: Uint8Array) => number | undefined,
    private readonly options: TimeSegmentsOptions = {},
  ) {}

  init(context: StateStoreContext): void {
    this.backend.init(new RegistrationMappingContext(context, (r) => this.restoring(r)));
    this.segments = this.discoverSegments();
  }

  get streamTime(): number {
    return this.observed;
  }

  /** Moves stream time to `time` if it is later; returns whether `time` is then expired. */
  observe(time: number): boolean {
    if (time > this.observed) this.observed = time;
    return this.expired(time);
  }

  expired(time: number): boolean {
    return time <= this.observed - this.retentionPeriod;
  }

  /** Whether `time` falls in a segment that is not yet dropped (Kafka Streams' `getOrCreateSegmentIfLive`). */
  isLive(time: number): boolean {
    return this.segmentOf(time) >= this.segmentOf(this.observed - this.retentionPeriod);
  }

  /** The oldest time reads return: later than stream time − retention. */
  minLiveTime(): number {
    return this.observed - this.retentionPeriod + 1;
  }

  put(time: number, storeKey: Uint8Array, value: Uint8Array | null): void {
    const segment = this.segmentOf(time);
    this.backend.put(this.segmentedKey(segment, storeKey), value);
    if (value !== null) this.addSegment(segment);
    this.dropExpiredSegments();
  }

  get(time: number, storeKey: Uint8Array): Uint8Array | undefined {
    return this.backend.get(this.segmentedKey(this.segmentOf(time), storeKey));
  }

  /**
   * Store keys and values in the segments that can hold times in `[fromTime, toTime]`, segment by segment; within
   * one, between `lower(segment)` and `upper(segment)` (store keys, inclusive; undefined: the whole segment).
   */
  *scan(
    fromTime: number,
    toTime: number,
    reverse: boolean,
    lower?: Uint8Array,
    upper?: Uint8Array,
  ): Generator<KeyValue<Uint8Array, Uint8Array>, void, undefined> {
    const lo = this.segmentOf(fromTime);
    const hi = this.segmentOf(toTime);
    const within = this.segments.filter((s) => s >= lo && s <= hi);
    if (reverse) within.reverse();
    for (const segment of within) {
      const from = lower === undefined ? int64Bytes(segment) : this.segmentedKey(segment, lower);
      const to = upper === undefined ? int64Bytes(segment + 1) : this.segmentedKey(segment, upper);
      for (const [k, v] of this.backend.range(from, to, reverse)) {
        if (k.length > SEGMENT_ID_SIZE) yield [k.subarray(SEGMENT_ID_SIZE), v];
      }
    }
  }

  private segmentOf(time: number): number {
    return Math.floor(Math.max(0, Math.min(time, Number.MAX_SAFE_INTEGER)) / this.segmentInterval);
  }

  private segmentedKey(segment: number, storeKey: Uint8Array): Uint8Array {
    const out = new Uint8Array(SEGMENT_ID_SIZE + storeKey.length);
    out.set(int64Bytes(segment), 0);
    out.set(storeKey, SEGMENT_ID_SIZE);
    return out;
  }

  private addSegment(segment: number): void {
    const at = this.segments.findIndex((s) => s >= segment);
    if (at === -1) this.segments.push(segment);
    else if (this.segments[at] !== segment) this.segments.splice(at, 0, segment);
  }

  /** Deletes the segments wholly before stream time − retention (Kafka Streams' `minLiveSegment`). */
  private dropExpiredSegments(): void {
    const minLive = this.segmentOf(this.observed - this.retentionPeriod);
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

  /** Restoring puts each changelog record (a store key) into its segment, and drops expired ones. */
  private restoring(registration: StoreRegistration): StoreRegistration {
    return {
      checkpointedOffset: () => registration.checkpointedOffset(),
      restoreBatch: (records) => {
        const mapped: ChangelogRecord[] = [];
        const { restoredEntries, restoreByLiveSegment } = this.options;
        for (const r of records) {
          const time = this.timeOfStoreKey(r.key);
          if (time === undefined) continue;
          const expired = this.observe(time);
          if (restoreByLiveSegment ? !this.isLive(time) : expired) continue;
          const segment = this.segmentOf(time);
          if (r.value !== null) this.addSegment(segment);
          const entries = restoredEntries?.(r.key, r.value) ?? [[r.key, r.value] as const];
          for (const [key, value] of entries) mapped.push({ ...r, key: this.segmentedKey(segment, key), value });
        }
        registration.restoreBatch(mapped);
        this.dropExpiredSegments();
      },
      commit: (offset) => registration.commit(offset),
      wipe: () => {
        registration.wipe();
        this.segments = [];
        this.observed = -1;
      },
    };
  }
}
