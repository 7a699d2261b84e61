// The Processor API: custom operators with access to the record, the context, state stores and punctuation.
import type { FixedKeyProcessorContext, ProcessorContext } from './processor-context.js';
import type { FixedKeyRecord, StreamRecord } from './stream-record.js';

/**
 * A processor receives records one at a time. `init` is called once per task before the first record, `close`
 * when the task closes. A fresh instance is created for every task, so instance fields are per-partition state
 * that is NOT fault tolerant: use a state store for anything that must survive a restart.
 */
export interface Processor<KIn, VIn, KOut = never, VOut = never> {
  init?(context: ProcessorContext<KOut, VOut>): void;
  process(record: StreamRecord<KIn, VIn>): void;
  close?(): void;
}

/** Creates a new processor instance; called once per task. */
export type ProcessorSupplier<KIn, VIn, KOut = never, VOut = never> = () => Processor<KIn, VIn, KOut, VOut>;

/** A processor that can change values but not keys (Kafka Streams' `FixedKeyProcessor`). */
export interface FixedKeyProcessor<K, VIn, VOut = never> {
  init?(context: FixedKeyProcessorContext<K, VOut>): void;
  process(record: FixedKeyRecord<K, VIn>): void;
  close?(): void;
}

export type FixedKeyProcessorSupplier<K, VIn, VOut = never> = () => FixedKeyProcessor<K, VIn, VOut>;
