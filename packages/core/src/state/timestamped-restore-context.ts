// The StateStoreContext a timestamped store's metered layer gives the layers below it: the same context, except
// that the restore hook the backend registers gets each changelog record's value with the record's timestamp put
// in front (Java's RecordConverters.rawValueToTimestampedValue). The changelog (or, with
// `reuse.ktable.source.topics`, the source topic) holds plain values; the backend holds `[timestamp][value]`.
import type { ChangelogRecord, StateStoreContext, StoreRegistration } from './state-store-context.js';
import { timestampedBytes } from './value-and-timestamp-serde.js';
import { RegistrationMappingContext } from './registration-mapping-context.js';

/** A changelog record as a timestamped backend stores it. */
export function toTimestampedRecord(record: ChangelogRecord): ChangelogRecord {
  return record.value === null ? record : { ...record, value: timestampedBytes(record.timestamp, record.value) };
}

export class TimestampedRestoreContext extends RegistrationMappingContext {
  constructor(context: StateStoreContext) {
    super(context, (registration: StoreRegistration) => ({
      checkpointedOffset: () => registration.checkpointedOffset(),
      restoreBatch: (records) => registration.restoreBatch(records.map(toTimestampedRecord)),
      commit: (offset) => registration.commit(offset),
      wipe: () => registration.wipe(),
    }));
  }
}
