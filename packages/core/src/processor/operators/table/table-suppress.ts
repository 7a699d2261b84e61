// KTABLE-SUPPRESS (Kafka Streams' KTableSuppressProcessor): buffers a table's updates per key and forwards them
// only when they are due. untilWindowCloses: a window's last update once stream time has passed the window's
// end plus grace (tombstones are dropped); untilTimeLimit: a key's latest update once stream time is the time
// limit past its first buffered update. Stream time here is the largest timestamp this processor has seen; due
// updates are emitted when a record arrives. A buffer over its limit emits its oldest updates early, or fails
// the task (strict).
import { StreamsProcessingError } from '../../../errors.js';
import type { Headers } from '../../../record/headers.js';
import type { Serde } from '../../../serde/serde.js';
import type { KeyValueStore } from '../../../state/key-value-store.js';
import { SuppressionBuffer, type BufferedUpdate } from '../../../state/suppress/suppression-buffer.js';
import type { Windowed } from '../../../state/window/windowed.js';
import type { ProcessorSupplier } from '../../processor.js';
import type { ProcessorContext } from '../../processor-context.js';
import { StreamRecord } from '../../stream-record.js';
import type { Change } from './change.js';

export interface SuppressOptions<K, V> {
  readonly name: string;
  readonly storeName: string;
  readonly untilWindowCloses: boolean;
  /** Grace (untilWindowCloses, a session's grace plus its gap) or the time limit. */
  readonly delayMs: number;
  readonly maxRecords?: number;
  readonly maxBytes?: number;
  readonly whenFull: 'emit-early' | 'shut-down';
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;
}

export function tableSuppressOperator<K, V>(o: SuppressOptions<K, V>): ProcessorSupplier<K, Change<V>, K, Change<V>> {
  return () => {
    let ctx: ProcessorContext<K, Change<V>>;
    let buffer: SuppressionBuffer;
    let keySerde: Serde<K>;
    let valueSerde: Serde<V>;
    let topic: string;
    let observedStreamTime = -1;
    const over = () => (o.maxRecords !== undefined && buffer.size > o.maxRecords) || (o.maxBytes !== undefined && buffer.bytes > o.maxBytes);
    const bytes = (value: V | null, headers: Headers) => (value === null ? null : valueSerde.serialize(topic, value, headers));
    const emit = (key: Uint8Array, update: BufferedUpdate) => {
      if (update.newValue === null && o.untilWindowCloses) return; // final results: a deleted window is not emitted
      const value = (b: Uint8Array | null) => (b === null ? null : valueSerde.deserialize(topic, b, update.headers));
      const change: Change<V> = { newValue: value(update.newValue), oldValue: value(update.prior) };
      ctx.forward(new StreamRecord(keySerde.deserialize(topic, key, update.headers), change, update.timestamp, update.headers));
    };
    return {
      init: (c) => {
        ctx = c;
        keySerde = o.keySerde ?? (c.keySerde() as Serde<K>);
        valueSerde = o.valueSerde ?? (c.valueSerde() as Serde<V>);
        if (keySerde === undefined || valueSerde === undefined) {
          throw new StreamsProcessingError(`${o.name}: the suppressed table needs key and value serdes (or the config's defaults)`, {});
        }
        topic = `${c.applicationId}-${o.storeName}-changelog`;
        buffer = new SuppressionBuffer(c.getStateStore<KeyValueStore<Uint8Array, Uint8Array>>(o.storeName));
      },
      process: (r) => {
        if (r.timestamp > observedStreamTime) observedStreamTime = r.timestamp;
        const bufferTime = o.untilWindowCloses ? (r.key as unknown as Windowed<unknown>).window.end : r.timestamp;
        const key = keySerde.serialize(topic, r.key, r.headers);
        if (key === null) throw new StreamsProcessingError(`${o.name}: a key serialized to null`, {});
        buffer.put(bufferTime, key, {
          timestamp: r.timestamp,
          headers: r.headers,
          prior: bytes(r.value.oldValue, r.headers),
          newValue: bytes(r.value.newValue, r.headers),
        });
        const expiry = observedStreamTime - o.delayMs;
        buffer.evictWhile(() => (buffer.minTime() ?? Infinity) <= expiry, emit);
        if (!over()) return;
        if (o.whenFull === 'emit-early') {
          buffer.evictWhile(over, emit);
          return;
        }
        throw new StreamsProcessingError(
          `${o.name}: the suppression buffer is full (${buffer.size} records, ${buffer.bytes} bytes; limits ` +
            `${o.maxRecords ?? 'none'} records, ${o.maxBytes ?? 'none'} bytes) and must not emit early`,
          {},
        );
      },
    };
  };
}
