// Whether a table row's old and new group keys are the same group (Kafka Streams compares them with `equals`):
// equal primitives, equal bytes, or plain data that serializes to the same JSON.
export function sameGroupKey(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    return a.length === b.length && a.every((byte, i) => byte === b[i]);
  }
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}
