import type { ProcessorSupplier } from '../processor.js';
import type { ProcessorContext } from '../processor-context.js';

export interface BranchRoute<K, V> {
  /** Undefined for the default branch, which takes what no predicate matched. */
  readonly predicate: ((key: K, value: V) => boolean) | undefined;
  /** The child node that receives the branch's records. */
  readonly child: string;
}

/**
 * Sends each record to the first branch whose predicate matches, else to the default branch, else drops it. The
 * routes are read when a task creates the processor: split() adds them branch by branch, after this is called.
 */
export function branchOperator<K, V>(routes: readonly BranchRoute<K, V>[]): ProcessorSupplier<K, V, K, V> {
  return () => {
    const defaultRoute = routes.find((r) => r.predicate === undefined);
    const predicated = routes.filter((r) => r.predicate !== undefined);
    let ctx: ProcessorContext<K, V>;
    return {
      init: (c) => (ctx = c),
      process: (r) => {
        for (const route of predicated) {
          if (route.predicate!(r.key, r.value)) {
            ctx.forward(r, route.child);
            return;
          }
        }
        if (defaultRoute) ctx.forward(r, defaultRoute.child);
      },
    };
  };
}
