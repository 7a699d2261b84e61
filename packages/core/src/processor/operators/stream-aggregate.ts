import type { ProcessorSupplier } from '../processor.js';
import type { ProcessorContext } from '../processor-context.js';
import { logSkippedRecord } from './skipped-record.js';
import type { Change } from './table/change.js';
import { TableStoreForwarder } from './table/table-store-forwarder.js';

/**
 * KSTREAM-AGGREGATE / KSTREAM-REDUCE (`count`, `reduce`, `aggregate` of a KGroupedStream): folds each record into
 * its key's aggregate (`add` gets null for a key without one yet), stores it and forwards the change. Records with
 * a null key or value are dropped, as in Kafka Streams. The aggregate's timestamp is the larger of the record's
 * and the previous aggregate's (KStreamAggregate / KStreamReduce), so it never goes back in time.
 */
export function streamAggregateOperator<K, V, VA>(
  add: (key: K, value: V, aggregate: VA | null) => VA,
  storeName: string,
  sendOldValues: () => boolean,
): ProcessorSupplier<K, V, K, Change<VA>> {
  return () => {
    const table = new TableStoreForwarder<K, VA>();
    let ctx: ProcessorContext<K, Change<VA>>;
    return {
      init: (c) => {
        ctx = c;
        table.init(c, storeName, sendOldValues());
      },
      process: (r) => {
        if (r.key === null || r.key === undefined || r.value === null || r.value === undefined) {
          logSkippedRecord(ctx, storeName, 'an aggregation record needs a key and a value');
          return;
        }
        const old = table.getWithTimestamp(r.key);
        const oldAgg = old?.value ?? null;
        const timestamp = old === null ? r.timestamp : Math.max(r.timestamp, old.timestamp);
        table.put({ timestamp, headers: r.headers }, r.key, add(r.key, r.value, oldAgg), oldAgg);
      },
    };
  };
}
