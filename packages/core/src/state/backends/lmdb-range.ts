// Reads a range of an LMDB database in chunks, each read whole by a cursor that closes at once, so no read
// transaction outlives a chunk. (An unfinished lmdb-js range iterator pins one; dropping such iterators while
// commits run fills LMDB's reader table, and the next read throws MDB_READERS_FULL.)
import type { RangeOptions } from 'lmdb';
import type { KeyValue } from '../key-value-store.js';
import type { BinaryDatabase } from './lmdb-environment.js';

/** The first chunk is small (point-like lookups read one or two entries); later ones grow up to the max. */
const FIRST_CHUNK = 8;
const MAX_CHUNK = 1024;

export interface LmdbRangeBounds {
  /** Where to begin, inclusive (the highest key when reversed); undefined: the first (last) key. */
  readonly start: Uint8Array | undefined;
  /** Where to stop (the lowest key when reversed); undefined: the last (first) key. */
  readonly end: Uint8Array | undefined;
  readonly inclusiveEnd: boolean;
  readonly reverse: boolean;
}

/**
 * The entries within `bounds`, keys without their first `skip` bytes (the store's key tag). Each chunk reads
 * the committed data at the time it is read.
 */
export function* readLmdbRange(
  db: BinaryDatabase,
  bounds: LmdbRangeBounds,
  skip: number,
): Generator<KeyValue<Uint8Array, Uint8Array>, void, undefined> {
  const { end, inclusiveEnd, reverse } = bounds;
  let start = bounds.start;
  let exclusiveStart = false;
  let limit = FIRST_CHUNK;
  for (;;) {
    const keys: Buffer[] = [];
    const values: Uint8Array[] = [];
    // lmdb-js tells an absent bound from an undefined one ('start' in options): leave absent ones out.
    const options: RangeOptions = { inclusiveEnd, exclusiveStart, reverse, limit };
    if (start !== undefined) options.start = start;
    if (end !== undefined) options.end = end;
    for (const e of db.getRange(options)) {
      keys.push(e.key as Buffer);
      values.push(e.value);
    }
    for (let i = 0; i < keys.length; i++) yield [keys[i]!.subarray(skip), values[i]!];
    if (keys.length < limit) return;
    start = keys[keys.length - 1];
    exclusiveStart = true;
    limit = Math.min(limit * 4, MAX_CHUNK);
  }
}
