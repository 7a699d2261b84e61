// The one key order of every store below the metered layer: unsigned lexicographic order of the key bytes
// (a key that is a prefix of another sorts first), and the helpers that turn prefixes into bounds.

/** Negative if `a < b`, 0 if equal, positive if `a > b`, comparing bytes as unsigned (0x80 sorts after 0x7f). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Whether `key` starts with `prefix`. */
export function hasPrefix(key: Uint8Array, prefix: Uint8Array): boolean {
  if (key.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (key[i] !== prefix[i]) return false;
  return true;
}

/**
 * The smallest key greater than every key that starts with `prefix` (an exclusive upper bound for a prefix
 * scan): the prefix without its trailing 0xff bytes, last byte incremented. Undefined when there is none (the
 * prefix is empty or all 0xff): the scan then runs to the end.
 */
export function prefixEnd(prefix: Uint8Array): Uint8Array | undefined {
  let i = prefix.length - 1;
  while (i >= 0 && prefix[i] === 0xff) i--;
  if (i < 0) return undefined;
  const end = new Uint8Array(prefix.subarray(0, i + 1)); // a copy (a Buffer's `slice` is a view)
  end[i]! += 1;
  return end;
}

/** The smallest key greater than `key`: `key` followed by one 0x00 byte. */
export function successor(key: Uint8Array): Uint8Array {
  const next = new Uint8Array(key.length + 1);
  next.set(key);
  return next;
}
