import type { ProcessorSupplier } from '../../processor.js';
import type { ProcessorContext } from '../../processor-context.js';
import type { Change } from './change.js';

/** KTABLE-TOSTREAM: each change becomes a record of its new value; a deletion becomes a record with a null value. */
export function tableToStreamOperator<K, V>(): ProcessorSupplier<K, Change<V>, K, V | null> {
  return () => {
    let ctx: ProcessorContext<K, V | null>;
    return {
      init: (c) => (ctx = c),
      process: (r) => ctx.forward(r.withValue(r.value.newValue)),
    };
  };
}
