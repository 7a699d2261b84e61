import type { ProcessorSupplier } from '../processor.js';
import type { ProcessorContext } from '../processor-context.js';

/** Forwards every record unchanged: the node behind `merge` and each branch of `split`. */
export function passThroughOperator<K, V>(): ProcessorSupplier<K, V, K, V> {
  return () => {
    let ctx: ProcessorContext<K, V>;
    return {
      init: (c) => (ctx = c),
      process: (r) => ctx.forward(r),
    };
  };
}
