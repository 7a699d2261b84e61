import type { ProcessorSupplier } from '../../processor.js';
import type { ProcessorContext } from '../../processor-context.js';
import { logSkippedRecord } from '../skipped-record.js';
import type { Change } from './change.js';
import { TableStoreForwarder } from './table-store-forwarder.js';

/** How a KGroupedTable folds values into its aggregate (`reduce`, `aggregate` and `count` fill it in). */
export interface TableAggregation<K, V, VA> {
  /** Adds `value` to the aggregate (null: the group has none yet). */
  readonly add: (key: K, value: V, aggregate: VA | null) => VA;
  /** Removes a value that left the group from its aggregate. */
  readonly subtract: (key: K, value: V, aggregate: VA) => VA;
}

/**
 * KTABLE-AGGREGATE / KTABLE-REDUCE (Kafka Streams' KTableAggregate / KTableReduce): reads the changes of a
 * KGroupedTable's repartition topic. The old value (if any) is subtracted from the group's aggregate, then the new
 * value (if any) added, and the result is stored and forwarded once (KIP-904). An aggregate is never deleted by
 * subtraction (a count goes to 0, as in Kafka Streams).
 */
export function tableAggregateOperator<K, V, VA>(
  aggregation: TableAggregation<K, V, VA>,
  storeName: string,
  sendOldValues: () => boolean,
): ProcessorSupplier<K, Change<V>, K, Change<VA>> {
  return () => {
    const table = new TableStoreForwarder<K, VA>();
    let ctx: ProcessorContext<K, Change<VA>>;
    return {
      init: (c) => {
        ctx = c;
        table.init(c, storeName, sendOldValues());
      },
      process: (r) => {
        if (r.key === null || r.key === undefined) {
          logSkippedRecord(ctx, storeName, 'an aggregation record needs a key');
          return;
        }
        const { oldValue, newValue } = r.value;
        const old = table.getWithTimestamp(r.key);
        const oldAgg = old?.value ?? null;
        const intermediate = oldValue !== null && oldAgg !== null ? aggregation.subtract(r.key, oldValue, oldAgg) : oldAgg;
        const newAgg = newValue !== null ? aggregation.add(r.key, newValue, intermediate) : intermediate;
        // The larger of the record's and the previous aggregate's timestamps (KTableAggregate / KTableReduce).
        const timestamp = old === null ? r.timestamp : Math.max(r.timestamp, old.timestamp);
        table.put({ timestamp, headers: r.headers }, r.key, newAgg, oldAgg);
      },
    };
  };
}
