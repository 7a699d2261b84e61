// A timestamped store seen as a plain key-value store (Kafka Streams' KeyValueStoreFacade): reads drop the
// timestamps; writes store the value with no timestamp (-1, Kafka's NO_TIMESTAMP). What TopologyTestDriver's
// `getKeyValueStore` returns for a DSL store.
import type { Serializer } from '../serde/serde.js';
import type { FlushListener, KeyValue, KeyValueStore } from './key-value-store.js';
import type { StateStoreContext } from './state-store-context.js';
import { ValueAndTimestamp, type TimestampedKeyValueStore } from './value-and-timestamp.js';

const NO_TIMESTAMP = -1;

export class KeyValueStoreFacade<K, V> implements KeyValueStore<K, V> {
  constructor(private readonly inner: TimestampedKeyValueStore<K, V>) {}

  get name(): string {
    return this.inner.name;
  }

  get persistent(): boolean {
    return this.inner.persistent;
  }

  init(context: StateStoreContext): void {
    this.inner.init(context);
  }

  isOpen(): boolean {
    return this.inner.isOpen();
  }

  get(key: K): V | undefined {
    return this.inner.get(key)?.value;
  }

  put(key: K, value: V | null): void {
    this.inner.put(key, ValueAndTimestamp.make(value, NO_TIMESTAMP));
  }

  putIfAbsent(key: K, value: V): V | undefined {
    const made = ValueAndTimestamp.make(value, NO_TIMESTAMP);
    return (made === null ? this.inner.get(key) : this.inner.putIfAbsent(key, made))?.value;
  }

  putAll(entries: Iterable<KeyValue<K, V | null>>): void {
    const made = function* () {
      for (const [key, value] of entries) yield [key, ValueAndTimestamp.make(value, NO_TIMESTAMP)] as const;
    };
    this.inner.putAll(made());
  }

  delete(key: K): V | undefined {
    return this.inner.delete(key)?.value;
  }

  range(from: K | undefined, to: K | undefined): IterableIterator<KeyValue<K, V>> {
    return values(this.inner.range(from, to));
  }

  reverseRange(from: K | undefined, to: K | undefined): IterableIterator<KeyValue<K, V>> {
    return values(this.inner.reverseRange(from, to));
  }

  all(): IterableIterator<KeyValue<K, V>> {
    return values(this.inner.all());
  }

  reverseAll(): IterableIterator<KeyValue<K, V>> {
    return values(this.inner.reverseAll());
  }

  prefixScan<P>(prefix: P, prefixSerializer: Serializer<P>): IterableIterator<KeyValue<K, V>> {
    return values(this.inner.prefixScan(prefix, prefixSerializer));
  }

  approximateNumEntries(): number {
    return this.inner.approximateNumEntries();
  }

  setFlushListener(listener: FlushListener<K, V>, sendOldValues: boolean): boolean {
    return this.inner.setFlushListener(
      (c) =>
        listener({
          key: c.key,
          newValue: ValueAndTimestamp.getValueOrNull(c.newValue),
          oldValue: ValueAndTimestamp.getValueOrNull(c.oldValue),
          timestamp: c.newValue?.timestamp ?? c.timestamp,
        }),
      sendOldValues,
    );
  }

  flush(): void {
    this.inner.flush();
  }

  close(): void {
    this.inner.close();
  }
}

function* values<K, V>(entries: Iterable<KeyValue<K, ValueAndTimestamp<V>>>): Generator<KeyValue<K, V>, void, undefined> {
  for (const [key, value] of entries) yield [key, value.value];
}
