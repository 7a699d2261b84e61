// The in-memory key-value backend: a hash map for point reads and updates (O(1)), and a B+ tree over the
// keys' byte strings (unsigned byte order, O(log n)) for scans and new keys. Nothing is durable: after a
// restart the task restores it from the changelog.
import type { KeyValue, FlushListener, KeyValueBytesStore } from '../key-value-store.js';
import { fromByteString, toByteString } from '../byte-string.js';
import { SortedByteMap } from '../sorted-byte-map.js';
import type { ChangelogRecord, StateStoreContext } from '../state-store-context.js';
import { KeyValueBytesStoreBase } from '../key-value-bytes-store-base.js';

/** A key's value, shared by both indexes: an update changes it in place, without touching the tree. */
interface Slot {
  value: Uint8Array;
}

export class InMemoryKeyValueStore extends KeyValueBytesStoreBase implements KeyValueBytesStore {
  readonly persistent = false;
  /** A JS Map holds at most 2^24 entries: about 16.7 million keys per store and task. */
  private readonly index = new Map<string, Slot>();
  private readonly sorted = new SortedByteMap<Slot>();
  private open = false;

  constructor(readonly name: string) {
    super();
  }

  init(context: StateStoreContext): void {
    context.register(this.name, {
      checkpointedOffset: () => undefined,
      restoreBatch: (records) => this.restore(records),
      commit: () => {},
      wipe: () => this.clear(),
    });
    this.open = true;
  }

  isOpen(): boolean {
    return this.open;
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.index.get(toByteString(key))?.value;
  }

  put(key: Uint8Array, value: Uint8Array | null): void {
    const k = toByteString(key);
    const slot = this.index.get(k);
    if (value === null) {
      if (slot === undefined) return;
      this.index.delete(k);
      this.sorted.delete(k);
    } else if (slot !== undefined) {
      slot.value = value;
    } else {
      const added = { value };
      this.index.set(k, added);
      this.sorted.set(k, added);
    }
  }

  range(from: Uint8Array | undefined, to: Uint8Array | undefined, reverse: boolean): IterableIterator<KeyValue<Uint8Array, Uint8Array>> {
    const entries = this.sorted.range(from === undefined ? undefined : toByteString(from), to === undefined ? undefined : toByteString(to), reverse);
    return toKeyValues(entries);
  }

  prefixScan(prefix: Uint8Array): IterableIterator<KeyValue<Uint8Array, Uint8Array>> {
    return toKeyValues(this.sorted.prefix(toByteString(prefix)));
  }

  approximateNumEntries(): number {
    return this.index.size;
  }

  setFlushListener(_listener: FlushListener<Uint8Array, Uint8Array>, _sendOldValues: boolean): boolean {
    return false;
  }

  flush(): void {}

  close(): void {
    this.clear();
    this.open = false;
  }

  private clear(): void {
    this.index.clear();
    this.sorted.clear();
  }

  private restore(records: readonly ChangelogRecord[]): void {
    for (const r of records) this.put(r.key, r.value);
  }
}

function* toKeyValues(entries: Iterable<[string, Slot]>): Generator<KeyValue<Uint8Array, Uint8Array>, void, undefined> {
  for (const [k, slot] of entries) yield [fromByteString(k), slot.value];
}
