// How a table operator that owns a store (a materialized table) writes and forwards (Kafka Streams'
// TimestampedTupleForwarder): every change goes into the store; with caching on, the cache forwards one
// deduplicated change per key when it flushes (commit) or evicts, else the operator forwards each change itself.
import type { KeyValueStore } from '../../../state/key-value-store.js';
import type { Headers } from '../../headers.js';
import type { ProcessorContext } from '../../processor-context.js';
import { StreamRecord } from '../../stream-record.js';
import type { Change } from './change.js';

export class TableStoreForwarder<K, V> {
  private store!: KeyValueStore<K, V>;
  private context!: ProcessorContext<K, Change<V>>;
  private cached = false;
  private sendOldValues = false;

  /** Call from the processor's `init`. */
  init(context: ProcessorContext<K, Change<V>>, storeName: string, sendOldValues: boolean): void {
    this.context = context;
    this.sendOldValues = sendOldValues;
    this.store = context.getStateStore<KeyValueStore<K, V>>(storeName);
    this.cached = this.store.setFlushListener(
      (c) => context.forward(new StreamRecord(c.key, { newValue: c.newValue, oldValue: sendOldValues ? c.oldValue : null }, c.timestamp)),
      sendOldValues,
    );
  }

  /** The stored value for `key`, or null. */
  get(key: K): V | null {
    return this.store.get(key) ?? null;
  }

  /** Stores `newValue` (null deletes) and, without a cache, forwards the change with `oldValue` if asked for. */
  put(record: { readonly timestamp: number; readonly headers: Headers }, key: K, newValue: V | null, oldValue: V | null): void {
    this.store.put(key, newValue);
    if (this.cached) return;
    const change: Change<V> = { newValue, oldValue: this.sendOldValues ? oldValue : null };
    this.context.forward(new StreamRecord(key, change, record.timestamp, record.headers));
  }
}
