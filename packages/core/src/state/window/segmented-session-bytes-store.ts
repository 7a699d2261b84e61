// A session bytes store over a key-value bytes backend, segmented by session end (time-segments.ts). Store keys
// are Kafka Streams' session keys `[key][end, int64 BE][start, int64 BE]` (SessionKeySchema), so one key's
// sessions sort by end time, then start; a session ending at or before stream time − retention is expired.
import { StateStoreError } from '../../errors.js';
import { compareBytes } from '../bytes-order.js';
import type { KeyValueBytesStore } from '../key-value-store.js';
import type { StateStoreContext } from '../state-store-context.js';
import { TimeSegments } from './time-segments.js';
import { fromSessionWindowedKey, toSessionWindowedKey } from './window-key-schema.js';
import type { SessionBytesStore, SessionEntry } from './session-store.js';

const SUFFIX = 16;

export class SegmentedSessionBytesStore implements SessionBytesStore {
  readonly retentionPeriod: number;
  private readonly segments: TimeSegments;

  constructor(
    private readonly backend: KeyValueBytesStore,
    options: { readonly retentionPeriod: number; readonly segmentInterval: number },
  ) {
    this.retentionPeriod = options.retentionPeriod;
    const endOf = (k: Uint8Array) => (k.length < SUFFIX ? undefined : fromSessionWindowedKey(k).end);
    this.segments = new TimeSegments(backend, options.retentionPeriod, options.segmentInterval, endOf);
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
    if (this.segments.observe(end)) return;
    this.segments.put(end, toSessionWindowedKey(key, start, end), value);
  }

  fetchSession(key: Uint8Array, start: number, end: number): Uint8Array | undefined {
    if (this.segments.expired(end)) return undefined;
    return this.segments.get(end, toSessionWindowedKey(key, start, end));
  }

  *findSessions(key: Uint8Array, earliestSessionEndTime: number, latestSessionStartTime: number, reverse: boolean): IterableIterator<SessionEntry> {
    const from = Math.max(0, earliestSessionEndTime, this.segments.minLiveTime());
    const lower = toSessionWindowedKey(key, 0, from);
    const upper = toSessionWindowedKey(key, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    for (const [storeKey, value] of this.segments.scan(from, Number.MAX_SAFE_INTEGER, reverse, lower, upper)) {
      if (storeKey.length !== key.length + SUFFIX) continue;
      const s = fromSessionWindowedKey(storeKey);
      if (compareBytes(s.key, key) !== 0) continue;
      if (s.end >= from && s.start <= latestSessionStartTime) yield { key: s.key, start: s.start, end: s.end, value };
    }
  }

  /** As Kafka Streams' plain session stores: reading every key's sessions by end time needs a time-ordered store. */
  findSessionsByEndTime(): IterableIterator<SessionEntry> {
    throw new StateStoreError(`session store '${this.name}' is not time-ordered: it cannot find sessions by end time`);
  }

  flush(): void {
    this.backend.flush();
  }

  close(): void {
    this.backend.close();
  }
}
