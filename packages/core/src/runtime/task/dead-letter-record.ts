// The record written to a dead-letter topic: the original key and value bytes and headers, plus headers that
// name the error and where the record came from (Kafka Streams' KIP-1034 names).
import { DeadLetterHeaders } from '../../config/exception-handlers.js';
import type { RecordLocation } from '../../errors.js';
import type { InputRecord } from '../../record/input-record.js';
import type { OutgoingRecord } from '../../record/outgoing-record.js';

export function deadLetterRecord(topic: string, raw: InputRecord, error: Error, location: RecordLocation): OutgoingRecord {
  const headers = raw.headers.clone();
  headers.add(DeadLetterHeaders.exception, error.name);
  headers.add(DeadLetterHeaders.message, error.message);
  headers.add(DeadLetterHeaders.stacktrace, error.stack ?? '');
  headers.add(DeadLetterHeaders.topic, raw.topic);
  headers.add(DeadLetterHeaders.partition, String(raw.partition));
  headers.add(DeadLetterHeaders.offset, String(raw.offset));
  if (location.taskId !== undefined) headers.add(DeadLetterHeaders.taskId, location.taskId);
  return { topic, partition: undefined, key: raw.key, value: raw.value, headers, timestamp: raw.timestamp };
}
