// A record as a test pipes it in or reads it out.
import type { Headers } from '@kstreams/core';

export interface TestRecord<K, V> {
  readonly key: K;
  readonly value: V;
  readonly timestamp: number;
  readonly headers: Headers;
}
