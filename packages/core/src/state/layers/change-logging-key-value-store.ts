// The change-logging layer: after each write reaches the store below, sends it to the store's changelog
// (key bytes, value bytes or null for a delete, the current record's timestamp). Restoring replays them.
import type { FlushListener, KeyValue, KeyValueBytesStore } from '../key-value-store.js';
import type { StateStoreContext } from '../state-store-context.js';

export class ChangeLoggingKeyValueStore implements KeyValueBytesStore {
  protected context: StateStoreContext | undefined;
  /** Whether the context gave this store a changelog topic (the builder adds the layer only with logging on). */
  protected logging = false;

  constructor(private readonly inner: KeyValueBytesStore) {}

  get name(): string {
    return this.inner.name;
  }

  get persistent(): boolean {
    return this.inner.persistent;
  }

  init(context: StateStoreContext): void {
    this.context = context;
    this.logging = context.changelogTopic(this.name) !== undefined;
    this.inner.init(context);
  }

  isOpen(): boolean {
    return this.inner.isOpen();
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.inner.get(key);
  }

  /** Logs every put, and a put of null as a delete (whether or not the key had a value: that costs no read). */
  put(key: Uint8Array, value: Uint8Array | null): void {
    this.inner.put(key, value);
    this.log(key, value);
  }

  putIfAbsent(key: Uint8Array, value: Uint8Array): Uint8Array | undefined {
    const existing = this.inner.putIfAbsent(key, value);
    if (existing === undefined) this.log(key, value);
    return existing;
  }

  putAll(entries: Iterable<KeyValue<Uint8Array, Uint8Array | null>>): void {
    for (const [key, value] of entries) this.put(key, value);
  }

  /** Logs a delete only when the key had a value (the store did not change otherwise). */
  delete(key: Uint8Array): Uint8Array | undefined {
    const old = this.inner.delete(key);
    if (old !== undefined) this.log(key, null);
    return old;
  }

  range(from: Uint8Array | undefined, to: Uint8Array | undefined, reverse: boolean): IterableIterator<KeyValue<Uint8Array, Uint8Array>> {
    return this.inner.range(from, to, reverse);
  }

  prefixScan(prefix: Uint8Array): IterableIterator<KeyValue<Uint8Array, Uint8Array>> {
    return this.inner.prefixScan(prefix);
  }

  approximateNumEntries(): number {
    return this.inner.approximateNumEntries();
  }

  setFlushListener(listener: FlushListener<Uint8Array, Uint8Array>, sendOldValues: boolean): boolean {
    return this.inner.setFlushListener(listener, sendOldValues);
  }

  flush(): void {
    this.inner.flush();
  }

  close(): void {
    this.inner.close();
  }

  /** Sends one change to the changelog (a timestamped store's layer overrides it: see its file). */
  protected log(key: Uint8Array, value: Uint8Array | null): void {
    if (!this.logging) return;
    const context = this.context!;
    context.logChange(this.name, key, value, context.currentTimestamp());
  }
}
