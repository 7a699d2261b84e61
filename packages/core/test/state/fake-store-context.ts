// A StateStoreContext for store tests: records logged changes, commit requests and registrations; a fresh
// state directory per context (or a given one, to reopen a task's stores); a settable current timestamp.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll } from 'vitest';
import type { Serde } from '../../src/serde/serde.js';
import type { StateStoreContext, StoreRegistration } from '../../src/state/state-store-context.js';

/** One temporary folder per test file for every context's state directory, removed after the file's tests. */
let root: string | undefined;
afterAll(() => {
  if (root !== undefined) fs.rmSync(root, { recursive: true, force: true });
  root = undefined;
});

function freshStateDir(taskId: string): string {
  root ??= fs.mkdtempSync(path.join(os.tmpdir(), 'kstreams-store-test-'));
  return path.join(fs.mkdtempSync(path.join(root, 'state-')), 'app', taskId);
}

export interface LoggedChange {
  readonly store: string;
  readonly key: number[];
  readonly value: number[] | null;
  readonly timestamp: number;
}

export interface FakeStoreContextOptions {
  readonly stateDir?: string;
  readonly taskId?: string;
  readonly cacheMaxBytes?: number;
  /** Stores with a changelog topic (`<applicationId>-<store>-changelog`); default: every store. */
  readonly loggedStores?: readonly string[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly defaultKeySerde?: Serde<any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly defaultValueSerde?: Serde<any>;
}

export class FakeStoreContext implements StateStoreContext {
  readonly applicationId = 'app';
  readonly taskId: string;
  readonly partition = 0;
  readonly stateDir: string;
  readonly logger = pino({ level: 'silent' });
  readonly cacheMaxBytes: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly defaultKeySerde: Serde<any> | undefined;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly defaultValueSerde: Serde<any> | undefined;
  readonly logged: LoggedChange[] = [];
  readonly registrations = new Map<string, StoreRegistration>();
  commitRequests = 0;
  timestamp = 0;
  private readonly loggedStores: readonly string[] | undefined;

  constructor(options: FakeStoreContextOptions = {}) {
    this.taskId = options.taskId ?? '0_0';
    this.stateDir = options.stateDir ?? freshStateDir(this.taskId);
    this.cacheMaxBytes = options.cacheMaxBytes ?? 10 * 1024 * 1024;
    this.loggedStores = options.loggedStores;
    this.defaultKeySerde = options.defaultKeySerde;
    this.defaultValueSerde = options.defaultValueSerde;
  }

  currentTimestamp(): number {
    return this.timestamp;
  }

  register(storeName: string, registration: StoreRegistration): void {
    if (this.registrations.has(storeName)) throw new Error(`'${storeName}' registered twice`);
    this.registrations.set(storeName, registration);
  }

  /** The registration of `storeName` (throws when the store did not register). */
  registration(storeName: string): StoreRegistration {
    const r = this.registrations.get(storeName);
    if (r === undefined) throw new Error(`'${storeName}' did not register`);
    return r;
  }

  changelogTopic(storeName: string): string | undefined {
    if (this.loggedStores !== undefined && !this.loggedStores.includes(storeName)) return undefined;
    return `${this.applicationId}-${storeName}-changelog`;
  }

  logChange(storeName: string, key: Uint8Array, value: Uint8Array | null, timestamp: number): void {
    this.logged.push({ store: storeName, key: [...key], value: value === null ? null : [...value], timestamp });
  }

  requestCommit(): void {
    this.commitRequests++;
  }
}

/** Bytes from numbers, for short test keys. */
export const b = (...bytes: number[]): Uint8Array => new Uint8Array(bytes);

/** Entries as plain number arrays, to compare with `toEqual`. */
export function plain(entries: Iterable<readonly [Uint8Array, Uint8Array]>): [number[], number[]][] {
  return [...entries].map(([k, v]) => [[...k], [...v]]);
}
