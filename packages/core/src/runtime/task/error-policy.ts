// Turns a configured handler into a decision for one failed record, and logs what was decided: nothing is
// dropped without a log line that names where the record came from.
import type { Logger } from 'pino';
import type {
  DeserializationExceptionHandler,
  HandlerResponse,
  ProcessingExceptionHandler,
  ProductionExceptionHandler,
} from '../../config/exception-handlers.js';
import { describeLocation, type RecordLocation } from '../../errors.js';

export type Decision = 'fail' | 'continue' | { readonly deadLetterTopic: string };

export function decide(
  handler: DeserializationExceptionHandler | ProcessingExceptionHandler | ProductionExceptionHandler,
  what: 'deserialization' | 'processing' | 'production',
  error: Error,
  location: RecordLocation,
  logger: Logger,
  raw?: { key: Uint8Array | null; value: Uint8Array | null },
): Decision {
  let decision: Decision;
  if (handler === 'fail') decision = 'fail';
  else if (handler === 'logAndContinue') decision = 'continue';
  else if (typeof handler === 'function') {
    let answer: HandlerResponse;
    try {
      answer = (handler as (ctx: unknown) => HandlerResponse)({ error, location, key: raw?.key ?? null, value: raw?.value ?? null });
    } catch (handlerError) {
      logger.error({ err: handlerError, ...location }, `the ${what} exception handler threw; failing`);
      return 'fail';
    }
    decision = answer === 'continue' ? 'continue' : 'fail';
  } else decision = { deadLetterTopic: handler.topic };

  if (decision === 'continue') {
    logger.warn({ err: error, ...location }, `${what} error; skipping the record (${describeLocation(location)})`);
  } else if (decision !== 'fail') {
    logger.warn(
      { err: error, ...location, deadLetterTopic: decision.deadLetterTopic },
      `${what} error; sending the record to dead-letter topic ${decision.deadLetterTopic} (${describeLocation(location)})`,
    );
  }
  return decision;
}
