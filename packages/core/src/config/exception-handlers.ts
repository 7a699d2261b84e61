// What happens to a record that fails: to deserialize (source), to process (operator), or to produce (sink).
// Each handler is a policy name, a dead-letter topic (deserialization), or a function that decides per error.
import type { RecordLocation } from '../errors.js';

export type HandlerResponse = 'fail' | 'continue';

/** Sends the record's original bytes to `topic`, with headers naming the error and where the record came from. */
export interface DeadLetterPolicy {
  readonly kind: 'deadLetter';
  readonly topic: string;
}

export function deadLetter(topic: string): DeadLetterPolicy {
  return { kind: 'deadLetter', topic };
}

export interface HandlerContext {
  readonly error: Error;
  readonly location: RecordLocation;
}

export type DeserializationExceptionHandler =
  | 'fail'
  | 'logAndContinue'
  | DeadLetterPolicy
  | ((ctx: HandlerContext & { readonly key: Uint8Array | null; readonly value: Uint8Array | null }) => HandlerResponse);

export type ProcessingExceptionHandler = 'fail' | 'logAndContinue' | ((ctx: HandlerContext) => HandlerResponse);

export type ProductionExceptionHandler = 'fail' | 'logAndContinue' | ((ctx: HandlerContext) => HandlerResponse);

/** Header names on dead-letter records, as Kafka Streams (KIP-1034) writes them. */
export const DeadLetterHeaders = {
  exception: '__streams.errors.exception',
  message: '__streams.errors.message',
  stacktrace: '__streams.errors.stacktrace',
  topic: '__streams.errors.topic',
  partition: '__streams.errors.partition',
  offset: '__streams.errors.offset',
  taskId: '__streams.errors.task.id',
} as const;
