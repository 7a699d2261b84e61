// The metered layer, the top of every key-value store and the only typed one: serdes turn keys and values into
// the bytes the layers below work on, and it counts the operations. Serde failures become StateStoreErrors.
import { ConfigError, StateStoreError } from '../../errors.js';
import type { Serde, Serializer } from '../../serde/serde.js';
import type { CachedChange, FlushListener, KeyValue, KeyValueBytesStore, KeyValueStore } from '../key-value-store.js';
import type { StateStoreContext } from '../state-store-context.js';

/** Operation counts since the store was built. */
export interface KeyValueStoreMetrics {
  /** `put`, `putIfAbsent`, and each entry of `putAll` (a put of null included). */
  readonly puts: number;
  readonly gets: number;
  readonly deletes: number;
  /** `range`, `reverseRange`, `all`, `reverseAll` and `prefixScan` calls. */
  readonly rangeScans: number;
}

export class MeteredKeyValueStore<K, V> implements KeyValueStore<K, V> {
  private keySerde: Serde<K> | undefined;
  private valueSerde: Serde<V> | undefined;
  /**
   * The topic the serdes are given: the changelog topic when logging is on, else the name it would have
   * (`<applicationId>-<store>-changelog`), so a serde (e.g. a schema-registry one) sees the same subject
   * whether logging is on or off.
   */
  private topic = '';
  private taskId = '';
  private open = false;
  private puts = 0;
  private gets = 0;
  private deletes = 0;
  private rangeScans = 0;

  constructor(
    private readonly inner: KeyValueBytesStore,
    private readonly builderKeySerde: Serde<K> | undefined,
    private readonly builderValueSerde: Serde<V> | undefined,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  get persistent(): boolean {
    return this.inner.persistent;
  }

  init(context: StateStoreContext): void {
    const keySerde = this.resolveKeySerde(context);
    const valueSerde = this.resolveValueSerde(context);
    if (keySerde === undefined) throw this.missingSerde('key', 'defaultKeySerde');
    if (valueSerde === undefined) throw this.missingSerde('value', 'defaultValueSerde');
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
    this.topic = context.changelogTopic(this.name) ?? `${context.applicationId}-${this.name}-changelog`;
    this.taskId = context.taskId;
    this.inner.init(this.contextBelow(context));
    this.open = true;
  }

  isOpen(): boolean {
    return this.open && this.inner.isOpen();
  }

  /** The context the layers below get (a timestamped store's converts the records they restore). */
  protected contextBelow(context: StateStoreContext): StateStoreContext {
    return context;
  }

  /** The key serde: the builder's, else the config's default. */
  protected resolveKeySerde(context: StateStoreContext): Serde<K> | undefined {
    return this.builderKeySerde ?? (context.defaultKeySerde as Serde<K> | undefined);
  }

  /** The value serde: the builder's, else the config's default (a timestamped store wraps it). */
  protected resolveValueSerde(context: StateStoreContext): Serde<V> | undefined {
    return this.builderValueSerde ?? (context.defaultValueSerde as Serde<V> | undefined);
  }

  /** A snapshot of the operation counts. */
  metrics(): KeyValueStoreMetrics {
    return { puts: this.puts, gets: this.gets, deletes: this.deletes, rangeScans: this.rangeScans };
  }

  get(key: K): V | undefined {
    this.gets++;
    return this.toValue('get', this.inner.get(this.toKeyBytes('get', key)));
  }

  put(key: K, value: V | null): void {
    this.puts++;
    const k = this.toKeyBytes('put', key);
    this.inner.put(k, value === null ? null : this.toValueBytes('put', value));
  }

  putIfAbsent(key: K, value: V): V | undefined {
    this.puts++;
    const k = this.toKeyBytes('putIfAbsent', key);
    const v = this.toValueBytes('putIfAbsent', value);
    // A value that serializes to null (a nullable serde) puts nothing.
    return this.toValue('putIfAbsent', v === null ? this.inner.get(k) : this.inner.putIfAbsent(k, v));
  }

  putAll(entries: Iterable<KeyValue<K, V | null>>): void {
    this.checkOpen('putAll');
    const self = this;
    this.inner.putAll(
      (function* () {
        for (const [key, value] of entries) {
          self.puts++;
          yield [self.toKeyBytes('putAll', key), value === null ? null : self.toValueBytes('putAll', value)] as const;
        }
      })(),
    );
  }

  delete(key: K): V | undefined {
    this.deletes++;
    return this.toValue('delete', this.inner.delete(this.toKeyBytes('delete', key)));
  }

  range(from: K | undefined, to: K | undefined): IterableIterator<KeyValue<K, V>> {
    return this.scan('range', from, to, false);
  }

  reverseRange(from: K | undefined, to: K | undefined): IterableIterator<KeyValue<K, V>> {
    return this.scan('reverseRange', from, to, true);
  }

  all(): IterableIterator<KeyValue<K, V>> {
    return this.scan('all', undefined, undefined, false);
  }

  reverseAll(): IterableIterator<KeyValue<K, V>> {
    return this.scan('reverseAll', undefined, undefined, true);
  }

  prefixScan<P>(prefix: P, prefixSerializer: Serializer<P>): IterableIterator<KeyValue<K, V>> {
    this.checkOpen('prefixScan');
    this.rangeScans++;
    let bytes: Uint8Array | null;
    try {
      bytes = prefixSerializer.serialize(this.topic, prefix);
    } catch (err) {
      throw this.failure('prefixScan', 'could not serialize the prefix', err);
    }
    if (bytes === null) throw this.failure('prefixScan', 'the prefix serialized to null');
    return this.entries('prefixScan', this.inner.prefixScan(bytes));
  }

  approximateNumEntries(): number {
    this.checkOpen('approximateNumEntries');
    return this.inner.approximateNumEntries();
  }

  setFlushListener(listener: FlushListener<K, V>, sendOldValues: boolean): boolean {
    return this.inner.setFlushListener((change) => listener(this.toChange(change)), sendOldValues);
  }

  flush(): void {
    this.inner.flush();
  }

  close(): void {
    this.open = false;
    this.inner.close();
  }

  private scan(op: string, from: K | undefined, to: K | undefined, reverse: boolean): IterableIterator<KeyValue<K, V>> {
    this.checkOpen(op);
    this.rangeScans++;
    const lo = from === undefined ? undefined : this.toKeyBytes(op, from);
    const hi = to === undefined ? undefined : this.toKeyBytes(op, to);
    return this.entries(op, this.inner.range(lo, hi, reverse));
  }

  private *entries(op: string, bytes: Iterable<KeyValue<Uint8Array, Uint8Array>>): Generator<KeyValue<K, V>, void, undefined> {
    for (const [k, v] of bytes) yield [this.toKey(op, k), this.toValue(op, v) as V];
  }

  private toChange(change: CachedChange<Uint8Array, Uint8Array>): CachedChange<K, V> {
    const op = 'flush listener';
    return {
      key: this.toKey(op, change.key),
      newValue: change.newValue === null ? null : (this.toValue(op, change.newValue) as V),
      oldValue: change.oldValue === null ? null : (this.toValue(op, change.oldValue) as V),
      timestamp: change.timestamp,
    };
  }

  private toKeyBytes(op: string, key: K): Uint8Array {
    this.checkOpen(op);
    let bytes: Uint8Array | null;
    try {
      bytes = this.keySerde!.serialize(this.topic, key);
    } catch (err) {
      throw this.failure(op, 'could not serialize the key', err);
    }
    if (bytes === null) throw this.failure(op, 'the key serialized to null');
    return bytes;
  }

  /** Null when a nullable serde maps the value to null: the store then deletes the key. */
  private toValueBytes(op: string, value: V): Uint8Array | null {
    try {
      return this.valueSerde!.serialize(this.topic, value);
    } catch (err) {
      throw this.failure(op, 'could not serialize the value', err);
    }
  }

  private toKey(op: string, bytes: Uint8Array): K {
    try {
      return this.keySerde!.deserialize(this.topic, bytes);
    } catch (err) {
      throw this.failure(op, 'could not deserialize a key', err);
    }
  }

  private toValue(op: string, bytes: Uint8Array | undefined): V | undefined {
    if (bytes === undefined) return undefined;
    try {
      return this.valueSerde!.deserialize(this.topic, bytes);
    } catch (err) {
      throw this.failure(op, 'could not deserialize a value', err);
    }
  }

  private missingSerde(which: string, configName: string): ConfigError {
    return new ConfigError(
      `state store '${this.name}' has no ${which} serde: give one to Stores.keyValueStoreBuilder, or set ${configName} in the config`,
    );
  }

  private checkOpen(op: string): void {
    if (!this.open) throw new StateStoreError(`state store '${this.name}': ${op} on a store that is not open`);
  }

  private failure(op: string, what: string, cause?: unknown): StateStoreError {
    const reason = cause === undefined ? '' : `: ${cause instanceof Error ? cause.message : String(cause)}`;
    return new StateStoreError(`state store '${this.name}' (task ${this.taskId}): ${op} ${what}${reason}`, { cause });
  }
}
