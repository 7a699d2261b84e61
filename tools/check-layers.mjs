#!/usr/bin/env node
// The layer rules of @kstreams/core (docs/architecture.md, "Layers"), checked on every `npm run typecheck`:
// an import across a forbidden boundary, or a cycle of value imports, fails with the file and line.
//   - the DSL, the graph, the topology, processors, stores, serdes and the shared record types never import the
//     client or the runtime: they are what the TopologyTestDriver runs without a broker;
//   - the client port and its adapters never import the runtime;
//   - runtime/task (the broker-free task code the TopologyTestDriver shares) imports neither the client nor the
//     thread or the instance; runtime/thread never imports runtime/instance;
//   - serdes and stores never import processors; the shared record types import nothing but each other;
//   - nothing inside src imports the public entry (index.ts); only client/kafkajs/ imports the kafkajs package;
//   - no cycle of value imports (type-only imports may cycle: they vanish at run time).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../packages/core/src');

/**
 * [layer of the importing file, layers it must not import, why]. A layer is a top folder of src, and inside
 * runtime/ one of its folders (runtime/task, runtime/thread, runtime/instance).
 */
const runtime = ['runtime/task', 'runtime/thread', 'runtime/instance'];
const forbidden = [
  [['dsl', 'graph', 'topology', 'processor', 'state', 'serde', 'record'], ['client', ...runtime], 'broker-free code imports neither the client nor the runtime'],
  [['client'], runtime, 'the client port and its adapters never import the runtime'],
  [['runtime/task'], ['client', 'runtime/thread', 'runtime/instance'], 'task code runs in the test driver: no client, thread or instance'],
  [['runtime/thread'], ['runtime/instance'], 'a thread never imports the instance that runs it'],
  [['serde', 'state'], ['processor'], 'serdes and stores never import processors'],
  [['record'], ['dsl', 'graph', 'topology', 'processor', 'state', 'serde', 'config', 'client', ...runtime, 'errors.ts'], 'the shared record types import nothing else'],
];

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? files(path) : e.name.endsWith('.ts') ? [path] : [];
  });
}

const layerOf = (path) => {
  const [top, sub] = relative(src, path).split('/');
  return top === 'runtime' ? `runtime/${sub}` : top;
};
const importRe = /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*'([^']+)'/gm;

const violations = [];
const valueEdges = new Map();
for (const file of files(src)) {
  const text = readFileSync(file, 'utf8');
  const edges = [];
  for (const m of text.matchAll(importRe)) {
    const [, , typeOnly, clause, spec] = m;
    if (!spec.startsWith('.')) {
      // The client library stays behind its adapter: only client/kafkajs/ imports kafkajs.
      if (spec === 'kafkajs' && !relative(src, file).startsWith('client/kafkajs/')) {
        violations.push(`${relative(src, file)}:${text.slice(0, m.index).split('\n').length}: imports kafkajs outside client/kafkajs/`);
      }
      continue;
    }
    const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
    const line = text.slice(0, m.index).split('\n').length;
    const where = `${relative(src, file)}:${line}`;
    if (target === join(src, 'index.ts')) violations.push(`${where}: imports the public entry index.ts`);
    for (const [from, to, why] of forbidden) {
      if (from.includes(layerOf(file)) && to.includes(layerOf(target))) {
        violations.push(`${where}: imports ${relative(src, target)} (${why})`);
      }
    }
    // `import type { … }` or every name marked `type` is erased at run time.
    const names = clause.replace(/[{}]/g, '').split(',').map((n) => n.trim()).filter(Boolean);
    const erased = Boolean(typeOnly) || (names.length > 0 && names.every((n) => n.startsWith('type ')));
    if (!erased) edges.push(target);
  }
  valueEdges.set(file, edges);
}

// Cycles of value imports: Tarjan's strongly connected components.
let index = 0;
const stack = [];
const info = new Map();
function visit(v) {
  info.set(v, { index, low: index, onStack: true });
  index++;
  stack.push(v);
  for (const w of valueEdges.get(v) ?? []) {
    if (!valueEdges.has(w)) continue;
    if (!info.has(w)) {
      visit(w);
      info.get(v).low = Math.min(info.get(v).low, info.get(w).low);
    } else if (info.get(w).onStack) {
      info.get(v).low = Math.min(info.get(v).low, info.get(w).index);
    }
  }
  if (info.get(v).low === info.get(v).index) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      info.get(w).onStack = false;
      component.push(w);
    } while (w !== v);
    if (component.length > 1) violations.push(`value-import cycle: ${component.map((f) => relative(src, f)).sort().join(' → ')}`);
  }
}
for (const v of valueEdges.keys()) if (!info.has(v)) visit(v);

if (violations.length > 0) {
  console.error(`layer check: ${violations.length} violation(s) in packages/core/src`);
  for (const v of violations) console.error(`  ${v}`);
  process.exit(1);
}
console.log(`layer check: ${valueEdges.size} files of packages/core/src, no violation`);
