// Our records ↔ kafkajs messages. Bytes are wrapped, not copied.
import type { IHeaders, KafkaMessage, Message, TopicMessages } from 'kafkajs';
import { Headers } from '../../record/headers.js';
import type { InputRecord } from '../../record/input-record.js';
import type { OutgoingRecord } from '../../record/outgoing-record.js';

const EMPTY = Buffer.alloc(0);

export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * kafkajs headers are an object, so headers of different keys lose their relative order (same-key values keep
 * theirs, as an array). A null header value is sent as empty bytes.
 */
export function toKafkajsHeaders(headers: Headers): IHeaders | undefined {
  if (headers.size === 0) return undefined;
  const out: Record<string, Buffer | Buffer[]> = {};
  for (const h of headers) {
    const v = h.value ? toBuffer(h.value) : EMPTY;
    const prev = out[h.key];
    if (prev === undefined) out[h.key] = v;
    else if (Array.isArray(prev)) prev.push(v);
    else out[h.key] = [prev, v];
  }
  return out;
}

export function fromKafkajsHeaders(headers: IHeaders | undefined): Headers {
  const out = new Headers();
  if (!headers) return out;
  for (const key of Object.keys(headers)) {
    const v = headers[key];
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) out.add(key, item);
  }
  return out;
}

export function toMessage(r: OutgoingRecord): Message {
  const m: Message = {
    key: r.key === null ? null : toBuffer(r.key),
    value: r.value === null ? null : toBuffer(r.value),
    timestamp: String(r.timestamp),
  };
  const headers = toKafkajsHeaders(r.headers);
  if (headers) m.headers = headers;
  if (r.partition !== undefined) m.partition = r.partition;
  return m;
}

/** Groups records by topic, keeping their order within each topic. */
export function toTopicMessages(records: readonly OutgoingRecord[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const r of records) {
    let list = byTopic.get(r.topic);
    if (!list) byTopic.set(r.topic, (list = []));
    list.push(toMessage(r));
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

export function fromMessage(topic: string, partition: number, m: KafkaMessage): InputRecord {
  return {
    topic,
    partition,
    offset: Number(m.offset),
    timestamp: Number(m.timestamp),
    key: m.key,
    value: m.value,
    headers: fromKafkajsHeaders(m.headers),
  };
}
