import { ValueAndTimestamp, type TimestampedKeyValueStore } from '../../../state/value-and-timestamp.js';
import type { ProcessorSupplier } from '../../processor.js';
import type { ProcessorContext } from '../../processor-context.js';
import { logSkippedRecord } from '../skipped-record.js';
import type { Change } from './change.js';
import { TableStoreForwarder } from './table-store-forwarder.js';

/**
 * KTABLE-SOURCE (also `toTable()` and the result of a foreign-key join): each record upserts its key in the
 * table's store with the record's timestamp, a null value deletes it, and the change goes downstream with that
 * timestamp. Records without a key are dropped. `storeNeeded` (read at init) false: Kafka Streams would keep no
 * store for this table (its name was generated and nothing reads it or asks for old values), so every change is
 * forwarded at once, not through the store's cache.
 */
export function tableSourceOperator<K, V>(
  storeName: string,
  sendOldValues: () => boolean,
  storeNeeded: () => boolean = () => true,
): ProcessorSupplier<K, V | null, K, Change<V>> {
  return () => {
    const table = new TableStoreForwarder<K, V>();
    let ctx: ProcessorContext<K, Change<V>>;
    return {
      init: (c) => {
        ctx = c;
        table.init(c, storeName, sendOldValues(), storeNeeded());
      },
      process: (r) => {
        if (r.key === null || r.key === undefined) {
          logSkippedRecord(ctx, storeName, 'a table record needs a key');
          return;
        }
        table.put(r, r.key, r.value ?? null, table.get(r.key));
      },
    };
  };
}

/**
 * The processor of a global table's (timestamped) store: each record upserts its key with the record's timestamp
 * (a null value deletes it); nothing is forwarded.
 */
export function globalTableSourceOperator<K, V>(storeName: string): ProcessorSupplier<K, V | null, never, never> {
  return () => {
    let ctx: ProcessorContext<never, never>;
    let store: TimestampedKeyValueStore<K, V>;
    return {
      init: (c) => {
        ctx = c;
        store = c.getStateStore<TimestampedKeyValueStore<K, V>>(storeName);
      },
      process: (r) => {
        if (r.key === null || r.key === undefined) {
          logSkippedRecord(ctx, storeName, 'a global table record needs a key');
          return;
        }
        store.put(r.key, ValueAndTimestamp.make(r.value, r.timestamp));
      },
    };
  };
}
