// What a processor can see and do beyond the record in hand.
import type { Logger } from 'pino';
import type { Serde } from '../serde/serde.js';
import type { StateStore } from '../state/state-store.js';
import type { FixedKeyRecord, StreamRecord } from './stream-record.js';

/** Where the record being processed came from. Absent inside a punctuation. */
export interface RecordMetadata {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

/** `stream-time` advances with record timestamps; `wall-clock` with the system clock. */
export type PunctuationType = 'stream-time' | 'wall-clock';

/** Called with the time (stream or wall clock) at which the punctuation fires. */
export type Punctuator = (timestamp: number) => void;

export interface Cancellable {
  cancel(): void;
}

interface BaseContext {
  readonly applicationId: string;
  /** `<subtopologyId>_<partition>`, e.g. `0_3`. */
  readonly taskId: string;
  /** Topic, partition and offset of the input record being processed, or undefined inside a punctuation. */
  recordMetadata(): RecordMetadata | undefined;
  /**
   * Calls `punctuator` every `intervalMs` of stream time or wall-clock time. Stream-time punctuations fire when
   * record timestamps advance past the next due time; wall-clock ones when the task's loop checks the clock.
   */
  schedule(intervalMs: number, type: PunctuationType, punctuator: Punctuator): Cancellable;
  /** Asks for a commit of this task as soon as possible (after the current record). */
  commit(): void;
  /** A state store connected to this processor (see `process(..., { stores })` and `builder.addStateStore`). */
  getStateStore<S extends StateStore>(name: string): S;
  /** The largest record timestamp this task has seen (-1 before the first). */
  currentStreamTimeMs(): number;
  currentSystemTimeMs(): number;
  /** The config's default key serde (Kafka Streams' `keySerde()`); undefined when none is set. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  keySerde(): Serde<any> | undefined;
  /** The config's default value serde; undefined when none is set. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  valueSerde(): Serde<any> | undefined;
  /** The task's logger (pino; its lines carry the task id). */
  readonly logger: Logger;
}

export interface ProcessorContext<KForward = never, VForward = never> extends BaseContext {
  /** Sends a record to every child, or only to the named child. */
  forward<K extends KForward, V extends VForward>(record: StreamRecord<K, V>, childName?: string): void;
}

export interface FixedKeyProcessorContext<K, VForward = never> extends BaseContext {
  forward<V extends VForward>(record: FixedKeyRecord<K, V>, childName?: string): void;
}
