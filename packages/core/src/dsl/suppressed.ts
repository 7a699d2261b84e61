// Suppressed (Kafka Streams' Suppressed): holds back a KTable's updates and emits only some of them.
//   table.suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded()))   one final result per window
//   table.suppress(Suppressed.untilTimeLimit(60_000, BufferConfig.maxRecords(1000)))   at most one update per key a minute
// docs/windows.md explains when records come out.
import { TopologyError } from '../errors.js';

export interface BufferConfig {
  /** Records the buffer holds before it is full; undefined: no limit. */
  readonly maxRecords?: number;
  /** Bytes (serialized keys and values) the buffer holds before it is full; undefined: no limit. */
  readonly maxBytes?: number;
  /** When full: emit the oldest records early, or fail the task (Kafka Streams' strict buffer). */
  readonly whenFull: 'emit-early' | 'shut-down';
}

export const BufferConfig = Object.freeze({
  /** No limit (a strict buffer: it never emits early; memory is the limit). */
  unbounded(): BufferConfig {
    return Object.freeze({ whenFull: 'shut-down' as const });
  },
  /** At most `maxRecords`; when full, the oldest are emitted early (unless `shutDownWhenFull`). */
  maxRecords(maxRecords: number): BufferConfig {
    positive('maxRecords', maxRecords);
    return Object.freeze({ maxRecords, whenFull: 'emit-early' as const });
  },
  /** At most `maxBytes`; when full, the oldest are emitted early (unless `shutDownWhenFull`). */
  maxBytes(maxBytes: number): BufferConfig {
    positive('maxBytes', maxBytes);
    return Object.freeze({ maxBytes, whenFull: 'emit-early' as const });
  },
  emitEarlyWhenFull(config: BufferConfig): BufferConfig {
    return Object.freeze({ ...config, whenFull: 'emit-early' as const });
  },
  shutDownWhenFull(config: BufferConfig): BufferConfig {
    return Object.freeze({ ...config, whenFull: 'shut-down' as const });
  },
});

export interface Suppressed {
  readonly kind: 'until-window-closes' | 'until-time-limit';
  /** untilTimeLimit: how long (stream time) a key's first buffered update waits. */
  readonly timeLimitMs: number;
  readonly bufferConfig: BufferConfig;
  /** The processor's name (its buffer's store is `<name>-store`). */
  readonly name?: string;
}

export const Suppressed = Object.freeze({
  /**
   * One final result per window of a windowed aggregation: each window's last update, once the window has closed
   * (stream time past its end plus grace). Tombstones are not emitted. The buffer must not emit early.
   */
  untilWindowCloses(bufferConfig: BufferConfig): Suppressed {
    if (bufferConfig.whenFull !== 'shut-down') {
      throw new TopologyError('untilWindowCloses needs a strict buffer: BufferConfig.unbounded() or shutDownWhenFull(...)');
    }
    return Object.freeze({ kind: 'until-window-closes' as const, timeLimitMs: 0, bufferConfig });
  },
  /** Each key's latest update, once `timeLimitMs` of stream time passed since its first update was buffered. */
  untilTimeLimit(timeLimitMs: number, bufferConfig: BufferConfig): Suppressed {
    if (!Number.isSafeInteger(timeLimitMs) || timeLimitMs < 0) throw new TopologyError(`time limit must be an integer number of ms >= 0 (got ${timeLimitMs})`);
    return Object.freeze({ kind: 'until-time-limit' as const, timeLimitMs, bufferConfig });
  },
  withName(suppressed: Suppressed, name: string): Suppressed {
    return Object.freeze({ ...suppressed, name });
  },
});

function positive(what: string, n: number): void {
  if (!Number.isSafeInteger(n) || n <= 0) throw new TopologyError(`${what} must be a positive integer (got ${n})`);
}
