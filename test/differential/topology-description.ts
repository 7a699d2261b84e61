// The names half of the differential suite (README.md, "Names"): a built topology's describe() as one normalized
// shape on both sides (Java: java/.../TopologyDescriptions.java; kstreams: describedTopology below), and the two
// views the test compares: the content (numbering, names, types, topics, stores, edges) and the node order.
import type { TopologyDescription } from '@kstreams/core';

/** A node of a sub-topology: its name, type, what it reads or writes, and its edges. */
export interface DescribedNode {
  readonly name: string;
  readonly type: 'source' | 'processor' | 'sink';
  /** Source: its topics, sorted (Java keeps them in a set). */
  readonly topics?: readonly string[];
  /** Source: its topic pattern instead of topics (the regular expression's source text). */
  readonly pattern?: string;
  /** Processor: its store names, sorted (Java keeps them in a set). */
  readonly stores?: readonly string[];
  /** Sink: its topic; null for a topic-name extractor. */
  readonly topic?: string | null;
  /** As describe() lists them; compared as sets (nodeLine says why). */
  readonly successors: readonly string[];
  readonly predecessors: readonly string[];
}

export interface DescribedGlobalStore {
  readonly id: number;
  readonly source: { readonly name: string; readonly topics: readonly string[] };
  readonly processor: { readonly name: string; readonly stores: readonly string[] };
}

/** describe(), normalized: sub-topologies and global stores in id order, nodes in describe()'s order. */
export interface DescribedTopology {
  readonly subtopologies: readonly { readonly id: number; readonly nodes: readonly DescribedNode[] }[];
  readonly globalStores: readonly DescribedGlobalStore[];
}

const subtopologyHeader = /^ {3}Sub-topology: (\d+)( for global store \(will not generate tasks\))?$/;
const nodeHeader = /^ {4}(Source|Processor|Sink): (.+?) \((topics|stores|topic|extractor): (.*)\)$/;

/** A node header of the text: `Source: name (topics: [a, b])`, `Processor: name (stores: [s])`, `Sink: name (topic: t)`. */
interface TextNode {
  readonly kind: string;
  readonly name: string;
  readonly field: string;
  readonly value: string;
}

/**
 * kstreams' describe() in the shape the Java program prints. The structured part gives the sub-topologies, the
 * nodes, their types and edges; what only the text shows (a source's topics or pattern, a processor's stores, a
 * sink's topic) and the global stores (`Sub-topology: n for global store (will not generate tasks)`, Java's text)
 * come from toString().
 */
export function describedTopology(description: TopologyDescription): DescribedTopology {
  const blocks = parseText(description.toString());
  const subtopologies = description.subtopologies.map((s) => {
    const block = blocks.find((b) => b.id === s.id && !b.global);
    if (!block) throw new Error(`describe(): sub-topology ${s.id} is missing from the text`);
    const nodes = s.nodes.map((n): DescribedNode => {
      const text = block.nodes.find((t) => t.name === n.name);
      if (!text || text.kind !== n.type) throw new Error(`describe(): ${n.type} ${n.name} is missing from the text of sub-topology ${s.id}`);
      const edges = { successors: [...n.successors], predecessors: [...n.predecessors] };
      if (n.type === 'Source') return { name: n.name, type: 'source', ...sourceTopics(text), ...edges };
      if (n.type === 'Processor') return { name: n.name, type: 'processor', stores: [...list(text.value)].sort(), ...edges };
      return { name: n.name, type: 'sink', topic: text.field === 'topic' ? text.value : null, ...edges };
    });
    return { id: s.id, nodes };
  });
  const globalStores = blocks
    .filter((b) => b.global)
    .map((b): DescribedGlobalStore => {
      const source = b.nodes.find((n) => n.kind === 'Source');
      const processor = b.nodes.find((n) => n.kind === 'Processor');
      if (!source || !processor || b.nodes.length !== 2) throw new Error(`describe(): global store ${b.id} is not a source and a processor`);
      return {
        id: b.id,
        source: { name: source.name, topics: sourceTopics(source).topics ?? [] },
        processor: { name: processor.name, stores: [...list(processor.value)].sort() },
      };
    });
  return { subtopologies: [...subtopologies].sort((a, b) => a.id - b.id), globalStores: globalStores.sort((a, b) => a.id - b.id) };
}

function parseText(text: string): { id: number; global: boolean; nodes: TextNode[] }[] {
  const blocks: { id: number; global: boolean; nodes: TextNode[] }[] = [];
  for (const line of text.split('\n')) {
    const sub = subtopologyHeader.exec(line);
    if (sub) {
      blocks.push({ id: Number(sub[1]), global: sub[2] !== undefined, nodes: [] });
      continue;
    }
    const node = nodeHeader.exec(line);
    if (node) {
      const block = blocks.at(-1);
      if (!block) throw new Error(`describe(): a node before any sub-topology: ${line}`);
      block.nodes.push({ kind: node[1]!, name: node[2]!, field: node[3]!, value: node[4]! });
    }
  }
  return blocks;
}

/** `[a, b]` as its items. */
function list(value: string): string[] {
  const m = /^\[(.*)\]$/.exec(value);
  if (!m) throw new Error(`describe(): not a list: ${value}`);
  return m[1] === '' ? [] : m[1]!.split(', ');
}

/** A source's `[a, b]` (topics) or `/re/flags` (a pattern, as String(RegExp) prints it). */
function sourceTopics(node: TextNode): { topics?: string[]; pattern?: string } {
  if (node.value.startsWith('[')) return { topics: list(node.value).sort() };
  const re = /^\/(.*)\/[a-z]*$/s.exec(node.value);
  return { pattern: re ? re[1]! : node.value };
}

// ---------------------------------------------------------------------------------------------------------------
// Allowances: differences docs/stateful-dsl.md ("Where kstreams differs from Kafka Streams") calls deliberate.
// Each rewrites kstreams' description towards Java's only where the rule's exact conditions hold, and reports what
// it did, so the test can show it.

/** What an allowance changed on kstreams' side: the rule's name and the node. */
export interface Allowed {
  readonly rule: keyof typeof allowances;
  readonly detail: string;
}

/**
 * `source-table-store`: "Every source table has a store". Java's KTableSource processor of a table that nothing
 * materializes (`KTABLE-SOURCE-n` under the source of topic t, `KSTREAM-TOTABLE-n` of toTable()) has no store; kstreams'
 * has exactly one more, named as Kafka Streams generates it (`t-STATE-STORE-m`, `KSTREAM-TOTABLE-STATE-STORE-m`), a
 * name no node of Java's description has. That one store is dropped from kstreams' side.
 */
function sourceTableStore(java: DescribedTopology, ours: DescribedTopology, applied: Allowed[]): DescribedTopology {
  const javaNodes = new Map(java.subtopologies.flatMap((s) => s.nodes.map((n) => [n.name, n] as const)));
  const javaStores = new Set([
    ...java.subtopologies.flatMap((s) => s.nodes.flatMap((n) => n.stores ?? [])),
    ...java.globalStores.flatMap((g) => g.processor.stores),
  ]);
  const subtopologies = ours.subtopologies.map((s) => ({
    ...s,
    nodes: s.nodes.map((n) => {
      const theirs = javaNodes.get(n.name);
      if (n.type !== 'processor' || theirs?.type !== 'processor' || (theirs.stores ?? []).length !== 0 || n.stores?.length !== 1) return n;
      const store = n.stores[0]!;
      if (javaStores.has(store)) return n;
      let expected: RegExp | undefined;
      if (/^KSTREAM-TOTABLE-\d{10}$/.test(n.name)) expected = /^KSTREAM-TOTABLE-STATE-STORE-\d{10}$/;
      else if (/^KTABLE-SOURCE-\d{10}$/.test(n.name) && theirs.predecessors.length === 1) {
        const source = javaNodes.get(theirs.predecessors[0]!);
        const topic = source?.type === 'source' && source.topics?.length === 1 ? source.topics[0]! : undefined;
        if (topic !== undefined) expected = new RegExp(`^${escapeRegExp(topic)}-STATE-STORE-\\d{10}$`);
      }
      if (!expected?.test(store)) return n;
      applied.push({ rule: 'source-table-store', detail: `${n.name} has store ${store} (Java: none)` });
      return { ...n, stores: [] };
    }),
  }));
  return { ...ours, subtopologies };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^$()|[\]{}\\]/g, '\\$&');
}

/**
 * `fk-join-topic-nodes`: "Foreign-key join node names". The sink and the source of a foreign-key join's internal
 * topic (`…-SUBSCRIPTION-REGISTRATION-n-topic`, `…-SUBSCRIPTION-RESPONSE-n-topic`) are `<x>-sink` / `<x>-source` in
 * kstreams where Java's are `KTABLE-SINK-n` / `KTABLE-SOURCE-n`. Where exactly one such node on each side writes
 * (reads) the same such topic, kstreams' is renamed to Java's name, everywhere in its description.
 */
function fkJoinTopicNodes(java: DescribedTopology, ours: DescribedTopology, applied: Allowed[]): DescribedTopology {
  const fkTopic = /-SUBSCRIPTION-(REGISTRATION|RESPONSE)-\d{10}-topic$|-subscription-(registration|response)-topic$/;
  const javaNodes = java.subtopologies.flatMap((s) => s.nodes);
  const ourNodes = ours.subtopologies.flatMap((s) => s.nodes);
  const renames = new Map<string, string>();
  const match = (type: 'sink' | 'source', topicOf: (n: DescribedNode) => string | null | undefined, javaName: RegExp, ourName: RegExp) => {
    for (const n of ourNodes) {
      const topic = topicOf(n);
      if (n.type !== type || typeof topic !== 'string' || !fkTopic.test(topic) || !ourName.test(n.name)) continue;
      const theirs = javaNodes.filter((j) => j.type === type && topicOf(j) === topic);
      const ourOnes = ourNodes.filter((o) => o.type === type && topicOf(o) === topic);
      if (theirs.length !== 1 || ourOnes.length !== 1 || !javaName.test(theirs[0]!.name) || theirs[0]!.name === n.name) continue;
      renames.set(n.name, theirs[0]!.name);
      applied.push({ rule: 'fk-join-topic-nodes', detail: `${type} ${n.name} is ${theirs[0]!.name} in Java (topic ${topic})` });
    }
  };
  match('sink', (n) => n.topic, /^KTABLE-SINK-\d{10}$/, /-sink$/);
  match('source', (n) => (n.topics?.length === 1 ? n.topics[0] : undefined), /^KTABLE-SOURCE-\d{10}$/, /-source$/);
  if (renames.size === 0) return ours;
  const rename = (name: string) => renames.get(name) ?? name;
  return {
    ...ours,
    subtopologies: ours.subtopologies.map((s) => ({
      ...s,
      nodes: s.nodes.map((n) => ({ ...n, name: rename(n.name), successors: n.successors.map(rename), predecessors: n.predecessors.map(rename) })),
    })),
  };
}

/** The allowances by name, applied in this order. */
export const allowances = {
  'source-table-store': sourceTableStore,
  'fk-join-topic-nodes': fkJoinTopicNodes,
} as const;

/** kstreams' description with every allowance applied against Java's, and what each changed. */
export function withAllowances(java: DescribedTopology, ours: DescribedTopology): { topology: DescribedTopology; applied: Allowed[] } {
  const applied: Allowed[] = [];
  let topology = ours;
  for (const rule of Object.values(allowances)) topology = rule(java, topology, applied);
  return { topology, applied };
}

// ---------------------------------------------------------------------------------------------------------------
// The two views compared: one line per node (in Java's text shape), so a failing spec shows a readable diff.

/**
 * Successors and predecessors are compared as sets: Java fills those TreeSets while the sub-tree sizes their
 * comparator reads are still growing (InternalTopologyBuilder.describeSubtopology), so their order follows the
 * HashMap order the nodes were connected in, not the topology (a join's `KSTREAM-MERGE` lists `JOINTHIS` before
 * `JOINOTHER` though both have the same size and the comparator would put `JOINOTHER` first).
 */
function nodeLine(n: DescribedNode): string {
  const edges = (names: readonly string[]) => (names.length === 0 ? 'none' : [...names].sort().join(', '));
  const what =
    n.type === 'source'
      ? n.pattern !== undefined
        ? `pattern: ${n.pattern}`
        : `topics: [${(n.topics ?? []).join(', ')}]`
      : n.type === 'processor'
        ? `stores: [${(n.stores ?? []).join(', ')}]`
        : n.topic === null
          ? 'extractor'
          : `topic: ${n.topic}`;
  const out = n.type === 'sink' ? '' : ` --> ${edges(n.successors)}`;
  const inn = n.type === 'source' ? '' : ` <-- ${edges(n.predecessors)}`;
  return `${n.type} ${n.name} (${what})${out}${inn}`;
}

function lines(t: DescribedTopology, ordered: boolean): string[] {
  const byName = (a: DescribedNode, b: DescribedNode) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const blocks = [
    ...t.subtopologies.map((s) => ({
      id: s.id,
      lines: [`sub-topology ${s.id}`, ...(ordered ? s.nodes : [...s.nodes].sort(byName)).map((n) => `  ${nodeLine(n)}`)],
    })),
    ...t.globalStores.map((g) => ({
      id: g.id,
      lines: [
        `sub-topology ${g.id} for global store`,
        `  source ${g.source.name} (topics: [${g.source.topics.join(', ')}]) --> ${g.processor.name}`,
        `  processor ${g.processor.name} (stores: [${g.processor.stores.join(', ')}]) <-- ${g.source.name}`,
      ],
    })),
  ];
  return blocks.sort((a, b) => a.id - b.id).flatMap((b) => b.lines);
}

/** Numbering, names, types, topics, stores and edges, the nodes of each sub-topology sorted by name. */
export function contentLines(t: DescribedTopology): string[] {
  return lines(t, false);
}

/**
 * The same with the nodes of each sub-topology in describe()'s order: Java's TopologyDescription sorts them by
 * their final sub-tree size (largest first), then by name, which depends on the topology alone.
 */
export function orderedLines(t: DescribedTopology): string[] {
  return lines(t, true);
}
