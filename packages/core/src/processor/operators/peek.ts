import type { ProcessorSupplier } from '../processor.js';
import type { ProcessorContext } from '../processor-context.js';

/**
 * Calls `action` for each record. With `forward`, the record then goes on unchanged (`peek`); without, the
 * stream ends here (`foreach`). Side effects are not covered by exactly-once: see docs/guarantees.md.
 */
export function peekOperator<K, V>(action: (key: K, value: V) => void, forward: boolean): ProcessorSupplier<K, V, K, V> {
  return () => {
    let ctx: ProcessorContext<K, V>;
    return {
      init: (c) => (ctx = c),
      process: (r) => {
        action(r.key, r.value);
        if (forward) ctx.forward(r);
      },
    };
  };
}
