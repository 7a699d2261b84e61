// Reads typed records a TopologyTestDriver's topology wrote to a topic. Reading consumes them.
import type { KeyValue, Serde } from '@kstreams/core';
import type { CapturedRecord } from './driver-collector.js';
import type { TestRecord } from './test-record.js';

export interface OutputSource {
  take(topic: string): CapturedRecord | undefined;
  unread(topic: string): number;
}

export class TestOutputTopic<K, V> {
  constructor(
    readonly name: string,
    private readonly keySerde: Serde<K>,
    private readonly valueSerde: Serde<V>,
    private readonly source: OutputSource,
  ) {}

  /** Reads the oldest unread record; throws when there is none. */
  readRecord(): TestRecord<K, V> {
    const r = this.source.take(this.name);
    if (!r) throw new Error(`no unread record in output topic '${this.name}'`);
    return {
      key: this.keySerde.deserialize(this.name, r.key, r.headers),
      value: this.valueSerde.deserialize(this.name, r.value, r.headers),
      timestamp: r.timestamp,
      headers: r.headers,
    };
  }

  readKeyValue(): KeyValue<K, V> {
    const r = this.readRecord();
    return [r.key, r.value];
  }

  readValue(): V {
    return this.readRecord().value;
  }

  readRecordsToList(): TestRecord<K, V>[] {
    const out: TestRecord<K, V>[] = [];
    while (!this.isEmpty()) out.push(this.readRecord());
    return out;
  }

  readKeyValuesToList(): KeyValue<K, V>[] {
    return this.readRecordsToList().map((r) => [r.key, r.value] as const);
  }

  readValuesToList(): V[] {
    return this.readRecordsToList().map((r) => r.value);
  }

  /** The last value per key (a table's final state). */
  readKeyValuesToMap(): Map<K, V> {
    const m = new Map<K, V>();
    for (const r of this.readRecordsToList()) m.set(r.key, r.value);
    return m;
  }

  getQueueSize(): number {
    return this.source.unread(this.name);
  }

  isEmpty(): boolean {
    return this.getQueueSize() === 0;
  }
}
