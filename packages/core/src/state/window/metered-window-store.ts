// The metered layer of a window store, its top and its only typed layer (Kafka Streams' MeteredWindowStore):
// serdes turn keys and values into the bytes below, and it counts the operations. The timestamped variant holds
// ValueAndTimestamp<V> as `[timestamp][value]` and gives the layers below a TimestampedRestoreContext.
import { StateStoreError } from '../../errors.js';
import type { KeyValue } from '../../record/key-value.js';
import type { Serde } from '../../serde/serde.js';
import type { StateStoreContext } from '../state-store-context.js';
import { StoreCodec } from '../store-codec.js';
import { TimestampedRestoreContext } from '../timestamped-restore-context.js';
import type { ValueAndTimestamp } from '../value-and-timestamp.js';
import { valueAndTimestampSerde } from '../value-and-timestamp-serde.js';
import type { WindowBytesStore, WindowEntry, WindowStore } from './window-store.js';
import { Windowed } from './windowed.js';

/** Operation counts since the store was built. */
export interface WindowStoreMetrics {
  readonly puts: number;
  readonly fetches: number;
}

export class MeteredWindowStore<K, V> implements WindowStore<K, V> {
  private codec: StoreCodec<K, V> | undefined;
  private open = false;
  private puts = 0;
  private fetches = 0;

  constructor(
    private readonly inner: WindowBytesStore,
    private readonly builderKeySerde: Serde<K> | undefined,
    private readonly builderValueSerde: Serde<V> | undefined,
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

  init(context: StateStoreContext): void {
    this.codec = StoreCodec.resolve(this.name, context, this.builderKeySerde, this.resolveValueSerde(context), 'windowStoreBuilder');
    this.inner.init(this.contextBelow(context));
    this.open = true;
  }

  isOpen(): boolean {
    return this.open && this.inner.isOpen();
  }

  protected contextBelow(context: StateStoreContext): StateStoreContext {
    return context;
  }

  protected resolveValueSerde(context: StateStoreContext): Serde<V> | undefined {
    return this.builderValueSerde ?? (context.defaultValueSerde as Serde<V> | undefined);
  }

  metrics(): WindowStoreMetrics {
    return { puts: this.puts, fetches: this.fetches };
  }

  put(key: K, value: V | null, windowStartTimestamp: number): void {
    const codec = this.checkOpen('put');
    this.puts++;
    const bytes = value === null ? null : codec.valueBytes('put', value);
    this.inner.put(codec.keyBytes('put', key), bytes, windowStartTimestamp);
  }

  fetch(key: K, windowStartTimestamp: number): V | undefined;
  fetch(key: K, timeFrom: number, timeTo: number): IterableIterator<KeyValue<number, V>>;
  fetch(key: K, timeFrom: number, timeTo?: number): V | undefined | IterableIterator<KeyValue<number, V>> {
    const codec = this.checkOpen('fetch');
    this.fetches++;
    if (timeTo === undefined) {
      const bytes = this.inner.fetch(codec.keyBytes('fetch', key), timeFrom);
      return bytes === undefined ? undefined : codec.value('fetch', bytes);
    }
    return this.byStart('fetch', this.inner.fetchRange(codec.keyBytes('fetch', key), timeFrom, timeTo, false));
  }

  backwardFetch(key: K, timeFrom: number, timeTo: number): IterableIterator<KeyValue<number, V>> {
    const codec = this.checkOpen('backwardFetch');
    this.fetches++;
    return this.byStart('backwardFetch', this.inner.fetchRange(codec.keyBytes('backwardFetch', key), timeFrom, timeTo, true));
  }

  fetchAll(timeFrom: number, timeTo: number): IterableIterator<KeyValue<Windowed<K>, V>> {
    this.checkOpen('fetchAll');
    this.fetches++;
    return this.windowed('fetchAll', this.inner.fetchAll(timeFrom, timeTo, false));
  }

  backwardFetchAll(timeFrom: number, timeTo: number): IterableIterator<KeyValue<Windowed<K>, V>> {
    this.checkOpen('backwardFetchAll');
    this.fetches++;
    return this.windowed('backwardFetchAll', this.inner.fetchAll(timeFrom, timeTo, true));
  }

  all(): IterableIterator<KeyValue<Windowed<K>, V>> {
    return this.fetchAll(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  }

  backwardAll(): IterableIterator<KeyValue<Windowed<K>, V>> {
    return this.backwardFetchAll(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  }

  flush(): void {
    this.inner.flush();
  }

  close(): void {
    this.open = false;
    this.inner.close();
  }

  private *byStart(op: string, entries: Iterable<WindowEntry>): Generator<KeyValue<number, V>, void, undefined> {
    for (const e of entries) yield [e.windowStart, this.codec!.value(op, e.value)];
  }

  private *windowed(op: string, entries: Iterable<WindowEntry>): Generator<KeyValue<Windowed<K>, V>, void, undefined> {
    const codec = this.codec!;
    for (const e of entries) {
      yield [Windowed.of(codec.key(op, e.key), e.windowStart, e.windowStart + this.windowSize), codec.value(op, e.value)];
    }
  }

  private checkOpen(op: string): StoreCodec<K, V> {
    if (!this.open || this.codec === undefined) throw new StateStoreError(`state store '${this.name}': ${op} on a store that is not open`);
    return this.codec;
  }
}

/** A window store of values with their timestamps (windowed aggregations), `[timestamp][value]` below. */
export class MeteredTimestampedWindowStore<K, V> extends MeteredWindowStore<K, ValueAndTimestamp<V>> {
  constructor(
    inner: WindowBytesStore,
    keySerde: Serde<K> | undefined,
    private readonly plainValueSerde: Serde<V> | undefined,
  ) {
    super(inner, keySerde, undefined);
  }

  protected override contextBelow(context: StateStoreContext): StateStoreContext {
    return new TimestampedRestoreContext(context);
  }

  protected override resolveValueSerde(context: StateStoreContext): Serde<ValueAndTimestamp<V>> | undefined {
    const valueSerde = this.plainValueSerde ?? (context.defaultValueSerde as Serde<V> | undefined);
    return valueSerde === undefined ? undefined : valueAndTimestampSerde(valueSerde);
  }
}

/** Whether `store` is a timestamped window store (a windowed aggregation's, or `timestampedWindowStoreBuilder`). */
export function isTimestampedWindowStore(store: unknown): store is MeteredTimestampedWindowStore<unknown, unknown> {
  return store instanceof MeteredTimestampedWindowStore;
}

/** Whether `store` is a window store (built by `Stores.windowStoreBuilder` or a windowed aggregation). */
export function isWindowStore(store: unknown): store is MeteredWindowStore<unknown, unknown> {
  return store instanceof MeteredWindowStore;
}
