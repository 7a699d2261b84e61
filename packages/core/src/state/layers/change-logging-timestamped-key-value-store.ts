// The change-logging layer of a timestamped store (Kafka Streams' ChangeLoggingTimestampedKeyValueBytesStore):
// the store below holds `[timestamp][value]`, the changelog only the value's bytes, with the stored timestamp as
// the record's timestamp, so a Java application reads our changelogs as its own. A delete is logged with the
// current record's timestamp. Restore puts the timestamp back: the metered layer gives the layers below a
// TimestampedRestoreContext (also without logging, for a source table restored from its topic).
import { rawValueOf, timestampOf } from '../value-and-timestamp-serde.js';
import { ChangeLoggingKeyValueStore } from './change-logging-key-value-store.js';

export class ChangeLoggingTimestampedKeyValueStore extends ChangeLoggingKeyValueStore {
  protected override log(key: Uint8Array, value: Uint8Array | null): void {
    if (value === null) {
      super.log(key, null);
      return;
    }
    if (!this.logging) return;
    this.context!.logChange(this.name, key, rawValueOf(value), timestampOf(value));
  }
}
