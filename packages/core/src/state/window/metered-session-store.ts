// The metered layer of a session store, its top and only typed layer (Kafka Streams' MeteredSessionStore):
// serdes turn keys and aggregates into the bytes below. Session stores hold plain aggregates, as in Kafka Streams
// (a session's timestamp is its end).
import { StateStoreError } from '../../errors.js';
import type { KeyValue } from '../../record/key-value.js';
import type { Serde } from '../../serde/serde.js';
import type { StateStoreContext } from '../state-store-context.js';
import { StoreCodec } from '../store-codec.js';
import type { SessionBytesStore, SessionEntry, SessionStore } from './session-store.js';
import { Windowed } from './windowed.js';

export class MeteredSessionStore<K, AGG> implements SessionStore<K, AGG> {
  private codec: StoreCodec<K, AGG> | undefined;
  private open = false;

  constructor(
    private readonly inner: SessionBytesStore,
    private readonly keySerde: Serde<K> | undefined,
    private readonly valueSerde: Serde<AGG> | undefined,
  ) {}

  get name(): string {
    return this.inner.name;
  }
  get persistent(): boolean {
    return this.inner.persistent;
  }

  init(context: StateStoreContext): void {
    const valueSerde = this.valueSerde ?? (context.defaultValueSerde as Serde<AGG> | undefined);
    this.codec = StoreCodec.resolve(this.name, context, this.keySerde, valueSerde, 'sessionStoreBuilder');
    this.inner.init(context);
    this.open = true;
  }

  isOpen(): boolean {
    return this.open && this.inner.isOpen();
  }

  findSessions(key: K, earliestSessionEndTime: number, latestSessionStartTime: number): IterableIterator<KeyValue<Windowed<K>, AGG>> {
    const codec = this.checkOpen('findSessions');
    return this.sessions('findSessions', this.inner.findSessions(codec.keyBytes('findSessions', key), earliestSessionEndTime, latestSessionStartTime, false));
  }

  backwardFindSessions(key: K, earliestSessionEndTime: number, latestSessionStartTime: number): IterableIterator<KeyValue<Windowed<K>, AGG>> {
    const codec = this.checkOpen('backwardFindSessions');
    const bytes = codec.keyBytes('backwardFindSessions', key);
    return this.sessions('backwardFindSessions', this.inner.findSessions(bytes, earliestSessionEndTime, latestSessionStartTime, true));
  }

  findSessionsByEndTime(earliestSessionEndTime: number, latestSessionEndTime: number): IterableIterator<KeyValue<Windowed<K>, AGG>> {
    this.checkOpen('findSessionsByEndTime');
    return this.sessions('findSessionsByEndTime', this.inner.findSessionsByEndTime(earliestSessionEndTime, latestSessionEndTime));
  }

  fetchSession(key: K, sessionStartTime: number, sessionEndTime: number): AGG | undefined {
    const codec = this.checkOpen('fetchSession');
    const bytes = this.inner.fetchSession(codec.keyBytes('fetchSession', key), sessionStartTime, sessionEndTime);
    return bytes === undefined ? undefined : codec.value('fetchSession', bytes);
  }

  fetch(key: K): IterableIterator<KeyValue<Windowed<K>, AGG>> {
    return this.findSessions(key, 0, Number.MAX_SAFE_INTEGER);
  }

  backwardFetch(key: K): IterableIterator<KeyValue<Windowed<K>, AGG>> {
    return this.backwardFindSessions(key, 0, Number.MAX_SAFE_INTEGER);
  }

  put(session: Windowed<K>, aggregate: AGG | null): void {
    const codec = this.checkOpen('put');
    const value = aggregate === null ? null : codec.valueBytes('put', aggregate);
    this.inner.put(codec.keyBytes('put', session.key), session.window.start, session.window.end, value);
  }

  remove(session: Windowed<K>): void {
    this.put(session, null);
  }

  flush(): void {
    this.inner.flush();
  }

  close(): void {
    this.open = false;
    this.inner.close();
  }

  private *sessions(op: string, entries: Iterable<SessionEntry>): Generator<KeyValue<Windowed<K>, AGG>, void, undefined> {
    const codec = this.codec!;
    for (const e of entries) yield [Windowed.of(codec.key(op, e.key), e.start, e.end), codec.value(op, e.value)];
  }

  private checkOpen(op: string): StoreCodec<K, AGG> {
    if (!this.open || this.codec === undefined) throw new StateStoreError(`state store '${this.name}': ${op} on a store that is not open`);
    return this.codec;
  }
}

/** Whether `store` is a session store (a session-windowed aggregation's, or built by `Stores.sessionStoreBuilder`). */
export function isSessionStore(store: unknown): store is MeteredSessionStore<unknown, unknown> {
  return store instanceof MeteredSessionStore;
}
