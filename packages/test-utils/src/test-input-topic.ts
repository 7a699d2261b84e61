// Pipes typed records into a topic of a TopologyTestDriver.
import { Headers, type KeyValue, type Serde } from '@kstreams/core';
import type { TestRecord } from './test-record.js';

export interface TestInputTopicOptions {
  /** Timestamp of the first record piped without one. Default: the driver's wall-clock time at creation. */
  readonly startTimestamp?: number;
  /** Added to the timestamp after each record piped without one. Default 0. */
  readonly autoAdvanceMs?: number;
}

export type PipeRaw = (topic: string, key: Uint8Array | null, value: Uint8Array | null, timestamp: number, headers: Headers) => void;

export class TestInputTopic<K, V> {
  private nextTimestamp: number;

  constructor(
    readonly name: string,
    private readonly keySerde: Serde<K>,
    private readonly valueSerde: Serde<V>,
    private readonly pipe: PipeRaw,
    startTimestamp: number,
    private readonly autoAdvanceMs: number,
  ) {
    this.nextTimestamp = startTimestamp;
  }

  /** Pipes one record and processes everything it causes before returning. */
  pipeInput(key: K, value: V, options: { timestamp?: number; headers?: Headers } = {}): void {
    let timestamp = options.timestamp;
    if (timestamp === undefined) {
      timestamp = this.nextTimestamp;
      this.nextTimestamp += this.autoAdvanceMs;
    }
    const headers = options.headers ?? new Headers();
    this.pipe(
      this.name,
      this.keySerde.serialize(this.name, key, headers),
      this.valueSerde.serialize(this.name, value, headers),
      timestamp,
      headers,
    );
  }

  pipeKeyValueList(list: Iterable<KeyValue<K, V>>): void {
    for (const [k, v] of list) this.pipeInput(k, v);
  }

  pipeRecordList(records: Iterable<Partial<TestRecord<K, V>> & { key: K; value: V }>): void {
    for (const r of records) this.pipeInput(r.key, r.value, { timestamp: r.timestamp, headers: r.headers });
  }

  /** Moves the timestamp of the next record piped without one. */
  advanceTime(ms: number): void {
    this.nextTimestamp += ms;
  }
}
