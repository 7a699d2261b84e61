#!/usr/bin/env node
// `npm run demo`: the word-count demo (examples/word-count) from a fresh clone, after `npm ci`.
// 1. Finds a broker: KAFKA_BOOTSTRAP_SERVERS if set, else the local launcher's (127.0.0.1:9092), started if needed.
// 2. Runs examples/word-count/src/main.ts (through tsx, on the TypeScript sources) against it.
// 3. Stops the local broker again, but only if step 1 started it.
// Exits with the demo's exit code.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { acquireBroker } from './broker.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (line) => process.stdout.write(`demo: ${line}\n`);

/** Runs the word-count program; resolves with its exit code. Ctrl-C reaches it directly (same process group). */
function runWordCount(bootstrapServers) {
  const main = join(repoRoot, 'examples', 'word-count', 'src', 'main.ts');
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', main], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, KAFKA_BOOTSTRAP_SERVERS: bootstrapServers, KAFKAJS_NO_PARTITIONER_WARNING: '1' },
  });
  // Ctrl-C reaches the child too: it cleans up and exits, and we wait for it, then stop the broker. A SIGTERM
  // sent to this process alone is passed on.
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  return new Promise((res) => {
    child.on('exit', (code, signal) => res(code ?? 128 + (constants.signals[signal] ?? 0)));
    child.on('error', (e) => {
      log(`could not run ${main}: ${e.message}`);
      res(1);
    });
  });
}

const started = Date.now();
// Never die on Ctrl-C half-way: a broker being started is stopped again, and the demo cleans up by itself.
let interrupted = false;
process.on('SIGINT', () => (interrupted = true));
let broker;
try {
  broker = await acquireBroker({ log });
} catch (e) {
  log(`no broker: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
if (interrupted) {
  await broker.release();
  log('interrupted');
  process.exit(130);
}
log(`running examples/word-count against ${broker.bootstrapServers}`);
process.stdout.write('\n');
let code = await runWordCount(broker.bootstrapServers);
process.stdout.write('\n');
try {
  await broker.release();
} catch (e) {
  log(`could not stop the broker: ${e instanceof Error ? e.message : String(e)}`);
  code ||= 1;
}
log(`${code === 0 ? 'finished' : code === 130 ? 'interrupted' : `failed (exit code ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(code);
