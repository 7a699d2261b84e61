import type { ProcessorSupplier } from '../../processor.js';
import type { ProcessorContext } from '../../processor-context.js';
import { logSkippedRecord } from '../skipped-record.js';
import type { Change } from './change.js';
import { TableStoreForwarder } from './table-store-forwarder.js';

/**
 * KTABLE-SOURCE (also `toTable()` and the result of a foreign-key join): each record upserts its key in the
 * table's store, a null value deletes it, and the change goes downstream. Records without a key are dropped.
 */
export function tableSourceOperator<K, V>(
  storeName: string,
  sendOldValues: () => boolean,
): ProcessorSupplier<K, V | null, K, Change<V>> {
  return () => {
    const table = new TableStoreForwarder<K, V>();
    let ctx: ProcessorContext<K, Change<V>>;
    return {
      init: (c) => {
        ctx = c;
        table.init(c, storeName, sendOldValues());
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

/** The processor of a global table's store: each record upserts (a null value deletes) its key; nothing is forwarded. */
export function globalTableSourceOperator<K, V>(storeName: string): ProcessorSupplier<K, V | null, never, never> {
  return () => {
    let ctx: ProcessorContext<never, never>;
    let store: { put(key: K, value: V | null): void };
    return {
      init: (c) => {
        ctx = c;
        store = c.getStateStore(storeName) as unknown as typeof store;
      },
      process: (r) => {
        if (r.key === null || r.key === undefined) {
          logSkippedRecord(ctx, storeName, 'a global table record needs a key');
          return;
        }
        store.put(r.key, r.value ?? null);
      },
    };
  };
}
