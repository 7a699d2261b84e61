// A record flowing through a topology: key, value, timestamp and headers (Kafka Streams' `api.Record`).
// Immutable: the `with*` methods return a new record. Exported as `StreamRecord` and, for Kafka Streams users,
// as `Record` (which shadows TypeScript's `Record` utility type only where you import it).
import { Headers } from '../record/headers.js';

export class StreamRecord<K, V> {
  readonly headers: Headers;

  constructor(
    readonly key: K,
    readonly value: V,
    readonly timestamp: number,
    headers?: Headers,
  ) {
    this.headers = headers ?? new Headers();
  }

  withKey<K2>(key: K2): StreamRecord<K2, V> {
    return new StreamRecord(key, this.value, this.timestamp, this.headers);
  }

  withValue<V2>(value: V2): StreamRecord<K, V2> {
    return new StreamRecord(this.key, value, this.timestamp, this.headers);
  }

  withTimestamp(timestamp: number): StreamRecord<K, V> {
    return new StreamRecord(this.key, this.value, timestamp, this.headers);
  }

  withHeaders(headers: Headers): StreamRecord<K, V> {
    return new StreamRecord(this.key, this.value, this.timestamp, headers);
  }
}

/**
 * A record whose key cannot change (Kafka Streams' `FixedKeyRecord`), seen by `processValues` processors.
 * Only the value, timestamp and headers can be replaced, so downstream partitioning stays valid.
 */
export interface FixedKeyRecord<K, V> {
  readonly key: K;
  readonly value: V;
  readonly timestamp: number;
  readonly headers: Headers;
  withValue<V2>(value: V2): FixedKeyRecord<K, V2>;
  withTimestamp(timestamp: number): FixedKeyRecord<K, V>;
  withHeaders(headers: Headers): FixedKeyRecord<K, V>;
}
