// How the LMDB backend lays out its bytes: each store key behind a tag byte, and changelog offsets as int64.

/**
 * LMDB rejects empty keys, and an empty key is a valid store key (e.g. the string ""), so every stored key
 * starts with this byte. A common first byte keeps the keys' order and costs one byte of LMDB's key limit.
 */
export const KEY_TAG = 0x00;

/** The key as stored: the tag byte, then the key's bytes (a new buffer). */
export function tagged(key: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(key.length + 1);
  out[0] = KEY_TAG;
  out.set(key, 1);
  return out;
}

/** An offset as stored in the offsets database: 8 bytes, big-endian. */
export function encodeOffset(offset: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigInt64BE(BigInt(offset), 0);
  return out;
}

export function decodeOffset(bytes: Buffer): number {
  return Number(bytes.readBigInt64BE(0));
}
