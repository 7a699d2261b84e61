import type { ProcessorSupplier } from '../processor.js';
import type { ProcessorContext } from '../processor-context.js';
import { logSkippedRecord } from './skipped-record.js';
import type { ValueGetter, ValueGetterSupplier } from './table/value-getter.js';

export interface StreamTableJoinOptions<K, V, KT, VT, VR> {
  /** The table side: a KTable's getter (its local store) or a GlobalKTable's (the global store). */
  readonly table: ValueGetterSupplier<KT, VT>;
  /** The table key to look up: the record's key for a KTable, the key selector's result for a GlobalKTable. */
  readonly tableKey: (key: K, value: V) => KT | null | undefined;
  readonly joiner: (value: V, tableValue: VT | null, key: K) => VR;
  /** Left join: records without a table match are joined with null. */
  readonly left: boolean;
  readonly processorName: string;
}

/**
 * KSTREAM-JOIN / KSTREAM-LEFTJOIN against a table: each stream record looks up the table's current value (the
 * table never triggers output). Records with a null value are dropped with a warning. A record whose table key is
 * null (its own key, or what a global table's key selector returned) is joined with null by a left join (Kafka
 * Streams 3.7+, KIP-962) and dropped with a warning by an inner join.
 */
export function streamTableJoinOperator<K, V, KT, VT, VR>(o: StreamTableJoinOptions<K, V, KT, VT, VR>): ProcessorSupplier<K, V, K, VR> {
  return () => {
    let ctx: ProcessorContext<K, VR>;
    let table: ValueGetter<KT, VT>;
    return {
      init: (c) => {
        ctx = c;
        table = o.table.create(c);
      },
      process: (r) => {
        if (r.value === null || r.value === undefined) {
          logSkippedRecord(ctx, o.processorName, 'null join value');
          return;
        }
        const tableKey = o.tableKey(r.key, r.value);
        if ((tableKey === null || tableKey === undefined) && !o.left) {
          logSkippedRecord(ctx, o.processorName, 'null join key');
          return;
        }
        const tableValue = tableKey === null || tableKey === undefined ? null : table.get(tableKey);
        if (tableValue === null && !o.left) return;
        ctx.forward(r.withValue(o.joiner(r.value, tableValue, r.key)));
      },
    };
  };
}
