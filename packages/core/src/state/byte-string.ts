// Byte strings: a key's bytes as a JS string with one UTF-16 code unit (0..255) per byte (latin1). JS compares
// strings by code units, so byte strings sort exactly like `compareBytes` on the bytes, and they serve as keys
// of sorted maps and `Map`s at a fraction of a `Uint8Array`'s memory, compared natively.

export function toByteString(bytes: Uint8Array): string {
  // Node's latin1 decoder maps each byte to the code unit of the same value (unlike TextDecoder's 'latin1',
  // which is windows-1252).
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
}

/** The bytes of a byte string (a new array). */
export function fromByteString(s: string): Uint8Array {
  return Buffer.from(s, 'latin1');
}
