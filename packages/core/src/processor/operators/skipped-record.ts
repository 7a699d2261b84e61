// Operators drop records they cannot process (a null key, a null join key) and say so in the log, as Kafka
// Streams' processors do (they also count them in `dropped-records`).
import type { Logger } from 'pino';
import type { ProcessorContext } from '../processor-context.js';

type AnyContext = Pick<ProcessorContext, 'recordMetadata'>;

/**
 * Logs a dropped record at warn level with where it came from. The logger is the task's, when the context offers
 * one (`context.logger`); without it the record is dropped silently.
 */
export function logSkippedRecord(context: AnyContext, processor: string, reason: string): void {
  const logger = (context as { readonly logger?: Logger }).logger;
  if (logger === undefined) return;
  const m = context.recordMetadata();
  logger.warn({ processor, topic: m?.topic, partition: m?.partition, offset: m?.offset }, `skipping record: ${reason}`);
}

/**
 * A windowed operator dropped the current record because its window had closed: counted in the task's
 * `droppedRecords.late` (when the context is a task's) and logged at debug, as Kafka Streams does.
 */
export function dropLateRecord(context: AnyContext, processor: string, reason: string, details: Readonly<Record<string, unknown>>): void {
  (context as { recordDroppedLate?: () => void }).recordDroppedLate?.();
  const logger = (context as { readonly logger?: Logger }).logger;
  const m = context.recordMetadata();
  logger?.debug({ processor, topic: m?.topic, partition: m?.partition, offset: m?.offset, ...details }, reason);
}
