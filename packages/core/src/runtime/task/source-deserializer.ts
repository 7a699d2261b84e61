// Turns a source's raw record into a stamped one: key and value through the source's serdes, the timestamp
// through its extractor. Failures go to the deserialization handler (fail, skip with a log, dead-letter).
import type { DeserializationExceptionHandler } from '../../config/exception-handlers.js';
import { StreamsProcessingError } from '../../errors.js';
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

/**
 * Deserializes and stamps a record: a StampedRecord, `undefined` when the deserialization handler dropped it, or
 * `null` when the timestamp extractor gave a negative timestamp (skipped with a warning, as Kafka Streams'
 * RecordQueue does). A failing extractor fails the task, naming the record (Kafka Streams does not pass it to the
 * deserialization handler either).
 */
export function sourceDeserializer(w: SourceWiring): RecordDeserializer {
  return (raw: InputRecord, partitionTime: number): StampedRecord | undefined | null => {
    let key: unknown;
    let value: unknown;
    try {
      key = w.keySerde.deserialize(raw.topic, raw.key, raw.headers);
      value = w.valueSerde.deserialize(raw.topic, raw.value, raw.headers);
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      const location = { taskId: w.task.taskId, topic: raw.topic, partition: raw.partition, offset: raw.offset, processorName: w.sourceName };
      const decision = decide(w.handler, 'deserialization', error, location, w.task.logger, raw);
      if (decision === 'continue') return undefined;
      if (decision === 'fail') {
        throw new StreamsProcessingError(`could not deserialize a record: ${error.message}`, location, { cause: error });
      }
      w.collector.send(deadLetterRecord(decision.deadLetterTopic, raw, error, location));
      return undefined;
    }
    const timestamp = extract(w, raw, key, value, partitionTime);
    if (timestamp < 0) {
      const where = { taskId: w.task.taskId, topic: raw.topic, partition: raw.partition, offset: raw.offset, extractedTimestamp: timestamp };
      w.task.logger.warn(where, 'skipping record: its extracted timestamp is negative');
      return null;
    }
    return { raw, key, value, timestamp };
  };
}

function extract(w: SourceWiring, raw: InputRecord, key: unknown, value: unknown, partitionTime: number): number {
  const location = { taskId: w.task.taskId, topic: raw.topic, partition: raw.partition, offset: raw.offset, processorName: w.sourceName };
  let timestamp: number;
  try {
    timestamp = w.timestampExtractor ? w.timestampExtractor({ key, value, timestamp: raw.timestamp, topic: raw.topic }, partitionTime) : raw.timestamp;
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    const message = error instanceof StreamsProcessingError ? error.message.replace(/ \([^)]*\)$/, '') : error.message;
    throw new StreamsProcessingError(`timestamp extraction failed: ${message}`, location, { cause: error });
  }
  if (!Number.isFinite(timestamp)) {
    throw new StreamsProcessingError(`timestamp extraction failed: the extractor returned ${timestamp}, not a number of ms`, location);
  }
  return timestamp;
}
