// The differential suite (README.md beside this file): every spec runs through Java Kafka Streams 4.3.1's
// TopologyTestDriver and through kstreams' driver, and the outputs must agree record for record (topic, key,
// value, timestamp, order), unless the spec names a deliberate difference, which then must still differ.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runJava } from './java-results.js';
import { runKStreams } from './run-kstreams.js';
import type { Spec, SpecResult } from './spec.js';

const specDir = fileURLToPath(new URL('./specs', import.meta.url));
const specFiles = readdirSync(specDir).filter((f) => f.endsWith('.json')).sort().map((f) => join(specDir, f));
const groups = specFiles.map((file) => ({ file, specs: JSON.parse(readFileSync(file, 'utf8')) as Spec[] }));

/** One line per record, so a failing spec shows a readable diff. */
function lines(result: SpecResult | undefined): string[] {
  if (!result) return ['(no result)'];
  if ('error' in result) return [`error: ${result.error}`];
  return Object.entries(result.outputs).flatMap(([topic, records]) =>
    records.map((r) => `${topic}: ${JSON.stringify(r.key)} -> ${JSON.stringify(r.value)} @${r.timestamp}`),
  );
}

let java: Record<string, SpecResult> = {};
beforeAll(() => {
  java = runJava(specFiles);
});

it('every spec name is unique', () => {
  const names = groups.flatMap((g) => g.specs.map((s) => s.name));
  expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
});

for (const { file, specs } of groups) {
  describe(file.slice(specDir.length + 1), () => {
    for (const spec of specs) {
      it(spec.name, () => {
        const theirs = java[spec.name];
        expect(theirs, 'Java ran this spec').toBeDefined();
        if (spec.expectError) {
          // both must fail; the messages are each side's own
          expect(lines(theirs)[0], 'Java failed this spec').toMatch(/^error: /);
          expect(lines(runKStreams(spec))[0], 'kstreams failed this spec').toMatch(/^error: /);
          return;
        }
        expect(lines(theirs).filter((l) => l.startsWith('error:')), 'Java ran this spec without error').toEqual([]);
        const ours = runKStreams(spec);
        if (spec.difference) {
          expect(lines(ours), `documented difference: ${spec.difference}`).not.toEqual(lines(theirs));
        } else {
          expect(lines(ours)).toEqual(lines(theirs));
        }
      });
    }
  });
}
