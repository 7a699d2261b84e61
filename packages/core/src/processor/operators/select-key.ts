import type { ProcessorSupplier } from '../processor.js';
import type { ProcessorContext } from '../processor-context.js';
import { StreamRecord } from '../stream-record.js';

/** Sets a new key computed from the record; the value stays. */
export function selectKeyOperator<K, V, K2>(mapper: (key: K, value: V) => K2): ProcessorSupplier<K, V, K2, V> {
  return () => {
    let ctx: ProcessorContext<K2, V>;
    return {
      init: (c) => (ctx = c),
      process: (r) => ctx.forward(new StreamRecord(mapper(r.key, r.value), r.value, r.timestamp, r.headers)),
    };
  };
}
