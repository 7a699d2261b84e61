// The differential suite (README.md beside this file): every spec runs through Java Kafka Streams 4.3.1's
// TopologyTestDriver and through kstreams' driver, and the outputs must agree record for record (topic, key,
// value, timestamp, order), unless the spec names a deliberate difference, which then must still differ. Then
// `<spec> (names)`: the two topologies' describe() must agree (sub-topology numbering, node names and types,
// topics, stores, edges, then their order), but for the documented allowances of topology-description.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runJava } from './java-results.js';
import { runKStreams } from './run-kstreams.js';
import type { Spec, SpecResult } from './spec.js';
import { contentLines, orderedLines, withAllowances } from './topology-description.js';

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

/** kstreams' result of a spec, run once for both of its tests. */
const kstreamsResults = new Map<string, SpecResult>();
function ours(spec: Spec): SpecResult {
  let result = kstreamsResults.get(spec.name);
  if (!result) kstreamsResults.set(spec.name, (result = runKStreams(spec)));
  return result;
}

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
          expect(lines(ours(spec))[0], 'kstreams failed this spec').toMatch(/^error: /);
          return;
        }
        expect(lines(theirs).filter((l) => l.startsWith('error:')), 'Java ran this spec without error').toEqual([]);
        if (spec.difference) {
          expect(lines(ours(spec)), `documented difference: ${spec.difference}`).not.toEqual(lines(theirs));
        } else {
          expect(lines(ours(spec))).toEqual(lines(theirs));
        }
      });
      // The names a topology generates (processors, stores and so changelogs, internal topics) must be Java's, or
      // state is orphaned when an application moves between the two. A spec whose topology one side cannot build
      // (an expectError spec) has nothing to compare.
      it(`${spec.name} (names)`, () => {
        const theirs = java[spec.name]?.topology;
        const { topology: mine, topologyError } = ours(spec);
        expect(topologyError, 'kstreams describe() could be read').toBeUndefined();
        if (spec.expectError && (theirs === undefined || mine === undefined)) return;
        expect(theirs, 'Java described this topology').toBeDefined();
        expect(mine, 'kstreams described this topology').toBeDefined();
        // kstreams' description with the documented allowances applied (README.md, "Names"), and which applied
        const { topology, applied } = withAllowances(theirs!, mine!);
        const rules = [...new Set(applied.map((a) => a.rule))];
        const allowed = rules.length === 0 ? '' : ` (after allowances: ${rules.join(', ')})`;
        if (spec.namesDifference) {
          // A documented difference (docs/stateful-dsl.md): the names must still differ, or the note is stale.
          expect(contentLines(topology), `documented names difference: ${spec.namesDifference}`).not.toEqual(contentLines(theirs!));
          return;
        }
        expect(contentLines(topology), `numbering, names, types, topics, stores, edges${allowed}`).toEqual(contentLines(theirs!));
        expect(orderedLines(topology), `node order in each sub-topology${allowed}`).toEqual(orderedLines(theirs!));
      });
    }
  });
}
