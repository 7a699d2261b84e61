import { ValueAndTimestamp } from '../../../state/value-and-timestamp.js';
import type { ProcessorSupplier } from '../../processor.js';
import type { ProcessorContext } from '../../processor-context.js';
import type { Change } from './change.js';
import type { TableOperatorOptions } from './table-filter.js';
import { TableStoreForwarder } from './table-store-forwarder.js';
import { valueGetter, type ValueGetterSupplier } from './value-getter.js';

/** KTABLE-MAPVALUES: maps new (and, when asked for, old) values; a deleted key stays deleted. */
export function tableMapValuesOperator<K, V, VR>(
  mapper: (value: V, key: K) => VR,
  options: TableOperatorOptions,
): ProcessorSupplier<K, Change<V>, K, Change<VR>> {
  const compute = (key: K, value: V | null): VR | null => (value === null ? null : mapper(value, key));
  return () => {
    let ctx: ProcessorContext<K, Change<VR>>;
    let sendOld = false;
    const table = options.storeName === undefined ? undefined : new TableStoreForwarder<K, VR>();
    return {
      init: (c) => {
        ctx = c;
        sendOld = options.sendOldValues();
        table?.init(c, options.storeName!, sendOld);
      },
      process: (r) => {
        const newValue = compute(r.key, r.value.newValue);
        if (table !== undefined) {
          table.put(r, r.key, newValue, table.get(r.key));
          return;
        }
        const oldValue = sendOld ? compute(r.key, r.value.oldValue) : null;
        ctx.forward(r.withValue({ newValue, oldValue }));
      },
    };
  };
}

/** The value a non-materialized mapValues has for a key: its parent's, mapped. */
export function tableMapValuesValueGetter<K, V, VR>(
  parent: ValueGetterSupplier<K, V>,
  mapper: (value: V, key: K) => VR,
): ValueGetterSupplier<K, VR> {
  return {
    get storeNames() {
      return parent.storeNames; // read when a join uses this getter, not before (see foreign-key-join.ts)
    },
    create: (context) => {
      const getter = parent.create(context);
      // The parent's value mapped, with the parent's timestamp.
      return valueGetter((key) => {
        const found = getter.getWithTimestamp(key);
        return found === null ? null : ValueAndTimestamp.make(mapper(found.value, key), found.timestamp);
      });
    },
  };
}
