// What the processor nodes of one task share: where the current record came from, stream time, stores,
// punctuations and the commit request. One per task; never shared across tasks.
import type { Logger } from 'pino';
import type { RecordMetadata } from '../processor/processor-context.js';
import type { StateStore } from '../state/state-store.js';
import type { Clock } from './clock.js';
import { PunctuationSchedule } from './punctuation-schedule.js';

export class TaskState {
  /** The node whose processor runs now (innermost), for error messages. */
  currentNode: string | undefined = undefined;
  /** Metadata of the input record being processed; undefined inside punctuations. */
  metadata: RecordMetadata | undefined = undefined;
  streamTime = -1;
  commitRequested = false;
  readonly punctuations = new PunctuationSchedule();
  readonly stores = new Map<string, StateStore>();

  constructor(
    readonly applicationId: string,
    readonly taskId: string,
    readonly clock: Clock,
    readonly logger: Logger,
  ) {}
}
