// One LMDB environment per task directory, shared by the task's persistent stores (each a named database) and
// counted: the first store to open a directory opens it, the last to close it closes it.
import fs from 'node:fs';
import path from 'node:path';
import { open, type Database, type RootDatabase } from 'lmdb';
import type { Logger } from 'pino';
import { StateStoreError } from '../../errors.js';

/** A named database of raw bytes: keys and values are stored as given, so LMDB orders keys by unsigned bytes. */
export type BinaryDatabase = Database<Uint8Array, Uint8Array>;

/** Named databases per environment: every persistent store of a task, plus the offsets database. */
const MAX_DBS = 128;

/** Holds, per store, the offset of the last changelog record its committed data reflects. */
const OFFSETS_DB = 'kstreams:changelog-offsets';

export interface LmdbEnvironment {
  readonly dir: string;
  readonly root: RootDatabase<Uint8Array, Uint8Array>;
  /** Store name (UTF-8) → offset (int64 big-endian). */
  readonly offsets: BinaryDatabase;
  /** The largest key LMDB accepts, in bytes. */
  readonly maxKeySize: number;
  openDatabase(name: string): BinaryDatabase;
  /** Gives the environment back; the last holder closes it. */
  release(): void;
}

interface Entry {
  env: LmdbEnvironment;
  refs: number;
}

const environments = new Map<string, Entry>();

/** The environment at `dir` (created with its parents when missing), opened once per process. */
export function acquireLmdbEnvironment(dir: string, logger: Logger): LmdbEnvironment {
  const key = path.resolve(dir);
  const existing = environments.get(key);
  if (existing !== undefined) {
    existing.refs++;
    return existing.env;
  }
  let root: RootDatabase<Uint8Array, Uint8Array>;
  let offsets: BinaryDatabase;
  const binary = { keyEncoding: 'binary', encoding: 'binary' } as const;
  try {
    fs.mkdirSync(key, { recursive: true });
    // noSubdir: false: `dir` is a directory (data.mdb, lock.mdb inside) even when its name has a dot.
    root = open<Uint8Array, Uint8Array>(key, { maxDbs: MAX_DBS, noSubdir: false });
    offsets = root.openDB<Uint8Array, Uint8Array>(OFFSETS_DB, binary);
  } catch (err) {
    throw new StateStoreError(`opening the LMDB environment at ${key} failed: ${String(err)}`, { cause: err });
  }
  const maxKeySize = (root as { maxKeySize?: number }).maxKeySize ?? 511;
  const entry: Entry = {
    refs: 1,
    env: {
      dir: key,
      root,
      offsets,
      maxKeySize,
      openDatabase: (name) => root.openDB<Uint8Array, Uint8Array>(name, binary),
      release: () => {
        if (--entry.refs > 0) return;
        environments.delete(key);
        // Closing waits for LMDB's background work; a reopen of the same directory meanwhile gets a new handle.
        root.close().catch((err: unknown) => logger.warn({ err, dir: key }, 'closing an LMDB environment failed'));
      },
    },
  };
  environments.set(key, entry);
  return entry.env;
}
