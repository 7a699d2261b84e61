// A scan that stays correct while the store changes under it. Scans that merge two sources (an overlay over the
// store below) read ahead, so when either source changes, the scan reopens both after the last key it returned:
// entries written ahead of the position are seen, deleted ones are not, and no key comes twice.
import type { KeyValue } from './key-value-store.js';
import { compareBytes } from './bytes-order.js';

/** Opens the merged scan of `from <= key <= to` (`key < to` unless `toInclusive`), in the scan's direction. */
export type ScanOpener = (
  from: Uint8Array | undefined,
  to: Uint8Array | undefined,
  toInclusive: boolean,
) => Iterator<KeyValue<Uint8Array, Uint8Array>>;

/**
 * `changes()` must return a new number after any change to the sources. Reversed scans have an inclusive `to`.
 * An opener may return keys past an exclusive `to`: they end the scan.
 */
export function* resumableScan(
  changes: () => number,
  open: ScanOpener,
  from: Uint8Array | undefined,
  to: Uint8Array | undefined,
  toInclusive: boolean,
  reverse: boolean,
): Generator<KeyValue<Uint8Array, Uint8Array>, void, undefined> {
  let seen = changes();
  let it = open(from, to, toInclusive);
  let last: Uint8Array | undefined;
  let resumed = false;
  try {
    for (;;) {
      const now = changes();
      if (now !== seen) {
        seen = now;
        it.return?.();
        if (last === undefined) it = open(from, to, toInclusive);
        else it = reverse ? open(from, last, true) : open(last, to, toInclusive);
        resumed = last !== undefined;
      }
      const step = it.next();
      if (step.done === true) return;
      const key = step.value[0];
      if (resumed) {
        resumed = false;
        if (compareBytes(key, last!) === 0) continue; // reopened at `last` itself
      }
      if (!toInclusive && to !== undefined && compareBytes(key, to) >= 0) return;
      last = key;
      yield step.value;
    }
  } finally {
    it.return?.();
  }
}
