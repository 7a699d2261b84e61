// The value getter of a suppressed table (Kafka Streams' KTableSuppressProcessorSupplier value getter): what a join
// reads from `table.suppress(...)` is what downstream has seen. For a key the buffer holds, that is the value
// before its first buffered update (with an unknown timestamp, -1, as in Kafka Streams: the buffer does not keep
// it); for any other key, the parent table's value.
import type { Serde } from '../../../serde/serde.js';
import type { KeyValueStore } from '../../../state/key-value-store.js';
import { priorValueOfBuffered } from '../../../state/suppress/suppression-buffer.js';
import { ValueAndTimestamp } from '../../../state/value-and-timestamp.js';
import { valueGetter, type ValueGetterSupplier } from './value-getter.js';

/** Kafka Streams' RecordQueue.UNKNOWN: the timestamp of a value read from the suppression buffer. */
const UNKNOWN_TIMESTAMP = -1;

export function suppressedValueGetter<K, V>(
  parent: ValueGetterSupplier<K, V>,
  storeName: string,
  keySerde: Serde<K> | undefined,
  valueSerde: Serde<V> | undefined,
): ValueGetterSupplier<K, V> {
  return {
    storeNames: [...parent.storeNames, storeName],
    create: (context) => {
      const parentGetter = parent.create(context);
      const store = context.getStateStore<KeyValueStore<Uint8Array, Uint8Array>>(storeName);
      const keys = keySerde ?? (context.keySerde() as Serde<K>);
      const values = valueSerde ?? (context.valueSerde() as Serde<V>);
      const topic = `${context.applicationId}-${storeName}-changelog`;
      return valueGetter((key) => {
        const bytes = keys.serialize(topic, key);
        const buffered = bytes === null ? undefined : priorValueOfBuffered(store, bytes);
        if (buffered === undefined) return parentGetter.getWithTimestamp(key);
        return buffered.prior === null ? null : ValueAndTimestamp.make(values.deserialize(topic, buffered.prior), UNKNOWN_TIMESTAMP);
      });
    },
  };
}
