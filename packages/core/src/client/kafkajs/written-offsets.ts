// The offset of the last record a kafkajs sendBatch wrote to each partition, from its RecordMetadata (one entry
// per partition with the base offset of the batch written there).
import type { RecordMetadata } from 'kafkajs';
import type { OutgoingRecord } from '../../record/outgoing-record.js';
import type { WrittenOffset } from '../kafka-client.js';

/**
 * Exact (base offset + records - 1) for partitions every record of the topic named explicitly (changelogs do);
 * otherwise the base offset, a lower bound. Never higher than the true last offset.
 */
export function writtenOffsets(records: readonly OutgoingRecord[], metadata: readonly RecordMetadata[]): WrittenOffset[] {
  const counts = new Map<string, number>();
  const implicit = new Set<string>();
  for (const r of records) {
    if (r.partition === undefined) implicit.add(r.topic);
    else {
      const k = `${r.topic}\u0000${r.partition}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  const seen = new Map<string, number>();
  for (const m of metadata) {
    const k = `${m.topicName}\u0000${m.partition}`;
    seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  const out: WrittenOffset[] = [];
  for (const m of metadata) {
    if (m.baseOffset === undefined) continue;
    const base = Number(m.baseOffset);
    const k = `${m.topicName}\u0000${m.partition}`;
    const exact = !implicit.has(m.topicName) && seen.get(k) === 1 ? counts.get(k) : undefined;
    out.push({ topic: m.topicName, partition: m.partition, offset: exact === undefined ? base : base + exact - 1 });
  }
  return out;
}
