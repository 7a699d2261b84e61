// The restore scenario: one implementation restores a preloaded changelog into an empty store. The app prints
// `RESTORED <records> <ms from start> <ms of the restore itself>` (see bench/apps/kstreams-app.ts), CPU time
// and peak RSS are read from /proc at that moment, then the app checks its store, runs a full GC and prints
// MEMORY (the heap it still holds; RssAnon is read then), then VERIFIED or VERIFY_FAILED.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appCommand, startApp, type Implementation } from './run-one.js';

export type RestoreStore = 'persistent' | 'in-memory';

export interface RestoreSpec {
  readonly impl: Implementation;
  readonly store: RestoreStore;
  readonly bootstrap: string;
  /** Shared by every restore run: the changelog is `<applicationId>-restore-store-changelog`. */
  readonly applicationId: string;
  readonly input: string;
  readonly changelog: string;
  readonly records: number;
}

export interface RestoreResult {
  readonly impl: Implementation;
  readonly store: RestoreStore;
  /** The backend, for the table: LMDB, RocksDB, or a sorted map / TreeMap in memory. */
  readonly backend: string;
  readonly records: number;
  /** start() (the bare loop: process start) to the end of the last store partition's restore. */
  readonly startToRestoredSeconds: number;
  /** First restore event to the last one's end. */
  readonly restoreSeconds: number;
  /** records / restoreSeconds. */
  readonly recordsPerSec: number;
  /** Process CPU time up to the end of the restore (includes startup). */
  readonly cpuSeconds: number;
  /** Peak RSS up to the end of the restore (VmHWM: anonymous and file-backed pages). */
  readonly peakRssMb: number;
  readonly peakRssAnonMb: number;
  /** After the restore and a full GC (Node: global.gc(); Java: System.gc()): RssAnon, and the heap in use. */
  readonly rssAnonAfterGcMb: number;
  /** Node: V8 heap used + external (ArrayBuffers); Java: heap used. */
  readonly heapAfterGcMb: number;
  readonly error?: string;
}

export function backendOf(impl: Implementation, store: RestoreStore): string {
  if (store === 'in-memory') return impl === 'java' ? 'in-memory (TreeMap)' : 'in-memory';
  return impl === 'java' ? 'persistent (RocksDB)' : impl === 'kstreams' ? 'persistent (LMDB)' : 'LMDB';
}

export async function runRestore(spec: RestoreSpec, progress: (line: string) => void): Promise<RestoreResult> {
  const stateDir = mkdtempSync(join(tmpdir(), 'kstreams-bench-restore-'));
  const [cmd, args] = appCommand(spec.impl, ['restore', spec.bootstrap, spec.applicationId, spec.input, '-'], 'at_least_once', 30_000);
  const app = startApp(cmd, args, {
    BENCH_STATE_DIR: stateDir,
    BENCH_STORE: spec.store,
    BENCH_RESTORE_RECORDS: String(spec.records),
    BENCH_CHANGELOG: spec.changelog,
  });
  let restoredLine: string | undefined;
  let verifyLine: string | undefined;
  let atRestored: { cpuSeconds: number; peakRssMb: number; peakRssAnonMb: number } | undefined;
  let afterGc: { heapMb: number; externalMb: number; rssAnonMb: number } | undefined;
  app.onLine((line) => {
    if (line.startsWith('RESTORED ')) {
      restoredLine = line;
      const s = app.stats.sample();
      atRestored = { cpuSeconds: s?.cpuSeconds ?? NaN, peakRssMb: s?.peakRssMb ?? NaN, peakRssAnonMb: app.stats.peakRssAnonMb };
    } else if (line.startsWith('MEMORY ')) {
      const [, heap, external] = line.split(' ').map(Number);
      const s = app.stats.sample();
      afterGc = { heapMb: heap!, externalMb: external!, rssAnonMb: s?.rssAnonMb ?? NaN };
    } else if (line.startsWith('VERIFIED') || line.startsWith('VERIFY_FAILED')) {
      verifyLine = line;
    }
  });
  const deadline = Date.now() + 3 * 60_000;
  let lastReport = Date.now();
  let error: string | undefined;
  while (!verifyLine) {
    await new Promise((r) => setTimeout(r, 100));
    if (app.exited) {
      error = `the app exited (code ${app.exitCode}) ${restoredLine ? 'after restoring' : 'before restoring'}`;
      break;
    }
    if (Date.now() > deadline) {
      error = `no ${restoredLine ? 'VERIFIED' : 'RESTORED'} line after ${(Date.now() - app.started) / 1000} s`;
      break;
    }
    if (Date.now() - lastReport > 5000) {
      lastReport = Date.now();
      progress(`${restoredLine ? 'verifying' : 'restoring'}... (${((Date.now() - app.started) / 1000).toFixed(0)} s, RSS peak ${Math.round(app.stats.last?.peakRssMb ?? 0)} MB)`);
    }
  }
  await app.stop();
  rmSync(stateDir, { recursive: true, force: true });
  if (!error && verifyLine?.startsWith('VERIFY_FAILED')) error = verifyLine;
  const [, restored, fromStart, restoreMs] = (restoredLine ?? 'RESTORED 0 0 0').split(' ').map(Number) as [number, number, number, number];
  if (!error && restored !== spec.records) error = `restored ${restored} records, expected ${spec.records}`;
  if (error) progress(`FAILED: ${error}\n${app.stderr().split('\n').slice(-25).join('\n')}`);
  const restoreSeconds = Math.max(0.001, restoreMs / 1000);
  return {
    impl: spec.impl,
    store: spec.store,
    backend: backendOf(spec.impl, spec.store),
    records: restored,
    startToRestoredSeconds: fromStart / 1000,
    restoreSeconds,
    recordsPerSec: Math.round(restored / restoreSeconds),
    cpuSeconds: atRestored?.cpuSeconds ?? app.stats.last?.cpuSeconds ?? NaN,
    peakRssMb: Math.round(atRestored?.peakRssMb ?? app.stats.last?.peakRssMb ?? NaN),
    peakRssAnonMb: Math.round(atRestored?.peakRssAnonMb ?? app.stats.peakRssAnonMb),
    rssAnonAfterGcMb: Math.round(afterGc?.rssAnonMb ?? NaN),
    heapAfterGcMb: Math.round(afterGc ? afterGc.heapMb + afterGc.externalMb : NaN),
    ...(error ? { error } : {}),
  };
}
