import type { ProcessorSupplier } from '../processor.js';
import type { ProcessorContext } from '../processor-context.js';

/** Forwards records for which `predicate` is true (or false, with `negate`). */
export function filterOperator<K, V>(
  predicate: (key: K, value: V) => boolean,
  negate: boolean,
): ProcessorSupplier<K, V, K, V> {
  return () => {
    let ctx: ProcessorContext<K, V>;
    return {
      init: (c) => (ctx = c),
      process: (r) => {
        if (predicate(r.key, r.value) !== negate) ctx.forward(r);
      },
    };
  };
}
