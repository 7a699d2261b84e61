// The change-logging layer of a session store (Kafka Streams' ChangeLoggingSessionBytesStore): after each put
// reaches the store below, sends it to the changelog keyed `[key][end][start]`, with the current record's
// timestamp, so a Java application reads the changelog as its own.
import type { StateStoreContext } from '../state-store-context.js';
import type { SessionBytesStore, SessionEntry } from './session-store.js';
import { toSessionWindowedKey } from './window-key-schema.js';

export class ChangeLoggingSessionBytesStore implements SessionBytesStore {
  private context: StateStoreContext | undefined;
  private logging = false;

  constructor(private readonly inner: SessionBytesStore) {}

  get name(): string {
    return this.inner.name;
  }
  get persistent(): boolean {
    return this.inner.persistent;
  }
  get retentionPeriod(): number {
    return this.inner.retentionPeriod;
  }

  init(context: StateStoreContext): void {
    this.context = context;
    this.logging = context.changelogTopic(this.name) !== undefined;
    this.inner.init(context);
  }

  isOpen(): boolean {
    return this.inner.isOpen();
  }

  put(key: Uint8Array, start: number, end: number, value: Uint8Array | null): void {
    this.inner.put(key, start, end, value);
    if (!this.logging) return;
    const context = this.context!;
    context.logChange(this.name, toSessionWindowedKey(key, start, end), value, context.currentTimestamp());
  }

  fetchSession(key: Uint8Array, start: number, end: number): Uint8Array | undefined {
    return this.inner.fetchSession(key, start, end);
  }

  findSessions(key: Uint8Array, earliestSessionEndTime: number, latestSessionStartTime: number, reverse: boolean): IterableIterator<SessionEntry> {
    return this.inner.findSessions(key, earliestSessionEndTime, latestSessionStartTime, reverse);
  }

  findSessionsByEndTime(earliestSessionEndTime: number, latestSessionEndTime: number): IterableIterator<SessionEntry> {
    return this.inner.findSessionsByEndTime(earliestSessionEndTime, latestSessionEndTime);
  }

  flush(): void {
    this.inner.flush();
  }

  close(): void {
    this.inner.close();
  }
}
