import { Headers } from '../../headers.js';
import type { ProcessorSupplier } from '../../processor.js';
import type { ProcessorContext } from '../../processor-context.js';
import { logSkippedRecord } from '../skipped-record.js';
import type { Change } from './change.js';
import { CHANGE_HEADER } from './table-select.js';
import { TableStoreForwarder } from './table-store-forwarder.js';

/** How a KGroupedTable folds values into its aggregate (`reduce`, `aggregate` and `count` fill it in). */
export interface TableAggregation<K, V, VA> {
  /** Adds `value` to the aggregate (null: the group has none yet). */
  readonly add: (key: K, value: V, aggregate: VA | null) => VA;
  /** Removes a value that left the group from its aggregate. */
  readonly subtract: (key: K, value: V, aggregate: VA) => VA;
}

/**
 * KTABLE-AGGREGATE / KTABLE-REDUCE: reads the records of a KGroupedTable's repartition topic, each one half of
 * an upstream update (see CHANGE_HEADER): `old` subtracts the value from its group's aggregate, `new` adds it. The
 * aggregate is stored and forwarded as a table change; it is never deleted by subtraction (as in Kafka Streams).
 */
export function tableAggregateOperator<K, V, VA>(
  aggregation: TableAggregation<K, V, VA>,
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
        const subtract = r.headers.lastString(CHANGE_HEADER) === 'old';
        const headers = new Headers(r.headers).remove(CHANGE_HEADER);
        const oldAgg = table.get(r.key);
        if (subtract && oldAgg === null) return;
        const newAgg = subtract ? aggregation.subtract(r.key, r.value, oldAgg!) : aggregation.add(r.key, r.value, oldAgg);
        table.put({ timestamp: r.timestamp, headers }, r.key, newAgg, oldAgg);
      },
    };
  };
}
