// The store of a windowed aggregation, as Kafka Streams' WindowStoreMaterializer, SlidingWindowStoreMaterializer
// and SessionStoreMaterializer build it: the user's supplier, else a persistent (LMDB) or in-memory one,
// time-ordered when the aggregation emits on window close; retention checked against its minimum; logging as
// configured. Shared by windowedBy(...) aggregations and windowed cogroups.
import { TopologyError } from '../../errors.js';
import type { Serde } from '../../serde/serde.js';
import { Stores } from '../../state/stores.js';
import { timeOrderedSessionStoreSupplier, timeOrderedWindowStoreSupplier } from '../../state/window/window-store-suppliers.js';
import type { SessionMaterialized, WindowedMaterialized } from '../options.js';
import type { SessionWindows } from '../windows/session-windows.js';

export interface WindowStoreRules {
  /** The store's window size: a window starting at s ends at s + windowSize (sliding windows: the time difference). */
  readonly windowSize: number;
  /** The default and smallest retention. */
  readonly minimumRetention: number;
  /** What the minimum is, for the error message. */
  readonly minimumRetentionRule: string;
  readonly emitOnWindowClose: boolean;
  /** A time-ordered store keeps a key index (Kafka Streams does for sliding windows, which read a key's range). */
  readonly keyIndex: boolean;
}

export function materializeWindowStore<K, VA>(
  name: string,
  materialized: WindowedMaterialized<K, VA> | undefined,
  keySerde: Serde<K> | undefined,
  valueSerde: Serde<VA> | undefined,
  rules: WindowStoreRules,
) {
  const retentionPeriod = materialized?.retentionMs ?? rules.minimumRetention;
  if (retentionPeriod < rules.minimumRetention) {
    throw new TopologyError(
      `store '${name}': retention (${retentionPeriod} ms) must be at least ${rules.minimumRetentionRule} (${rules.minimumRetention} ms)`,
    );
  }
  const options = { retentionPeriod, windowSize: rules.windowSize };
  const persistent = materialized?.storeType !== 'in-memory';
  const supplier =
    materialized?.storeSupplier ??
    (rules.emitOnWindowClose
      ? timeOrderedWindowStoreSupplier(name, { ...options, withIndex: rules.keyIndex }, persistent)
      : persistent
        ? Stores.persistentWindowStore(name, options)
        : Stores.inMemoryWindowStore(name, options));
  const builder = Stores.timestampedWindowStoreBuilder(supplier, keySerde, valueSerde);
  return materialized?.loggingEnabled === false ? builder.withLoggingDisabled() : builder.withLoggingEnabled(materialized?.logConfig);
}

/** A session-windowed aggregation's store: retention at least the inactivity gap plus the grace period. */
export function materializeSessionStore<K, VA>(
  name: string,
  materialized: SessionMaterialized<K, VA> | undefined,
  keySerde: Serde<K> | undefined,
  valueSerde: Serde<VA> | undefined,
  windows: SessionWindows,
  emitOnWindowClose: boolean,
) {
  const minimum = windows.inactivityGap + windows.gracePeriodMs;
  const retention = materialized?.retentionMs ?? minimum;
  if (retention < minimum) {
    throw new TopologyError(`store '${name}': retention (${retention} ms) must be at least the inactivity gap plus the grace period (${minimum} ms)`);
  }
  const persistent = materialized?.storeType !== 'in-memory';
  const supplier =
    materialized?.storeSupplier ??
    (emitOnWindowClose
      ? timeOrderedSessionStoreSupplier(name, retention, persistent)
      : persistent
        ? Stores.persistentSessionStore(name, retention)
        : Stores.inMemorySessionStore(name, retention));
  const builder = Stores.sessionStoreBuilder(supplier, keySerde, valueSerde);
  return materialized?.loggingEnabled === false ? builder.withLoggingDisabled() : builder.withLoggingEnabled(materialized?.logConfig);
}
