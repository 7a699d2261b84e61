// The value getter of a windowed aggregation's table (Kafka Streams' KStreamWindowAggregateValueGetter): a
// Windowed<K> key's value is its key's aggregate in the window that starts at the window's start.
import type { ValueGetterSupplier } from '../../processor/operators/table/value-getter.js';
import { valueGetter } from '../../processor/operators/table/value-getter.js';
import type { TimestampedWindowStore } from '../../state/window/window-store.js';
import type { Windowed } from '../../state/window/windowed.js';

export function windowStoreValueGetter<K, V>(storeName: string): ValueGetterSupplier<Windowed<K>, V> {
  return {
    storeNames: [storeName],
    create: (context) => {
      const store = context.getStateStore<TimestampedWindowStore<K, V>>(storeName);
      return valueGetter((windowed) => store.fetch(windowed.key, windowed.window.start) ?? null);
    },
  };
}
