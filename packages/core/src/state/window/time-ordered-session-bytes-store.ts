// A time-ordered session bytes store (Kafka Streams' RocksDBTimeOrderedSessionStore with its index), the store of a
// session-windowed aggregation with emitStrategy(onWindowClose): segmented by session end like the plain one
// (segmented-session-bytes-store.ts), with each session kept twice (time-ordered-key-schema.ts): time-first, so
// `findSessionsByEndTime` reads the sessions of every key that closed since the last emit as one range, and
// key-first, so a key's sessions still read as one range. As in Kafka Streams, a session in a live segment is
// stored even when its end is past retention: key reads skip it, the end-time read (the emit) does not.
import { compareBytes } from '../bytes-order.js';
import type { KeyValueBytesStore } from '../key-value-store.js';
import type { StateStoreContext } from '../state-store-context.js';
import type { SessionBytesStore, SessionEntry } from './session-store.js';
import {
  fromTimeFirstSessionKey,
  keyFirst,
  plainOfKeyFirst,
  timeFirstSessionBound,
  timeFirstSessionKey,
} from './time-ordered-key-schema.js';
import { TimeSegments, type SegmentEntry } from './time-segments.js';
import { fromSessionWindowedKey, toSessionWindowedKey } from './window-key-schema.js';

const SUFFIX = 16;
const EMPTY = new Uint8Array(0);

export class TimeOrderedSessionBytesStore implements SessionBytesStore {
  readonly retentionPeriod: number;
  private readonly segments: TimeSegments;

  constructor(
    private readonly backend: KeyValueBytesStore,
    options: { readonly retentionPeriod: number; readonly segmentInterval: number },
  ) {
    this.retentionPeriod = options.retentionPeriod;
    // Changelog records carry the plain session key [key][end][start].
    const endOf = (k: Uint8Array) => (k.length < SUFFIX ? undefined : fromSessionWindowedKey(k).end);
    this.segments = new TimeSegments(backend, options.retentionPeriod, options.segmentInterval, endOf, {
      restoredEntries: (plain, value) => {
        const s = fromSessionWindowedKey(plain);
        return this.entries(s.key, s.start, s.end, value);
      },
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

  put(key: Uint8Array, start: number, end: number, value: Uint8Array | null): void {
    this.segments.observe(end);
    if (!this.segments.isLive(end)) return;
    for (const [entry, v] of this.entries(key, start, end, value)) this.segments.put(end, entry, v);
  }

  fetchSession(key: Uint8Array, start: number, end: number): Uint8Array | undefined {
    if (this.segments.expired(end)) return undefined;
    return this.segments.get(end, timeFirstSessionKey(key, start, end)) ?? undefined;
  }

  *findSessions(key: Uint8Array, earliestSessionEndTime: number, latestSessionStartTime: number, reverse: boolean): IterableIterator<SessionEntry> {
    const from = Math.max(0, earliestSessionEndTime, this.segments.minLiveTime());
    const lower = keyFirst(toSessionWindowedKey(key, 0, from));
    const upper = keyFirst(toSessionWindowedKey(key, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER));
    for (const [indexKey] of this.segments.scan(from, Number.MAX_SAFE_INTEGER, reverse, lower, upper)) {
      const plain = plainOfKeyFirst(indexKey);
      if (plain.length !== key.length + SUFFIX) continue;
      const s = fromSessionWindowedKey(plain);
      if (compareBytes(s.key, key) !== 0 || s.end < from || s.start > latestSessionStartTime) continue;
      const value = this.segments.get(s.end, timeFirstSessionKey(key, s.start, s.end));
      if (value !== undefined) yield { key, start: s.start, end: s.end, value };
    }
  }

  /** Every key's sessions in live segments that end in [earliest, latest], by end, then start, then key. */
  *findSessionsByEndTime(earliestSessionEndTime: number, latestSessionEndTime: number): IterableIterator<SessionEntry> {
    if (latestSessionEndTime < earliestSessionEndTime) return;
    const lower = timeFirstSessionBound(Math.max(0, earliestSessionEndTime));
    const upper = timeFirstSessionBound(latestSessionEndTime + 1);
    for (const [entry, value] of this.segments.scan(earliestSessionEndTime, latestSessionEndTime, false, lower, upper)) {
      const s = fromTimeFirstSessionKey(entry);
      if (s.end >= earliestSessionEndTime && s.end <= latestSessionEndTime) yield { key: s.key, start: s.start, end: s.end, value };
    }
  }

  flush(): void {
    this.backend.flush();
  }

  close(): void {
    this.backend.close();
  }

  private entries(key: Uint8Array, start: number, end: number, value: Uint8Array | null): SegmentEntry[] {
    return [
      [keyFirst(toSessionWindowedKey(key, start, end)), value === null ? null : EMPTY],
      [timeFirstSessionKey(key, start, end), value],
    ];
  }
}
