// The buffer of a KTable.suppress (Kafka Streams' in-memory time-ordered buffer): one entry per key (its latest
// update, the value before its first buffered update, and that first update's buffer time), evicted in buffer-time
// order, then key bytes. Entries live in a changelogged key-value store (so a crash neither loses nor repeats a
// final result), with an in-memory index in eviction order rebuilt from the store at init.
//   store value: [buffer time, int64][record timestamp, int64][prior][new][headers]
//   prior/new:   [1 if present][length, int32][bytes]; headers: [count, int32]([key length][key][value length or -1][value])*
import type { KeyValueStore } from '../key-value-store.js';
import { Headers } from '../../record/headers.js';
import { toByteString, fromByteString } from '../byte-string.js';
import { SortedByteMap } from '../sorted-byte-map.js';

export interface BufferedUpdate {
  /** The timestamp of the record that made the latest update (the emitted record's timestamp). */
  readonly timestamp: number;
  readonly headers: Headers;
  /** The value before the first buffered update (Change.oldValue of the emitted record). */
  readonly prior: Uint8Array | null;
  readonly newValue: Uint8Array | null;
}

interface Entry extends BufferedUpdate {
  readonly bufferTime: number;
}

export class SuppressionBuffer {
  private readonly order = new SortedByteMap<string>();
  private readonly entries = new Map<string, Entry>();
  private bytesHeld = 0;

  constructor(private readonly store: KeyValueStore<Uint8Array, Uint8Array>) {
    for (const [key, value] of store.all()) {
      const entry = decode(value);
      this.index(toByteString(key), entry, value.length + key.length);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** Serialized keys and stored values, in bytes. */
  get bytes(): number {
    return this.bytesHeld;
  }

  /** The smallest buffer time, or undefined when empty. */
  minTime(): number | undefined {
    for (const [, key] of this.order.range(undefined, undefined, false)) return this.entries.get(key)!.bufferTime;
    return undefined;
  }

  /** Buffers an update; a key already buffered keeps its buffer time and prior value. */
  put(bufferTime: number, key: Uint8Array, update: BufferedUpdate): void {
    const k = toByteString(key);
    const previous = this.entries.get(k);
    const entry: Entry = previous === undefined ? { ...update, bufferTime } : { ...update, bufferTime: previous.bufferTime, prior: previous.prior };
    if (previous !== undefined) this.unindex(k, previous, key.length);
    const value = encode(entry);
    this.store.put(key, value);
    this.index(k, entry, value.length + key.length);
  }

  /** Removes and hands over the entry with the smallest buffer time while `condition()` holds. */
  evictWhile(condition: () => boolean, emit: (key: Uint8Array, update: BufferedUpdate) => void): void {
    while (this.entries.size > 0 && condition()) {
      let first: string | undefined;
      for (const [, key] of this.order.range(undefined, undefined, false)) {
        first = key;
        break;
      }
      const entry = this.entries.get(first!)!;
      const key = fromByteString(first!);
      this.unindex(first!, entry, key.length);
      this.store.delete(key);
      emit(key, entry);
    }
  }

  private index(key: string, entry: Entry, size: number): void {
    this.entries.set(key, entry);
    this.order.set(orderKey(entry.bufferTime, key), key);
    this.bytesHeld += size;
  }

  private unindex(key: string, entry: Entry, keyLength: number): void {
    this.entries.delete(key);
    this.order.delete(orderKey(entry.bufferTime, key));
    this.bytesHeld -= encodedLength(entry) + keyLength;
  }
}

/**
 * The prior value (what downstream last saw) of a key the buffer in `store` holds, or undefined when it holds
 * none: Kafka Streams' `priorValueForBuffered`, for the suppressed table's value getter.
 */
export function priorValueOfBuffered(store: KeyValueStore<Uint8Array, Uint8Array>, key: Uint8Array): { readonly prior: Uint8Array | null } | undefined {
  const bytes = store.get(key);
  return bytes === undefined || bytes === null ? undefined : { prior: decode(bytes).prior };
}

function orderKey(bufferTime: number, key: string): string {
  const time = new Uint8Array(8);
  new DataView(time.buffer).setBigInt64(0, BigInt(bufferTime), false);
  // Flip the sign bit so negative times sort before positive ones in unsigned byte order.
  time[0] = time[0]! ^ 0x80;
  return toByteString(time) + key;
}

function encodedLength(e: Entry): number {
  return encode(e).length;
}

function encode(e: Entry): Uint8Array {
  const headers = [...e.headers].map((h) => ({ key: new TextEncoder().encode(h.key), value: h.value }));
  const size =
    16 + 5 + (e.prior?.length ?? 0) + 5 + (e.newValue?.length ?? 0) + 4 + headers.reduce((n, h) => n + 8 + h.key.length + (h.value?.length ?? 0), 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setBigInt64(0, BigInt(e.bufferTime), false);
  view.setBigInt64(8, BigInt(e.timestamp), false);
  let at = 16;
  for (const part of [e.prior, e.newValue]) {
    out[at] = part === null ? 0 : 1;
    view.setInt32(at + 1, part?.length ?? 0, false);
    if (part !== null) out.set(part, at + 5);
    at += 5 + (part?.length ?? 0);
  }
  view.setInt32(at, headers.length, false);
  at += 4;
  for (const h of headers) {
    view.setInt32(at, h.key.length, false);
    out.set(h.key, at + 4);
    at += 4 + h.key.length;
    view.setInt32(at, h.value === null ? -1 : h.value.length, false);
    if (h.value !== null) out.set(h.value, at + 4);
    at += 4 + (h.value?.length ?? 0);
  }
  return out;
}

function decode(bytes: Uint8Array): Entry {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bufferTime = Number(view.getBigInt64(0, false));
  const timestamp = Number(view.getBigInt64(8, false));
  let at = 16;
  const parts: Array<Uint8Array | null> = [];
  for (let i = 0; i < 2; i++) {
    const present = bytes[at] === 1;
    const length = view.getInt32(at + 1, false);
    parts.push(present ? bytes.slice(at + 5, at + 5 + length) : null);
    at += 5 + length;
  }
  const headers = new Headers();
  const count = view.getInt32(at, false);
  at += 4;
  for (let i = 0; i < count; i++) {
    const keyLength = view.getInt32(at, false);
    const key = new TextDecoder().decode(bytes.subarray(at + 4, at + 4 + keyLength));
    at += 4 + keyLength;
    const valueLength = view.getInt32(at, false);
    const value = valueLength < 0 ? null : bytes.slice(at + 4, at + 4 + valueLength);
    at += 4 + Math.max(0, valueLength);
    headers.add(key, value);
  }
  return { bufferTime, timestamp, headers, prior: parts[0]!, newValue: parts[1]! };
}
