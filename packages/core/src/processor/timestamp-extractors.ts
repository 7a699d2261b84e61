// The built-in timestamp extractors (Kafka Streams' FailOnInvalidTimestamp, LogAndSkipOnInvalidTimestamp,
// UsePartitionTimeOnInvalidTimestamp, WallclockTimestampExtractor). A source's `timestampExtractor` or the
// config's `defaultTimestampExtractor` picks one; the default fails on a record whose timestamp is negative.
import { StreamsProcessingError } from '../errors.js';
import type { TimestampExtractor } from '../graph/graph-options.js';

function invalid(record: { readonly topic: string; readonly timestamp: number }, advice: string): StreamsProcessingError {
  return new StreamsProcessingError(
    `input record has an invalid (negative) timestamp ${record.timestamp} (a producer that sets no timestamp, or a ` +
      `message format older than 0.10); ${advice}`,
    { topic: record.topic },
  );
}

export const TimestampExtractors = Object.freeze({
  /** The record's own timestamp; a negative one fails the task (the default, as in Kafka Streams). */
  failOnInvalidTimestamp(): TimestampExtractor {
    return (record) => {
      if (record.timestamp < 0) {
        throw invalid(record, 'use TimestampExtractors.logAndSkipOnInvalidTimestamp() or usePartitionTimeOnInvalidTimestamp() to go on');
      }
      return record.timestamp;
    };
  },

  /** The record's own timestamp; a record with a negative one is skipped with a warning and counted. */
  logAndSkipOnInvalidTimestamp(): TimestampExtractor {
    return (record) => record.timestamp;
  },

  /** The record's own timestamp; a negative one is replaced by the partition's time (the largest so far). */
  usePartitionTimeOnInvalidTimestamp(): TimestampExtractor {
    return (record, partitionTime) => {
      if (record.timestamp >= 0) return record.timestamp;
      if (partitionTime < 0) throw invalid(record, 'the partition has no time yet to use instead');
      return partitionTime;
    };
  },

  /** The wall-clock time when the record is processed (processing-time semantics). */
  wallclock(): TimestampExtractor {
    return () => Date.now();
  },
});
