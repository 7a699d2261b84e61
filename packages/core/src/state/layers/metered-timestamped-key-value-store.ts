// The metered layer of a timestamped store (Kafka Streams' MeteredTimestampedKeyValueStore): typed as
// ValueAndTimestamp<V>, it writes `[timestamp][value bytes]` below itself with the value serde it was given (or
// the config's default), wrapped. The layers below get a TimestampedRestoreContext, so whatever restores the
// store (its changelog, or a source table's topic, which the store does not log to) gets plain values converted.
import type { Serde } from '../../serde/serde.js';
import type { KeyValueBytesStore } from '../key-value-store.js';
import type { StateStoreContext } from '../state-store-context.js';
import { TimestampedRestoreContext } from '../timestamped-restore-context.js';
import type { ValueAndTimestamp } from '../value-and-timestamp.js';
import { valueAndTimestampSerde } from '../value-and-timestamp-serde.js';
import { MeteredKeyValueStore } from './metered-key-value-store.js';

export class MeteredTimestampedKeyValueStore<K, V> extends MeteredKeyValueStore<K, ValueAndTimestamp<V>> {
  constructor(
    inner: KeyValueBytesStore,
    keySerde: Serde<K> | undefined,
    private readonly plainValueSerde: Serde<V> | undefined,
  ) {
    super(inner, keySerde, undefined);
  }

  protected override contextBelow(context: StateStoreContext): StateStoreContext {
    return new TimestampedRestoreContext(context);
  }

  protected override resolveValueSerde(context: StateStoreContext): Serde<ValueAndTimestamp<V>> | undefined {
    const valueSerde = this.plainValueSerde ?? (context.defaultValueSerde as Serde<V> | undefined);
    return valueSerde === undefined ? undefined : valueAndTimestampSerde(valueSerde);
  }
}

/** Whether `store` is a timestamped key-value store (built by `Stores.timestampedKeyValueStoreBuilder`). */
export function isTimestampedKeyValueStore(store: unknown): store is MeteredTimestampedKeyValueStore<unknown, unknown> {
  return store instanceof MeteredTimestampedKeyValueStore;
}
