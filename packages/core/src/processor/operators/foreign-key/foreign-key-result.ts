import type { ProcessorSupplier } from '../../processor.js';
import type { ProcessorContext } from '../../processor-context.js';
import { logSkippedRecord } from '../skipped-record.js';
import type { Change } from '../table/change.js';
import { tableSourceOperator } from '../table/table-source.js';

export interface ForeignKeyResultOptions {
  /** The result's store, read when a task creates the processor: undefined when the result is not materialized. */
  readonly storeName: () => string | undefined;
  readonly sendOldValues: () => boolean;
  readonly processorName: string;
}

/**
 * The result table of a foreign-key join (KTABLE-FK-JOIN-OUTPUT, a KTableSource in Kafka Streams): with a store
 * (asked for, or needed by an operator downstream) it is a table source; without one it forwards each result as a
 * change without old value.
 */
export function foreignKeyResultOperator<K, VR>(o: ForeignKeyResultOptions): ProcessorSupplier<K, VR | null, K, Change<VR>> {
  return () => {
    const storeName = o.storeName();
    if (storeName !== undefined) return tableSourceOperator<K, VR>(storeName, o.sendOldValues)();
    let ctx: ProcessorContext<K, Change<VR>>;
    return {
      init: (c) => {
        ctx = c;
      },
      process: (r) => {
        if (r.key === null || r.key === undefined) {
          logSkippedRecord(ctx, o.processorName, 'a table record needs a key');
          return;
        }
        ctx.forward(r.withValue({ newValue: r.value ?? null, oldValue: null }));
      },
    };
  };
}
