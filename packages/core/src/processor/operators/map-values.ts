import type { ProcessorSupplier } from '../processor.js';
import type { ProcessorContext } from '../processor-context.js';
import { StreamRecord } from '../stream-record.js';

/** Replaces the value; the key stays, so no repartitioning is needed downstream. */
export function mapValuesOperator<K, V, V2>(mapper: (value: V, key: K) => V2): ProcessorSupplier<K, V, K, V2> {
  return () => {
    let ctx: ProcessorContext<K, V2>;
    return {
      init: (c) => (ctx = c),
      process: (r) => ctx.forward(new StreamRecord(r.key, mapper(r.value, r.key), r.timestamp, r.headers)),
    };
  };
}
