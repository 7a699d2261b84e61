// A timestamped window store seen as a plain window store (Kafka Streams' WindowStoreFacade): reads drop the
// timestamps; writes store the value with no timestamp (-1). What TopologyTestDriver's `getWindowStore` returns
// for a windowed aggregation's store.
import type { KeyValue } from '../../record/key-value.js';
import type { StateStoreContext } from '../state-store-context.js';
import type { TimestampedWindowStore, WindowStore } from './window-store.js';
import type { Windowed } from './windowed.js';

const NO_TIMESTAMP = -1;

function* values<T, V>(entries: Iterable<KeyValue<T, { readonly value: V }>>): Generator<KeyValue<T, V>, void, undefined> {
  for (const [k, v] of entries) yield [k, v.value];
}

export class WindowStoreFacade<K, V> implements WindowStore<K, V> {
  constructor(private readonly inner: TimestampedWindowStore<K, V>) {}

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
    this.inner.init(context);
  }

  isOpen(): boolean {
    return this.inner.isOpen();
  }

  put(key: K, value: V | null, windowStartTimestamp: number): void {
    this.inner.put(key, value === null ? null : { value, timestamp: NO_TIMESTAMP }, windowStartTimestamp);
  }

  fetch(key: K, windowStartTimestamp: number): V | undefined;
  fetch(key: K, timeFrom: number, timeTo: number): IterableIterator<KeyValue<number, V>>;
  fetch(key: K, timeFrom: number, timeTo?: number): V | undefined | IterableIterator<KeyValue<number, V>> {
    if (timeTo === undefined) return this.inner.fetch(key, timeFrom)?.value;
    return values(this.inner.fetch(key, timeFrom, timeTo));
  }

  backwardFetch(key: K, timeFrom: number, timeTo: number): IterableIterator<KeyValue<number, V>> {
    return values(this.inner.backwardFetch(key, timeFrom, timeTo));
  }

  fetchAll(timeFrom: number, timeTo: number): IterableIterator<KeyValue<Windowed<K>, V>> {
    return values(this.inner.fetchAll(timeFrom, timeTo));
  }

  backwardFetchAll(timeFrom: number, timeTo: number): IterableIterator<KeyValue<Windowed<K>, V>> {
    return values(this.inner.backwardFetchAll(timeFrom, timeTo));
  }

  all(): IterableIterator<KeyValue<Windowed<K>, V>> {
    return values(this.inner.all());
  }

  backwardAll(): IterableIterator<KeyValue<Windowed<K>, V>> {
    return values(this.inner.backwardAll());
  }

  flush(): void {
    this.inner.flush();
  }

  close(): void {
    this.inner.close();
  }
}
