import type { FixedKeyProcessorSupplier, ProcessorSupplier } from '../processor.js';
import type { FixedKeyProcessorContext } from '../processor-context.js';

/**
 * Runs a FixedKeyProcessor as a plain processor. A StreamRecord is a FixedKeyRecord whose `withKey` the
 * processor's types do not offer, and the context's `forward` is the same function.
 */
export function processValuesOperator<K, V, V2>(
  supplier: FixedKeyProcessorSupplier<K, V, V2>,
): ProcessorSupplier<K, V, K, V2> {
  return () => {
    const inner = supplier();
    return {
      init: (c) => inner.init?.(c as unknown as FixedKeyProcessorContext<K, V2>),
      process: (r) => inner.process(r),
      close: () => inner.close?.(),
    };
  };
}
