// Turns a source's raw record into a stamped one: key and value through the source's serdes, the timestamp
// through its extractor. Failures go to the deserialization handler (fail, skip with a log, dead-letter).
import type { DeserializationExceptionHandler } from '../../config/exception-handlers.js';
import { SerializationError, StreamsProcessingError } from '../../errors.js';
import type { TimestampExtractor } from '../../graph/graph-options.js';
import type { Serde } from '../../serde/serde.js';
import { deadLetterRecord } from './dead-letter-record.js';
import { decide } from './error-policy.js';
import type { InputRecord, StampedRecord } from '../../record/input-record.js';
import type { RecordCollector } from './record-collector.js';
import type { RecordDeserializer } from './record-queue.js';
import type { TaskState } from './task-state.js';

export interface SourceWiring {
  readonly sourceName: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly keySerde: Serde<any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly valueSerde: Serde<any>;
  readonly timestampExtractor: TimestampExtractor | undefined;
  readonly handler: DeserializationExceptionHandler;
  readonly collector: RecordCollector;
  readonly task: TaskState;
}

export function sourceDeserializer(w: SourceWiring): RecordDeserializer {
  return (raw: InputRecord, partitionTime: number): StampedRecord | undefined => {
    let key: unknown;
    let value: unknown;
    let timestamp: number;
    try {
      key = w.keySerde.deserialize(raw.topic, raw.key, raw.headers);
      value = w.valueSerde.deserialize(raw.topic, raw.value, raw.headers);
      timestamp = w.timestampExtractor
        ? w.timestampExtractor({ key, value, timestamp: raw.timestamp, topic: raw.topic }, partitionTime)
        : raw.timestamp;
      if (w.timestampExtractor && timestamp < 0) {
        // As Kafka Streams' RecordQueue: a negative extracted timestamp drops the record with a warning.
        const where = { taskId: w.task.taskId, topic: raw.topic, partition: raw.partition, offset: raw.offset, extractedTimestamp: timestamp };
        w.task.logger.warn(where, 'skipping record: the timestamp extractor returned a negative timestamp');
        return undefined;
      }
      if (!Number.isFinite(timestamp) || timestamp < 0) {
        throw new SerializationError(`invalid timestamp ${timestamp}; timestamps must be ≥ 0 ms`);
      }
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      const location = {
        taskId: w.task.taskId,
        topic: raw.topic,
        partition: raw.partition,
        offset: raw.offset,
        processorName: w.sourceName,
      };
      const decision = decide(w.handler, 'deserialization', error, location, w.task.logger, raw);
      if (decision === 'continue') return undefined;
      if (decision === 'fail') {
        throw new StreamsProcessingError(`could not deserialize a record: ${error.message}`, location, { cause: error });
      }
      w.collector.send(deadLetterRecord(decision.deadLetterTopic, raw, error, location));
      return undefined;
    }
    return { raw, key, value, timestamp };
  };
}
