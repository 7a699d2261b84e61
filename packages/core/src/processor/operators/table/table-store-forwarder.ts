// How a table operator that owns a store (a materialized table) writes and forwards (Kafka Streams'
// TimestampedTupleForwarder): every change goes into its timestamped store with the timestamp it is forwarded
// with; with caching on, the cache forwards one deduplicated change per key when it flushes (commit) or evicts,
// with the new value's timestamp (the entry's for a delete: TimestampedCacheFlushListener), else the operator
// forwards each change itself.
import type { TimestampedKeyValueStore } from '../../../state/value-and-timestamp.js';
import { ValueAndTimestamp } from '../../../state/value-and-timestamp.js';
import type { Headers } from '../../../record/headers.js';
import type { ProcessorContext } from '../../processor-context.js';
import { StreamRecord } from '../../stream-record.js';
import type { Change } from './change.js';

const { getValueOrNull } = ValueAndTimestamp;

export class TableStoreForwarder<K, V> {
  private store!: TimestampedKeyValueStore<K, V>;
  private context!: ProcessorContext<K, Change<V>>;
  private cached = false;
  private sendOldValues = false;

  /**
   * Call from the processor's `init`. `throughCache` false: forward every change at once even if the store has
   * a cache (which then only buffers writes), as an operator without a store in Kafka Streams does.
   */
  init(context: ProcessorContext<K, Change<V>>, storeName: string, sendOldValues: boolean, throughCache = true): void {
    this.context = context;
    this.sendOldValues = sendOldValues;
    this.store = context.getStateStore<TimestampedKeyValueStore<K, V>>(storeName);
    this.cached = throughCache && this.store.setFlushListener((c) => {
      const change: Change<V> = { newValue: getValueOrNull(c.newValue), oldValue: sendOldValues ? getValueOrNull(c.oldValue) : null };
      context.forward(new StreamRecord(c.key, change, c.newValue?.timestamp ?? c.timestamp));
    }, sendOldValues);
  }

  /** The stored value for `key`, or null. */
  get(key: K): V | null {
    return this.store.get(key)?.value ?? null;
  }

  /** The stored value for `key` with its timestamp, or null. */
  getWithTimestamp(key: K): ValueAndTimestamp<V> | null {
    return this.store.get(key) ?? null;
  }

  /**
   * Stores `newValue` (null deletes) with `record.timestamp` and, without a cache, forwards the change with
   * `oldValue` if asked for, with that timestamp.
   */
  put(record: { readonly timestamp: number; readonly headers: Headers }, key: K, newValue: V | null, oldValue: V | null): void {
    this.store.put(key, ValueAndTimestamp.make(newValue, record.timestamp));
    if (this.cached) return;
    const change: Change<V> = { newValue, oldValue: this.sendOldValues ? oldValue : null };
    this.context.forward(new StreamRecord(key, change, record.timestamp, record.headers));
  }
}
