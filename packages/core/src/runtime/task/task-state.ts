// What the processor nodes of one task share: where the current record came from, stream time, stores,
// punctuations and the commit request. One per task; never shared across tasks.
import type { Logger } from 'pino';
import type { RecordMetadata } from '../../processor/processor-context.js';
import type { Serde } from '../../serde/serde.js';
import type { StateStore } from '../../state/state-store.js';
import type { Clock } from './clock.js';
import { PunctuationSchedule } from './punctuation-schedule.js';

export class TaskState {
  /** The node whose processor runs now (innermost), for error messages. */
  currentNode: string | undefined = undefined;
  /** Metadata of the input record being processed; undefined inside punctuations. */
  metadata: RecordMetadata | undefined = undefined;
  streamTime = -1;
  /** The timestamp of the record being processed (stream time inside punctuations and store flushes). */
  recordTimestamp = -1;
  commitRequested = false;
  /** Records windowed operators dropped because their window had closed (stream time past end + grace). */
  droppedLate = 0;
  /** Emit interval of left/outer stream–stream joins; undefined: Kafka Streams' default (1000 ms). */
  outerJoinEmitIntervalMs: number | undefined = undefined;
  /**
   * Processor metadata (Kafka Streams' ProcessorMetadata): values processors keep across restarts, committed with
   * the input offsets (TopicPartitionMetadata), e.g. how far onWindowClose has emitted. `metadataChanged`: since the
   * last commit.
   */
  readonly processorMetadata = new Map<string, number>();
  metadataChanged = false;
  readonly punctuations = new PunctuationSchedule();
  readonly stores = new Map<string, StateStore>();
  /** The instance's global stores: every processor may read them without connecting them. */
  readonly globalStores = new Map<string, StateStore>();

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  defaultKeySerde: Serde<any> | undefined = undefined;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  defaultValueSerde: Serde<any> | undefined = undefined;

  constructor(
    readonly applicationId: string,
    readonly taskId: string,
    readonly clock: Clock,
    readonly logger: Logger,
  ) {}
}
