// The persistent key-value backend: a named database in the task's LMDB environment, under an in-memory
// overlay of the writes since the last commit. Uncommitted writes never reach LMDB (DESIGN §3): the
// registration's `commit` writes the overlay and the changelog offset in one LMDB transaction.
import { StateStoreError } from '../../errors.js';
import type { FlushListener, KeyValue, KeyValueBytesStore } from '../key-value-store.js';
import { compareBytes, prefixEnd } from '../bytes-order.js';
import { toByteString } from '../byte-string.js';
import { mergeOverlay, overlayValues, type PendingWrite } from '../overlay-merge.js';
import { resumableScan } from '../resumable-scan.js';
import { SortedByteMap } from '../sorted-byte-map.js';
import type { ChangelogRecord, StateStoreContext } from '../state-store-context.js';
import { acquireLmdbEnvironment, type BinaryDatabase, type LmdbEnvironment } from './lmdb-environment.js';
import { decodeOffset, encodeOffset, tagged } from './lmdb-layout.js';
import { readLmdbRange } from './lmdb-range.js';
import { KeyValueBytesStoreBase } from '../key-value-bytes-store-base.js';

export interface LmdbKeyValueStoreOptions {
  /** Uncommitted writes (distinct keys) after which the store asks for a commit. Default 10,000. */
  readonly maxPendingEntries?: number;
  /** Approximate bytes of uncommitted writes after which the store asks for a commit. Default 16 MiB. */
  readonly maxPendingBytes?: number;
}

/** Bytes an overlay entry costs beyond its key and value (objects, tree slot), for the threshold. */
const PENDING_OVERHEAD = 128;

/** An uncommitted write; `key` is a view of `stored` (a copy of the caller's key, tagged). */
interface LmdbPendingWrite extends PendingWrite {
  readonly stored: Buffer;
}

export class LmdbKeyValueStore extends KeyValueBytesStoreBase implements KeyValueBytesStore {
  readonly persistent = true;
  private readonly maxPendingEntries: number;
  private readonly maxPendingBytes: number;
  private readonly pending = new SortedByteMap<LmdbPendingWrite>();
  private pendingBytes = 0;
  private commitRequested = false;
  /** Bumped when LMDB's content changes (commit, restore, wipe), so open scans reopen at their position. */
  private generation = 0;
  /** Changes when the overlay or LMDB does (a write, a commit, a restore, a wipe), for `resumableScan`. */
  private readonly changes = (): number => this.generation + this.pending.version;
  private context: StateStoreContext | undefined;
  private env: LmdbEnvironment | undefined;
  private db: BinaryDatabase | undefined;
  private offsetKey = new Uint8Array(0);

  constructor(
    readonly name: string,
    options: LmdbKeyValueStoreOptions = {},
  ) {
    super();
    this.maxPendingEntries = options.maxPendingEntries ?? 10_000;
    this.maxPendingBytes = options.maxPendingBytes ?? 16 * 1024 * 1024;
  }

  init(context: StateStoreContext): void {
    if (this.env !== undefined) throw new StateStoreError(`state store '${this.name}' (task ${context.taskId}) is already open`);
    this.context = context;
    const env = acquireLmdbEnvironment(context.stateDir, context.logger);
    try {
      this.db = env.openDatabase(`kv:${this.name}`);
    } catch (err) {
      env.release();
      throw new StateStoreError(`state store '${this.name}' (task ${context.taskId}): opening LMDB at ${context.stateDir} failed: ${String(err)}`, { cause: err });
    }
    this.env = env;
    this.offsetKey = Buffer.from(this.name, 'utf8');
    context.register(this.name, {
      checkpointedOffset: () => this.checkpointedOffset(),
      restoreBatch: (records) => this.restoreBatch(records),
      commit: (offset) => this.commit(offset),
      wipe: () => this.wipe(),
    });
  }

  isOpen(): boolean {
    return this.env !== undefined;
  }

  get(key: Uint8Array): Uint8Array | undefined {
    if (this.pending.size > 0) {
      const write = this.pending.get(toByteString(key));
      if (write !== undefined) return write.value ?? undefined;
    }
    if (key.length >= this.requireEnv().maxKeySize) return undefined; // too long to be stored
    return this.requireDb().getBinary(tagged(key));
  }

  put(key: Uint8Array, value: Uint8Array | null): void {
    this.checkKeySize(key);
    const k = toByteString(key);
    const old = this.pending.get(k);
    if (old !== undefined) this.pendingBytes -= pendingSize(old);
    const stored = tagged(key);
    const write: LmdbPendingWrite = { key: stored.subarray(1), value, stored };
    this.pending.set(k, write);
    this.pendingBytes += pendingSize(write);
    if (!this.commitRequested && (this.pending.size > this.maxPendingEntries || this.pendingBytes > this.maxPendingBytes)) {
      this.commitRequested = true;
      this.context!.requestCommit();
    }
  }

  range(from: Uint8Array | undefined, to: Uint8Array | undefined, reverse: boolean): IterableIterator<KeyValue<Uint8Array, Uint8Array>> {
    if (from !== undefined && to !== undefined && compareBytes(from, to) > 0) return [][Symbol.iterator]();
    return resumableScan(this.changes, (lo, hi, hiInclusive) => this.merged(lo, hi, hiInclusive, reverse), from, to, true, reverse);
  }

  prefixScan(prefix: Uint8Array): IterableIterator<KeyValue<Uint8Array, Uint8Array>> {
    return resumableScan(this.changes, (lo, hi, hiInclusive) => this.merged(lo, hi, hiInclusive, false), prefix, prefixEnd(prefix), false, false);
  }

  /** The overlay merged over LMDB, within `from <= key <= to` (`key < to` unless `toInclusive`). */
  private merged(
    from: Uint8Array | undefined,
    to: Uint8Array | undefined,
    toInclusive: boolean,
    reverse: boolean,
  ): Generator<KeyValue<Uint8Array, Uint8Array>, void, undefined> {
    const lo = from === undefined ? undefined : tagged(from);
    const hi = to === undefined ? undefined : tagged(to);
    const bounds = reverse ? { start: hi, end: lo, inclusiveEnd: true, reverse } : { start: lo, end: hi, inclusiveEnd: toInclusive, reverse };
    const below = readLmdbRange(this.requireDb(), bounds, 1);
    const overlay = this.pending.range(from === undefined ? undefined : toByteString(from), to === undefined ? undefined : toByteString(to), reverse, toInclusive);
    return mergeOverlay(overlayValues(overlay), below, reverse);
  }

  /** Exact: LMDB's count, corrected by the overlay (one existence check per uncommitted write). */
  approximateNumEntries(): number {
    const db = this.requireDb();
    let n = db.getCount();
    for (const [, write] of this.pending.entries()) {
      const exists = db.doesExist(write.stored);
      if (write.value !== null && !exists) n++;
      else if (write.value === null && exists) n--;
    }
    return n;
  }

  setFlushListener(_listener: FlushListener<Uint8Array, Uint8Array>, _sendOldValues: boolean): boolean {
    return false;
  }

  /** Nothing to do: data becomes durable only at the registration's `commit` (step 6). */
  flush(): void {}

  /** Drops the uncommitted writes (the changelog brings them back if they were committed to Kafka). */
  close(): void {
    if (this.env === undefined) return;
    this.clearPending();
    const env = this.env;
    this.env = undefined;
    this.db = undefined;
    env.release();
  }

  private checkpointedOffset(): number | undefined {
    const bytes = this.requireEnv().offsets.getBinary(this.offsetKey);
    return bytes === undefined ? undefined : decodeOffset(bytes);
  }

  /** Step 6: the overlay, in key order, and the offset, in one synchronous LMDB write transaction. */
  private commit(changelogOffset: number | undefined): void {
    if (this.pending.size === 0 && changelogOffset === undefined) return;
    const env = this.requireEnv();
    const db = this.requireDb();
    this.write('commit', () =>
      env.root.transactionSync(() => {
        for (const [, write] of this.pending.entries()) {
          if (write.value === null) db.removeSync(write.stored);
          else db.putSync(write.stored, write.value);
        }
        if (changelogOffset !== undefined) env.offsets.putSync(this.offsetKey, encodeOffset(changelogOffset));
      }),
    );
    this.generation++;
    this.clearPending();
  }

  /**
   * Restored records go straight to LMDB, made durable with the last record's offset in one transaction.
   * (Restoring happens before any processing, while the overlay is empty.)
   */
  private restoreBatch(records: readonly ChangelogRecord[]): void {
    const last = records[records.length - 1];
    if (last === undefined) return;
    const env = this.requireEnv();
    const db = this.requireDb();
    this.write('restore', () =>
      env.root.transactionSync(() => {
        for (const r of records) {
          if (r.value === null) db.removeSync(tagged(r.key));
          else db.putSync(tagged(r.key), r.value);
        }
        env.offsets.putSync(this.offsetKey, encodeOffset(last.offset));
      }),
    );
    this.generation++;
  }

  private wipe(): void {
    const env = this.requireEnv();
    const db = this.requireDb();
    this.write('wipe', () =>
      env.root.transactionSync(() => {
        db.clearSync();
        env.offsets.removeSync(this.offsetKey);
      }),
    );
    this.generation++;
    this.clearPending();
  }

  private write(operation: string, run: () => void): void {
    try {
      run();
    } catch (err) {
      throw new StateStoreError(`state store '${this.name}' (task ${this.context?.taskId}): LMDB ${operation} failed: ${String(err)}`, { cause: err });
    }
  }

  private clearPending(): void {
    this.pending.clear();
    this.pendingBytes = 0;
    this.commitRequested = false;
  }

  private checkKeySize(key: Uint8Array): void {
    const max = this.requireEnv().maxKeySize - 1;
    if (key.length > max) {
      throw new StateStoreError(`state store '${this.name}' (task ${this.context?.taskId}): a key of ${key.length} bytes is longer than LMDB allows (${max} bytes)`);
    }
  }

  private requireEnv(): LmdbEnvironment {
    if (this.env === undefined) throw new StateStoreError(`state store '${this.name}' is not open`);
    return this.env;
  }

  private requireDb(): BinaryDatabase {
    if (this.db === undefined) throw new StateStoreError(`state store '${this.name}' is not open`);
    return this.db;
  }
}

function pendingSize(write: LmdbPendingWrite): number {
  return 2 * write.key.length + (write.value?.length ?? 0) + PENDING_OVERHEAD;
}
