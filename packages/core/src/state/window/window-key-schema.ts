// The bytes of window store keys, as Kafka Streams' WindowKeySchema lays them out, so changelogs and windowed
// keys written by Java Kafka Streams read the same:
//   store key (and changelog key): [key bytes][window start, int64 BE][sequence number, int32 BE]
//   time-windowed key (TimeWindowedSerializer):     [key bytes][window start, int64 BE]
// The sequence number tells apart duplicates of one key and window (stream–stream join buffers); 0 otherwise.

const TIMESTAMP_SIZE = 8;
const SEQNUM_SIZE = 4;
export const SUFFIX_SIZE = TIMESTAMP_SIZE + SEQNUM_SIZE;

function writeInt64(out: Uint8Array, at: number, value: number): void {
  new DataView(out.buffer, out.byteOffset, out.byteLength).setBigInt64(at, BigInt(value), false);
}

function readInt64(bytes: Uint8Array, at: number): number {
  return Number(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigInt64(at, false));
}

export function toStoreKey(key: Uint8Array, timestamp: number, seqnum: number): Uint8Array {
  const out = new Uint8Array(key.length + SUFFIX_SIZE);
  out.set(key, 0);
  writeInt64(out, key.length, timestamp);
  new DataView(out.buffer, out.byteOffset, out.byteLength).setInt32(key.length + TIMESTAMP_SIZE, seqnum, false);
  return out;
}

export function keyOfStoreKey(storeKey: Uint8Array): Uint8Array {
  return storeKey.subarray(0, storeKey.length - SUFFIX_SIZE);
}

export function timestampOfStoreKey(storeKey: Uint8Array): number {
  return readInt64(storeKey, storeKey.length - SUFFIX_SIZE);
}

export function seqnumOfStoreKey(storeKey: Uint8Array): number {
  return new DataView(storeKey.buffer, storeKey.byteOffset, storeKey.byteLength).getInt32(storeKey.length - SEQNUM_SIZE, false);
}

/** `[key][start]`: a time-windowed key as Java's TimeWindowedSerializer writes it. */
export function toTimeWindowedKey(key: Uint8Array, start: number): Uint8Array {
  const out = new Uint8Array(key.length + TIMESTAMP_SIZE);
  out.set(key, 0);
  writeInt64(out, key.length, start);
  return out;
}

export function fromTimeWindowedKey(bytes: Uint8Array): { readonly key: Uint8Array; readonly start: number } {
  if (bytes.length < TIMESTAMP_SIZE) throw new RangeError(`a time-windowed key needs at least 8 bytes (got ${bytes.length})`);
  return { key: bytes.subarray(0, bytes.length - TIMESTAMP_SIZE), start: readInt64(bytes, bytes.length - TIMESTAMP_SIZE) };
}

/** `[key][end][start]`: a session-windowed key as Java's SessionKeySchema writes it. */
export function toSessionWindowedKey(key: Uint8Array, start: number, end: number): Uint8Array {
  const out = new Uint8Array(key.length + 2 * TIMESTAMP_SIZE);
  out.set(key, 0);
  writeInt64(out, key.length, end);
  writeInt64(out, key.length + TIMESTAMP_SIZE, start);
  return out;
}

export function fromSessionWindowedKey(bytes: Uint8Array): { readonly key: Uint8Array; readonly start: number; readonly end: number } {
  if (bytes.length < 2 * TIMESTAMP_SIZE) throw new RangeError(`a session-windowed key needs at least 16 bytes (got ${bytes.length})`);
  const k = bytes.length - 2 * TIMESTAMP_SIZE;
  return { key: bytes.subarray(0, k), end: readInt64(bytes, k), start: readInt64(bytes, k + TIMESTAMP_SIZE) };
}

/** 8 bytes, big-endian: the segment id in front of a segmented store's keys. */
export function int64Bytes(value: number): Uint8Array {
  const out = new Uint8Array(TIMESTAMP_SIZE);
  writeInt64(out, 0, value);
  return out;
}

export function readInt64At(bytes: Uint8Array, at: number): number {
  return readInt64(bytes, at);
}
