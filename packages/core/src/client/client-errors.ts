// Errors the client port throws in our terms, whatever the client library said.
import { KStreamsError } from '../errors.js';

/** A newer producer with the same transactional id exists: this one is a zombie and must stop. */
export class ProducerFencedError extends KStreamsError {
  constructor(
    readonly transactionalId: string,
    options?: { cause?: unknown },
  ) {
    super(`producer with transactional.id '${transactionalId}' was fenced by a newer producer`, options);
  }
}

/** An offset commit was refused because the group is rebalancing (or this member left it). */
export class GroupRebalancingError extends KStreamsError {
  constructor(options?: { cause?: unknown }) {
    super('offset commit refused: the consumer group is rebalancing', options);
  }
}
