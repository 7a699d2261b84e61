// Merges writes not yet in the store below (the LMDB store's pending overlay, the caching layer's dirty
// entries) over that store's entries, in key order or reversed: an overlay write replaces the entry of the same
// key, and an overlay delete hides it.
import type { KeyValue } from './key-value-store.js';
import { compareBytes } from './bytes-order.js';

/** A write the store below does not have yet: a value, or null for a delete. */
export interface PendingWrite {
  readonly key: Uint8Array;
  readonly value: Uint8Array | null;
}

/** Both inputs must be sorted the same way (`reverse` tells which). Closes both when the result is closed. */
export function* mergeOverlay(
  overlay: Iterator<PendingWrite>,
  below: Iterator<KeyValue<Uint8Array, Uint8Array>>,
  reverse: boolean,
): Generator<KeyValue<Uint8Array, Uint8Array>, void, undefined> {
  try {
    let o = overlay.next();
    let b = below.next();
    for (;;) {
      if (o.done === true) {
        if (b.done === true) return;
        yield b.value;
        b = below.next();
        continue;
      }
      const write = o.value;
      const order = b.done === true ? -1 : reverse ? compareBytes(b.value[0], write.key) : compareBytes(write.key, b.value[0]);
      if (order > 0) {
        yield (b as IteratorYieldResult<KeyValue<Uint8Array, Uint8Array>>).value;
        b = below.next();
        continue;
      }
      if (order === 0) b = below.next(); // the overlay's write replaces (or deletes) the entry below
      if (write.value !== null) yield [write.key, write.value];
      o = overlay.next();
    }
  } finally {
    overlay.return?.();
    below.return?.();
  }
}

/** The values of a byte-string-keyed map's entries (what `SortedByteMap.range` yields) as an iterator. */
export function* overlayValues<W extends PendingWrite>(entries: Iterable<[string, W]>): Generator<W, void, undefined> {
  for (const entry of entries) yield entry[1];
}
