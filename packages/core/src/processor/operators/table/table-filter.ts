import type { ProcessorSupplier } from '../../processor.js';
import type { ProcessorContext } from '../../processor-context.js';
import type { Change } from './change.js';
import { TableStoreForwarder } from './table-store-forwarder.js';
import { valueGetter, type ValueGetterSupplier } from './value-getter.js';

/** How a table operator emits: into its own store (materialized) or straight downstream. */
export interface TableOperatorOptions {
  /** The operator's store when the result is materialized. */
  readonly storeName: string | undefined;
  /** Read at `init`: whether a downstream operator asked for old values. */
  readonly sendOldValues: () => boolean;
}

export interface TableFilterOptions extends TableOperatorOptions {
  /** Whether the parent sends old values anyway (it has a store): the filter then uses them, asked or not. */
  readonly parentSendsOldValues: boolean;
}

/**
 * KTABLE-FILTER (Kafka Streams' KTableFilter): values for which `predicate` is false (true with `negate`) become
 * null, so a key that passed before and fails now is deleted downstream. With old values (the parent has a
 * store, or downstream asked), a change that was and stays filtered out is not forwarded; without them a
 * tombstone is forwarded for every value that fails. A materialized filter takes its old value from its own store.
 */
export function tableFilterOperator<K, V>(
  predicate: (key: K, value: V) => boolean,
  negate: boolean,
  options: TableFilterOptions,
): ProcessorSupplier<K, Change<V>, K, Change<V>> {
  const compute = (key: K, value: V | null): V | null => (value !== null && predicate(key, value) !== negate ? value : null);
  return () => {
    let ctx: ProcessorContext<K, Change<V>>;
    let sendOld = false;
    const table = options.storeName === undefined ? undefined : new TableStoreForwarder<K, V>();
    return {
      init: (c) => {
        ctx = c;
        const asked = options.sendOldValues();
        sendOld = asked || options.parentSendsOldValues;
        table?.init(c, options.storeName!, asked);
      },
      process: (r) => {
        const newValue = compute(r.key, r.value.newValue);
        // As Kafka Streams' KTableFilter.computeOldValue: a materialized filter's old value is what its own store
        // holds (null for a key that never passed), not the parent's old value filtered again.
        const oldValue = !sendOld ? null : table !== undefined ? table.get(r.key) : compute(r.key, r.value.oldValue);
        if (sendOld && oldValue === null && newValue === null) return;
        if (table !== undefined) table.put(r, r.key, newValue, oldValue);
        else ctx.forward(r.withValue({ newValue, oldValue }));
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
    get storeNames() {
      return parent.storeNames; // read when a join uses this getter, not before (see foreign-key-join.ts)
    },
    create: (context) => {
      const getter = parent.create(context);
      // The parent's value and timestamp, if it passes.
      return valueGetter((key) => {
        const found = getter.getWithTimestamp(key);
        return found !== null && predicate(key, found.value) !== negate ? found : null;
      });
    },
  };
}
