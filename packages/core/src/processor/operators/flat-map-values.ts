import type { ProcessorSupplier } from '../processor.js';
import type { ProcessorContext } from '../processor-context.js';
import { StreamRecord } from '../stream-record.js';

/** Replaces each value with zero or more values under the same key. */
export function flatMapValuesOperator<K, V, V2>(
  mapper: (value: V, key: K) => Iterable<V2>,
): ProcessorSupplier<K, V, K, V2> {
  return () => {
    let ctx: ProcessorContext<K, V2>;
    return {
      init: (c) => (ctx = c),
      process: (r) => {
        for (const v of mapper(r.value, r.key)) ctx.forward(new StreamRecord(r.key, v, r.timestamp, r.headers));
      },
    };
  };
}
