import type { ProcessorSupplier } from '../../processor.js';
import type { ProcessorContext } from '../../processor-context.js';
import type { Change } from './change.js';
import { TableStoreForwarder } from './table-store-forwarder.js';
import type { ValueGetterSupplier } from './value-getter.js';

/** How a table operator emits: into its own store (materialized) or straight downstream. */
export interface TableOperatorOptions {
  /** The operator's store when the result is materialized. */
  readonly storeName: string | undefined;
  /** Read at `init`: whether a downstream operator asked for old values. */
  readonly sendOldValues: () => boolean;
}

/**
 * KTABLE-FILTER: values for which `predicate` is false (true with `negate`) become null, so a key that passed
 * before and fails now is deleted downstream. A change that was and stays filtered out is not forwarded when old
 * values are known (Kafka Streams does the same); without them a tombstone is forwarded, which is harmless.
 */
export function tableFilterOperator<K, V>(
  predicate: (key: K, value: V) => boolean,
  negate: boolean,
  options: TableOperatorOptions,
): ProcessorSupplier<K, Change<V>, K, Change<V>> {
  const compute = (key: K, value: V | null): V | null => (value !== null && predicate(key, value) !== negate ? value : null);
  return () => {
    let ctx: ProcessorContext<K, Change<V>>;
    let sendOld = false;
    const table = options.storeName === undefined ? undefined : new TableStoreForwarder<K, V>();
    return {
      init: (c) => {
        ctx = c;
        sendOld = options.sendOldValues();
        table?.init(c, options.storeName!, sendOld);
      },
      process: (r) => {
        const newValue = compute(r.key, r.value.newValue);
        if (table !== undefined) {
          const stored = table.get(r.key);
          if (stored === null && newValue === null) return;
          table.put(r, r.key, newValue, stored);
          return;
        }
        const oldValue = sendOld ? compute(r.key, r.value.oldValue) : null;
        if (sendOld && oldValue === null && newValue === null) return;
        ctx.forward(r.withValue({ newValue, oldValue }));
      },
    };
  };
}

/** The value a non-materialized filter has for a key: its parent's, if it passes. */
export function tableFilterValueGetter<K, V>(
  parent: ValueGetterSupplier<K, V>,
  predicate: (key: K, value: V) => boolean,
  negate: boolean,
): ValueGetterSupplier<K, V> {
  return {
    storeNames: parent.storeNames,
    create: (context) => {
      const getter = parent.create(context);
      return {
        get: (key) => {
          const value = getter.get(key);
          return value !== null && predicate(key, value) !== negate ? value : null;
        },
      };
    },
  };
}
