// The keys of time-ordered window and session stores (Kafka Streams' PrefixedWindowKeySchemas and
// PrefixedSessionKeySchemas), which the aggregations with emitStrategy(onWindowClose) use to read closed windows
// of every key in time order. Each store keeps two entries per window in one backend, told apart by a prefix:
//   time-first (holds the value):   window  [0x00][start][key][seqnum]    session  [0x00][end][start][key]
//   key-first (the index, empty):   window  [0x01][key][start][seqnum]    session  [0x01][key][end][start]
// The key-first entry is the store key of the plain layout (window-key-schema.ts) with the prefix in front.
import { int64Bytes, readInt64At } from './window-key-schema.js';

export const TIME_FIRST = 0x00;
export const KEY_FIRST = 0x01;
const TIMESTAMP_SIZE = 8;
const SEQNUM_SIZE = 4;

function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const prefix = (p: number) => Uint8Array.of(p);

function seqnumBytes(seqnum: number): Uint8Array {
  const out = new Uint8Array(SEQNUM_SIZE);
  new DataView(out.buffer).setInt32(0, seqnum, false);
  return out;
}

/** The key-first entry of a plain store key: the prefix in front. */
export function keyFirst(plainStoreKey: Uint8Array): Uint8Array {
  return concat(prefix(KEY_FIRST), plainStoreKey);
}

/** The plain store key of a key-first entry. */
export function plainOfKeyFirst(entry: Uint8Array): Uint8Array {
  return entry.subarray(1);
}

/** `[0x00][start][key][seqnum]`. */
export function timeFirstWindowKey(key: Uint8Array, start: number, seqnum: number): Uint8Array {
  return concat(prefix(TIME_FIRST), int64Bytes(start), key, seqnumBytes(seqnum));
}

/** The smallest time-first window key with this start (inclusive lower bound of a scan). */
export function timeFirstWindowBound(start: number): Uint8Array {
  return concat(prefix(TIME_FIRST), int64Bytes(start));
}

export function fromTimeFirstWindowKey(entry: Uint8Array): { readonly key: Uint8Array; readonly start: number } {
  return { start: readInt64At(entry, 1), key: entry.subarray(1 + TIMESTAMP_SIZE, entry.length - SEQNUM_SIZE) };
}

/** `[0x00][end][start][key]`. */
export function timeFirstSessionKey(key: Uint8Array, start: number, end: number): Uint8Array {
  return concat(prefix(TIME_FIRST), int64Bytes(end), int64Bytes(start), key);
}

/** The smallest time-first session key with this end (inclusive lower bound of a scan). */
export function timeFirstSessionBound(end: number): Uint8Array {
  return concat(prefix(TIME_FIRST), int64Bytes(end));
}

export function fromTimeFirstSessionKey(entry: Uint8Array): { readonly key: Uint8Array; readonly start: number; readonly end: number } {
  return { end: readInt64At(entry, 1), start: readInt64At(entry, 1 + TIMESTAMP_SIZE), key: entry.subarray(1 + 2 * TIMESTAMP_SIZE) };
}
