// The StateStoreContext a timestamped store's metered layer gives the layers below it: the same context, except
// that the restore hook the backend registers gets each changelog record's value with the record's timestamp put
// in front (Java's RecordConverters.rawValueToTimestampedValue). The changelog (or, with
// `reuse.ktable.source.topics`, the source topic) holds plain values; the backend holds `[timestamp][value]`.
import type { ChangelogRecord, StateStoreContext, StoreRegistration } from './state-store-context.js';
import { timestampedBytes } from './value-and-timestamp-serde.js';

/** A changelog record as a timestamped backend stores it. */
export function toTimestampedRecord(record: ChangelogRecord): ChangelogRecord {
  return record.value === null ? record : { ...record, value: timestampedBytes(record.timestamp, record.value) };
}

export class TimestampedRestoreContext implements StateStoreContext {
  constructor(private readonly context: StateStoreContext) {}

  get applicationId() {
    return this.context.applicationId;
  }
  get taskId() {
    return this.context.taskId;
  }
  get partition() {
    return this.context.partition;
  }
  get stateDir() {
    return this.context.stateDir;
  }
  get logger() {
    return this.context.logger;
  }
  get cacheMaxBytes() {
    return this.context.cacheMaxBytes;
  }
  get defaultKeySerde() {
    return this.context.defaultKeySerde;
  }
  get defaultValueSerde() {
    return this.context.defaultValueSerde;
  }

  currentTimestamp(): number {
    return this.context.currentTimestamp();
  }

  register(storeName: string, registration: StoreRegistration): void {
    this.context.register(storeName, {
      checkpointedOffset: () => registration.checkpointedOffset(),
      restoreBatch: (records) => registration.restoreBatch(records.map(toTimestampedRecord)),
      commit: (offset) => registration.commit(offset),
      wipe: () => registration.wipe(),
    });
  }

  changelogTopic(storeName: string): string | undefined {
    return this.context.changelogTopic(storeName);
  }

  logChange(storeName: string, key: Uint8Array, value: Uint8Array | null, timestamp: number): void {
    this.context.logChange(storeName, key, value, timestamp);
  }

  requestCommit(): void {
    this.context.requestCommit();
  }
}
