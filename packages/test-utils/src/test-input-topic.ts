// Pipes typed records into a topic of a TopologyTestDriver. Each pipe processes everything the record causes
// (and commits) before it returns.
//
// Java's TestInputTopic overloads `pipeInput`; TypeScript cannot tell `pipeInput(value)` from
// `pipeInput(key, value)` safely, so the forms have names and take one optional options object:
//   Java                                              here
//   pipeInput(K, V) / pipeInput(K, V, Instant)        pipeInput(key, value, { timestamp?, headers? })
//   pipeInput(V) / pipeInput(V, Instant)              pipeValue(value, { timestamp?, headers? })   (no key)
//   pipeInput(TestRecord)                             pipeRecord({ key, value, timestamp?, headers? })
//   pipeRecordList(List<TestRecord>)                  pipeRecordList(records)
//   pipeKeyValueList(list)                            pipeKeyValueList(list)
//   pipeKeyValueList(list, Instant, Duration)         pipeKeyValueList(list, { startTimestamp, advanceMs? })
//   pipeValueList(list) / (list, Instant, Duration)   pipeValueList(values) / (values, { startTimestamp, advanceMs? })
//   advanceTime(Duration)                             advanceTime(ms)
import { Headers, type KeyValue, type Serde } from '@kstreams/core';
import type { TestRecord } from './test-record.js';

export interface TestInputTopicOptions {
  /** Timestamp of the first record piped without one. Default: the driver's wall-clock time at creation. */
  readonly startTimestamp?: number;
  /** Added to the timestamp after each record piped without one. Default 0; negative values are rejected. */
  readonly autoAdvanceMs?: number;
}

/** Options of one piped record. */
export interface PipeOptions {
  /** The record's timestamp. Without one the topic's time is used, then moved on by `autoAdvanceMs`. */
  readonly timestamp?: number;
  readonly headers?: Headers;
}

/**
 * Explicit timestamps for a list: the first record gets `startTimestamp`, each next one `advanceMs` (default 0)
 * more. The topic's own time (for records piped without a timestamp) does not move, as in Java.
 */
export interface PipeListTiming {
  readonly startTimestamp: number;
  readonly advanceMs?: number;
}

/** A record to pipe: the timestamp and headers are optional, as for `pipeInput`. */
export type TestInputRecord<K, V> = Partial<TestRecord<K, V>> & { readonly key: K; readonly value: V };

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
    if (autoAdvanceMs < 0) throw new RangeError(`autoAdvanceMs must not be negative (got ${autoAdvanceMs})`);
    this.nextTimestamp = startTimestamp;
  }

  /** Pipes one record with a key. */
  pipeInput(key: K, value: V, options: PipeOptions = {}): void {
    const headers = options.headers ?? new Headers();
    this.pipeBytes(this.keySerde.serialize(this.name, key, headers), value, options.timestamp, headers);
  }

  /** Pipes one record without a key (Java's `pipeInput(value)`): its key bytes are null; the key serde is not called. */
  pipeValue(value: V, options: PipeOptions = {}): void {
    this.pipeBytes(null, value, options.timestamp, options.headers ?? new Headers());
  }

  /** Pipes one record; its timestamp and headers are optional (Java's `pipeInput(TestRecord)`). */
  pipeRecord(record: TestInputRecord<K, V>): void {
    this.pipeInput(record.key, record.value, { timestamp: record.timestamp, headers: record.headers });
  }

  pipeRecordList(records: Iterable<TestInputRecord<K, V>>): void {
    for (const r of records) this.pipeRecord(r);
  }

  /** Pipes each pair, with the topic's time, or with the explicit timing given. */
  pipeKeyValueList(list: Iterable<KeyValue<K, V>>, timing?: PipeListTiming): void {
    let i = 0;
    for (const [k, v] of list) this.pipeInput(k, v, { timestamp: timestampAt(timing, i++) });
  }

  /** Pipes each value without a key, with the topic's time, or with the explicit timing given. */
  pipeValueList(values: Iterable<V>, timing?: PipeListTiming): void {
    let i = 0;
    for (const v of values) this.pipeValue(v, { timestamp: timestampAt(timing, i++) });
  }

  /** Moves the timestamp of the next record piped without one (not the driver's wall clock or stream time). */
  advanceTime(ms: number): void {
    if (ms < 0) throw new RangeError(`advanceTime: ms must not be negative (got ${ms})`);
    this.nextTimestamp += ms;
  }

  private pipeBytes(key: Uint8Array | null, value: V, timestamp: number | undefined, headers: Headers): void {
    const valueBytes = this.valueSerde.serialize(this.name, value, headers);
    if (timestamp === undefined) {
      timestamp = this.nextTimestamp;
      this.nextTimestamp += this.autoAdvanceMs;
    }
    this.pipe(this.name, key, valueBytes, timestamp, headers);
  }
}

function timestampAt(timing: PipeListTiming | undefined, index: number): number | undefined {
  return timing === undefined ? undefined : timing.startTimestamp + index * (timing.advanceMs ?? 0);
}
