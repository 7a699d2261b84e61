// The change-logging layer of a window store (Kafka Streams' ChangeLoggingWindowBytesStore and its timestamped
// variant): after each put reaches the store below, sends it to the changelog with the window store key
// `[key][window start][seqnum]` (window-key-schema.ts), so a Java application reads the changelog as its own.
// Timestamped: the store below holds `[timestamp][value]`; the changelog gets the value's bytes with the stored
// timestamp as the record's timestamp (a delete: the current record's timestamp).
import type { StateStoreContext } from '../state-store-context.js';
import { rawValueOf, timestampOf } from '../value-and-timestamp-serde.js';
import { toStoreKey } from './window-key-schema.js';
import type { WindowBytesStore, WindowEntry } from './window-store.js';

const MAX_SEQNUM = 0x7fffffff;

export class ChangeLoggingWindowBytesStore implements WindowBytesStore {
  private context: StateStoreContext | undefined;
  private logging = false;
  private seqnum = 0;

  constructor(
    private readonly inner: WindowBytesStore,
    private readonly timestamped: boolean,
  ) {}

  get name(): string {
    return this.inner.name;
  }
  get persistent(): boolean {
    return this.inner.persistent;
  }
  get windowSize(): number {
    return this.inner.windowSize;
  }
  get retentionPeriod(): number {
    return this.inner.retentionPeriod;
  }
  get retainDuplicates(): boolean {
    return this.inner.retainDuplicates;
  }

  init(context: StateStoreContext): void {
    this.context = context;
    this.logging = context.changelogTopic(this.name) !== undefined;
    this.inner.init(context);
  }

  isOpen(): boolean {
    return this.inner.isOpen();
  }

  put(key: Uint8Array, value: Uint8Array | null, windowStart: number): void {
    this.inner.put(key, value, windowStart);
    if (!this.logging || (value === null && this.retainDuplicates)) return;
    if (this.retainDuplicates) this.seqnum = (this.seqnum + 1) & MAX_SEQNUM;
    const storeKey = toStoreKey(key, windowStart, this.retainDuplicates ? this.seqnum : 0);
    const context = this.context!;
    if (value === null) context.logChange(this.name, storeKey, null, context.currentTimestamp());
    else if (this.timestamped) context.logChange(this.name, storeKey, rawValueOf(value), timestampOf(value));
    else context.logChange(this.name, storeKey, value, context.currentTimestamp());
  }

  fetch(key: Uint8Array, windowStart: number): Uint8Array | undefined {
    return this.inner.fetch(key, windowStart);
  }

  fetchRange(key: Uint8Array, timeFrom: number, timeTo: number, reverse: boolean): IterableIterator<WindowEntry> {
    return this.inner.fetchRange(key, timeFrom, timeTo, reverse);
  }

  fetchAll(timeFrom: number, timeTo: number, reverse: boolean): IterableIterator<WindowEntry> {
    return this.inner.fetchAll(timeFrom, timeTo, reverse);
  }

  flush(): void {
    this.inner.flush();
  }

  close(): void {
    this.inner.close();
  }
}
