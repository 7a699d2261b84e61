// A sorted map over byte-string keys (see byte-string.ts), a B+ tree (sorted-btree): O(log n) get, set and
// delete, and range iterators that stay valid while the map changes under them.
import sortedBtree from 'sorted-btree';

type BTreeClass = typeof sortedBtree.default;
// sorted-btree is CommonJS with `exports.default = BTree`: Node's ESM import hands over `module.exports`,
// while vitest (vite) hands over `exports.default` itself.
const BTree: BTreeClass = 'default' in sortedBtree ? sortedBtree.default : (sortedBtree as unknown as BTreeClass);

/** Node size of the B+ tree: larger nodes mean fewer levels and less memory per entry, costlier splits. */
const NODE_SIZE = 64;

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export class SortedByteMap<V> {
  private readonly tree: InstanceType<typeof BTree<string, V>> = new BTree<string, V>(undefined, compareStrings, NODE_SIZE);
  /** Bumped on every change; an iterator that sees it moved re-seeks after the last key it returned. */
  private changes = 0;

  /** A number that changes with every change of the map. */
  get version(): number {
    return this.changes;
  }

  get size(): number {
    return this.tree.size;
  }

  get(key: string): V | undefined {
    return this.tree.get(key);
  }

  has(key: string): boolean {
    return this.tree.has(key);
  }

  set(key: string, value: V): void {
    this.tree.set(key, value);
    this.changes++;
  }

  delete(key: string): boolean {
    this.changes++;
    return this.tree.delete(key);
  }

  clear(): void {
    this.tree.clear();
    this.changes++;
  }

  /**
   * Entries with `from <= key <= to` (`key < to` when not `toInclusive`; undefined: unbounded), in key order
   * or reversed. Changes made while iterating are seen after the current position (a live view).
   */
  *range(from: string | undefined, to: string | undefined, reverse: boolean, toInclusive = true): Generator<[string, V], void, undefined> {
    if (from !== undefined && to !== undefined && (toInclusive ? from > to : from >= to)) return;
    const tree = this.tree;
    let version = this.changes;
    let it = reverse ? tree.entriesReversed(to, undefined, !toInclusive) : tree.entries(from);
    let last: string | undefined;
    for (;;) {
      if (version !== this.changes) {
        version = this.changes;
        if (last !== undefined) it = reverse ? tree.entriesReversed(last, undefined, true) : tree.entries(last);
        else it = reverse ? tree.entriesReversed(to, undefined, !toInclusive) : tree.entries(from);
      }
      const step = it.next();
      if (step.done === true) return;
      const entry = step.value;
      const key = entry[0];
      if (key === last) continue; // `entries(last)` after a re-seek starts at `last` itself
      if (reverse ? from !== undefined && key < from : to !== undefined && (toInclusive ? key > to : key >= to)) return;
      last = key;
      yield entry;
    }
  }

  /** Entries whose key starts with `prefix`, in key order (live, as `range`). */
  *prefix(prefix: string): Generator<[string, V], void, undefined> {
    for (const entry of this.range(prefix, undefined, false)) {
      if (!entry[0].startsWith(prefix)) return;
      yield entry;
    }
  }

  /** Every entry in key order, without the bookkeeping of `range` (the caller does not change the map). */
  entries(): IterableIterator<[string, V]> {
    return this.tree.entries();
  }
}
