// The caching layer, the store's write buffer (DESIGN §4): the last value per key since the last flush. At
// flush, or when over `cacheMaxBytes`, it writes the entries down, oldest change first, and forwards one
// deduplicated change per key to the flush listener (KTable semantics, as Kafka Streams' record cache).
import type { CachedChange, FlushListener, KeyValue, KeyValueBytesStore } from '../key-value-store.js';
import { toByteString } from '../byte-string.js';
import { prefixEnd } from '../bytes-order.js';
import { mergeOverlay, overlayValues, type PendingWrite } from '../overlay-merge.js';
import { resumableScan, type ScanOpener } from '../resumable-scan.js';
import { SortedByteMap } from '../sorted-byte-map.js';
import type { StateStoreContext } from '../state-store-context.js';
import { KeyValueBytesStoreBase } from '../key-value-bytes-store-base.js';

/** Bytes an entry costs beyond its key and value (entry object, map and tree slots), for `cacheMaxBytes`. */
const ENTRY_OVERHEAD = 112;

interface CacheEntry extends PendingWrite {
  /** The key's byte string: its id in both indexes. */
  readonly id: string;
  readonly timestamp: number;
  readonly size: number;
}

export class CachingKeyValueStore extends KeyValueBytesStoreBase implements KeyValueBytesStore {
  /** Dirty entries, least recently written first (a write moves its key to the end). */
  private readonly lru = new Map<string, CacheEntry>();
  /** The same entries in key order, for scans. */
  private readonly sorted = new SortedByteMap<CacheEntry>();
  private bytes = 0;
  private maxBytes = 0;
  private context: StateStoreContext | undefined;
  private listener: FlushListener<Uint8Array, Uint8Array> | undefined;
  private sendOldValues = false;
  /** Changes with every change of the cache, for `resumableScan`. */
  private readonly changes = (): number => this.sorted.version;

  constructor(private readonly inner: KeyValueBytesStore) {
    super();
  }

  get name(): string {
    return this.inner.name;
  }

  get persistent(): boolean {
    return this.inner.persistent;
  }

  init(context: StateStoreContext): void {
    this.context = context;
    this.maxBytes = context.cacheMaxBytes;
    this.inner.init(context);
  }

  isOpen(): boolean {
    return this.inner.isOpen();
  }

  get(key: Uint8Array): Uint8Array | undefined {
    if (this.lru.size > 0) {
      const entry = this.lru.get(toByteString(key));
      if (entry !== undefined) return entry.value ?? undefined;
    }
    return this.inner.get(key);
  }

  put(key: Uint8Array, value: Uint8Array | null): void {
    const timestamp = this.context!.currentTimestamp();
    if (this.maxBytes <= 0) {
      this.writeDown(key, value, timestamp);
      return;
    }
    const id = toByteString(key);
    const old = this.lru.get(id);
    if (old !== undefined) {
      this.lru.delete(id);
      this.bytes -= old.size;
    }
    const entry: CacheEntry = { id, key, value, timestamp, size: 2 * key.length + (value?.length ?? 0) + ENTRY_OVERHEAD };
    this.lru.set(id, entry);
    this.sorted.set(id, entry);
    this.bytes += entry.size;
    while (this.bytes > this.maxBytes && this.lru.size > 0) this.evict(this.lru.values().next().value!);
  }

  range(from: Uint8Array | undefined, to: Uint8Array | undefined, reverse: boolean): IterableIterator<KeyValue<Uint8Array, Uint8Array>> {
    const open: ScanOpener = (lo, hi) => this.merged(this.inner.range(lo, hi, reverse), lo, hi, true, reverse);
    return resumableScan(this.changes, open, from, to, true, reverse);
  }

  prefixScan(prefix: Uint8Array): IterableIterator<KeyValue<Uint8Array, Uint8Array>> {
    // Reopened after a change, the scan goes on from its last key; past the prefix's end, resumableScan stops it.
    const open: ScanOpener = (lo, hi) =>
      this.merged(lo === prefix ? this.inner.prefixScan(prefix) : this.inner.range(lo, undefined, false), lo, hi, false, false);
    return resumableScan(this.changes, open, prefix, prefixEnd(prefix), false, false);
  }

  private merged(
    below: Iterator<KeyValue<Uint8Array, Uint8Array>>,
    from: Uint8Array | undefined,
    to: Uint8Array | undefined,
    toInclusive: boolean,
    reverse: boolean,
  ): Iterator<KeyValue<Uint8Array, Uint8Array>> {
    if (this.lru.size === 0) return below;
    const cached = this.sorted.range(from === undefined ? undefined : toByteString(from), to === undefined ? undefined : toByteString(to), reverse, toInclusive);
    return mergeOverlay(overlayValues(cached), below, reverse);
  }

  /** Exact: the count below, corrected by the dirty entries (one read below per entry). */
  approximateNumEntries(): number {
    let n = this.inner.approximateNumEntries();
    for (const entry of this.lru.values()) {
      const below = this.inner.get(entry.key) !== undefined;
      if (entry.value !== null && !below) n++;
      else if (entry.value === null && below) n--;
    }
    return n;
  }

  setFlushListener(listener: FlushListener<Uint8Array, Uint8Array>, sendOldValues: boolean): boolean {
    this.listener = listener;
    this.sendOldValues = sendOldValues;
    return true;
  }

  /** Commit step 2: every dirty entry goes down (oldest first) and to the listener, then the layers below flush. */
  flush(): void {
    if (this.lru.size > 0) {
      for (const entry of [...this.lru.values()]) {
        // A listener's downstream may have written the key again meanwhile: that newer entry waits for the next flush.
        if (this.lru.get(entry.id) === entry) this.evict(entry);
      }
    }
    this.inner.flush();
  }

  /** Drops the dirty entries: they were never committed. */
  close(): void {
    this.clear();
    this.inner.close();
  }

  private evict(entry: CacheEntry): void {
    this.lru.delete(entry.id);
    this.sorted.delete(entry.id);
    this.bytes -= entry.size;
    this.writeDown(entry.key, entry.value, entry.timestamp);
  }

  /**
   * Writes one change to the store below and forwards it. A delete of a key the store below does not have
   * (put and deleted since the last flush) is neither written nor forwarded, as in Kafka Streams.
   */
  private writeDown(key: Uint8Array, value: Uint8Array | null, timestamp: number): void {
    const listener = this.listener;
    if (listener === undefined) {
      this.inner.put(key, value);
      return;
    }
    const old = this.sendOldValues || value === null ? this.inner.get(key) : undefined;
    if (value === null && old === undefined) return;
    this.inner.put(key, value);
    const change: CachedChange<Uint8Array, Uint8Array> = { key, newValue: value, oldValue: this.sendOldValues ? (old ?? null) : null, timestamp };
    listener(change);
  }

  private clear(): void {
    this.lru.clear();
    this.sorted.clear();
    this.bytes = 0;
  }
}
