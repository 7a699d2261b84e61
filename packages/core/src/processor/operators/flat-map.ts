import type { ProcessorSupplier } from '../processor.js';
import type { ProcessorContext } from '../processor-context.js';
import { StreamRecord } from '../stream-record.js';
import type { KeyValue } from '../../record/key-value.js';

/** Replaces each record with zero or more `[key, value]` records. */
export function flatMapOperator<K, V, K2, V2>(
  mapper: (key: K, value: V) => Iterable<KeyValue<K2, V2>>,
): ProcessorSupplier<K, V, K2, V2> {
  return () => {
    let ctx: ProcessorContext<K2, V2>;
    return {
      init: (c) => (ctx = c),
      process: (r) => {
        for (const [k, v] of mapper(r.key, r.value)) ctx.forward(new StreamRecord(k, v, r.timestamp, r.headers));
      },
    };
  };
}
