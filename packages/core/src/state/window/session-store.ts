// Session stores: an aggregate per key and session (a window whose bounds are the first and last record's
// timestamps), as Kafka Streams' SessionStore. The typed interface processors use, and the bytes interface below.
import type { KeyValue } from '../../record/key-value.js';
import type { StateStore } from '../state-store.js';
import type { Windowed } from './windowed.js';

export interface SessionStore<K, AGG> extends StateStore {
  /**
   * The sessions of `key` that end at or after `earliestSessionEndTime` and start at or before
   * `latestSessionStartTime` (the ones a record at t with gap g merges with: t − g and t + g), by end time.
   */
  findSessions(key: K, earliestSessionEndTime: number, latestSessionStartTime: number): IterableIterator<KeyValue<Windowed<K>, AGG>>;
  backwardFindSessions(key: K, earliestSessionEndTime: number, latestSessionStartTime: number): IterableIterator<KeyValue<Windowed<K>, AGG>>;
  /**
   * Every key's sessions that end in `[earliestSessionEndTime, latestSessionEndTime]`, by end time (Kafka Streams'
   * `findSessions(earliestSessionEndTime, latestSessionEndTime)`). Only time-ordered stores (a session-windowed
   * aggregation's with emitStrategy onWindowClose) support it; the others throw, as Kafka Streams' do.
   */
  findSessionsByEndTime(earliestSessionEndTime: number, latestSessionEndTime: number): IterableIterator<KeyValue<Windowed<K>, AGG>>;
  /** The aggregate of exactly this session. */
  fetchSession(key: K, sessionStartTime: number, sessionEndTime: number): AGG | undefined;
  /** Every retained session of `key`. */
  fetch(key: K): IterableIterator<KeyValue<Windowed<K>, AGG>>;
  backwardFetch(key: K): IterableIterator<KeyValue<Windowed<K>, AGG>>;
  /** Puts a session's aggregate; null removes it. */
  put(session: Windowed<K>, aggregate: AGG | null): void;
  remove(session: Windowed<K>): void;
}

export interface SessionEntry {
  readonly key: Uint8Array;
  readonly start: number;
  readonly end: number;
  readonly value: Uint8Array;
}

export interface SessionBytesStore extends StateStore {
  readonly retentionPeriod: number;
  put(key: Uint8Array, start: number, end: number, value: Uint8Array | null): void;
  fetchSession(key: Uint8Array, start: number, end: number): Uint8Array | undefined;
  findSessions(key: Uint8Array, earliestSessionEndTime: number, latestSessionStartTime: number, reverse: boolean): IterableIterator<SessionEntry>;
  findSessionsByEndTime(earliestSessionEndTime: number, latestSessionEndTime: number): IterableIterator<SessionEntry>;
}

export interface SessionBytesStoreSupplier {
  readonly name: string;
  readonly persistent: boolean;
  readonly retentionPeriod: number;
  readonly segmentInterval: number;
  get(): SessionBytesStore;
}
