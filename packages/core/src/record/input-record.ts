// A record as the consumer hands it over (bytes), and as a task's queue holds it once deserialized.
import type { Headers } from './headers.js';

export interface InputRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers: Headers;
}

/** Deserialized, with the timestamp the source's extractor chose. */
export interface StampedRecord {
  readonly raw: InputRecord;
  readonly key: unknown;
  readonly value: unknown;
  readonly timestamp: number;
}
