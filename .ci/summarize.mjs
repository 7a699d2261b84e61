#!/usr/bin/env node
// Totals the vitest JSON reports CI wrote and prints one plain line per run and a final
// "N passed, N failed, N skipped" line. Exits non-zero when a report is missing or has failures.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
let ok = true;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    process.stdout.write(`${file}: missing report\n`);
    ok = false;
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const p = r.numPassedTests ?? 0;
  const f = (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0);
  const s = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  process.stdout.write(`${file}: ${p} passed, ${f} failed, ${s} skipped\n`);
  passed += p;
  failed += f;
  skipped += s;
  if (f > 0 || p === 0) ok = false;
}
process.stdout.write(`${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(ok ? 0 : 1);
