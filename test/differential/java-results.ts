// Runs the Java half of the differential suite: builds java/ with Maven when the jar is missing or older than
// its sources, then runs every spec file through Kafka Streams' TopologyTestDriver in one JVM.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SpecResult } from './spec.js';

const javaDir = fileURLToPath(new URL('./java', import.meta.url));
const jar = join(javaDir, 'target', 'kstreams-differential.jar');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the jar unless it is newer than pom.xml and every file under src/. */
export function buildJavaRunner(): void {
  const sources = Math.max(statSync(join(javaDir, 'pom.xml')).mtimeMs, newestSource(join(javaDir, 'src')));
  if (existsSync(jar) && statSync(jar).mtimeMs >= sources) return;
  execFileSync('mvn', ['-q', '-B', 'package'], { cwd: javaDir, stdio: ['ignore', 'inherit', 'inherit'] });
}

/** Every spec's result on Java Kafka Streams, by spec name. */
export function runJava(specFiles: readonly string[]): Record<string, SpecResult> {
  buildJavaRunner();
  const out = execFileSync('java', ['-jar', jar, ...specFiles], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(out) as Record<string, SpecResult>;
}
