// Topology.describe(): the same text shape as Kafka Streams' TopologyDescription, so users can read it.
import type { GlobalStoreSpec } from '../graph/logical-graph.js';
import type { NodeDefinition, Subtopology } from './node-definitions.js';

export interface TopologyDescription {
  readonly subtopologies: ReadonlyArray<{
    readonly id: number;
    readonly nodes: ReadonlyArray<{
      readonly type: 'Source' | 'Processor' | 'Sink';
      readonly name: string;
      readonly successors: readonly string[];
      readonly predecessors: readonly string[];
    }>;
  }>;
  /**
   * Global stores, as Kafka Streams lists them: a sub-topology each ("for global store (will not generate
   * tasks)"), numbered after the task sub-topologies.
   */
  readonly globalStores: ReadonlyArray<{ readonly id: number; readonly source: string; readonly topic: string; readonly processor: string; readonly store: string }>;
  toString(): string;
}

export function describeTopology(subtopologies: readonly Subtopology[], globalStores: ReadonlyMap<string, GlobalStoreSpec> = new Map()): TopologyDescription {
  const described = subtopologies.map((s) => ({
    id: s.id,
    nodes: javaOrder(s.nodes).map((n) => ({
      type: n.kind === 'source' ? ('Source' as const) : n.kind === 'sink' ? ('Sink' as const) : ('Processor' as const),
      name: n.name,
      successors: n.kind === 'sink' ? [] : [...n.children],
      predecessors: n.kind === 'source' ? [] : [...n.parents],
      header: header(n),
    })),
  }));
  const globals = [...globalStores].map(([store, g], i) => ({
    id: subtopologies.length + i,
    source: g.sourceName,
    topic: g.topic,
    processor: g.processorName,
    store,
  }));
  const text = () => {
    let out = 'Topologies:\n';
    for (const s of described) {
      out += `   Sub-topology: ${s.id}\n`;
      for (const n of s.nodes) {
        out += `    ${n.header}\n`;
        if (n.type !== 'Sink') out += `      --> ${list(n.successors)}\n`;
        if (n.type !== 'Source') out += `      <-- ${list(n.predecessors)}\n`;
      }
      out += '\n';
    }
    for (const g of globals) {
      out += `   Sub-topology: ${g.id} for global store (will not generate tasks)\n`;
      out += `    Source: ${g.source} (topics: [${g.topic}])\n      --> ${g.processor}\n`;
      out += `    Processor: ${g.processor} (stores: [${g.store}])\n      --> none\n      <-- ${g.source}\n\n`;
    }
    return out;
  };
  return {
    subtopologies: described.map(({ id, nodes }) => ({ id, nodes: nodes.map(({ header: _h, ...rest }) => rest) })),
    globalStores: globals,
    toString: text,
  };
}

/**
 * Kafka Streams' order of a sub-topology's nodes (InternalTopologyBuilder's NODE_COMPARATOR): the largest
 * sub-graph first, then by name. A node's size is itself plus its successors' sizes (paths through a merge count
 * once per path, as Kafka Streams adds them up).
 */
function javaOrder(nodes: readonly NodeDefinition[]): NodeDefinition[] {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const sizes = new Map<string, number>();
  const sizeOf = (n: NodeDefinition): number => {
    let size = sizes.get(n.name);
    if (size !== undefined) return size;
    size = 1;
    if (n.kind !== 'sink') for (const c of n.children) size += byName.has(c) ? sizeOf(byName.get(c)!) : 0;
    sizes.set(n.name, size);
    return size;
  };
  return [...nodes].sort((a, b) => sizeOf(b) - sizeOf(a) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function header(n: NodeDefinition): string {
  switch (n.kind) {
    case 'source':
      return `Source: ${n.name} (topics: ${n.pattern ? String(n.pattern) : `[${n.topics.join(', ')}]`})`;
    case 'processor':
      return `Processor: ${n.name} (stores: [${n.stores.join(', ')}])`;
    case 'sink':
      return typeof n.topic === 'string'
        ? `Sink: ${n.name} (topic: ${n.topic})`
        : `Sink: ${n.name} (extractor: ${n.topic.name || 'anonymous'})`;
  }
}

function list(names: readonly string[]): string {
  return names.length === 0 ? 'none' : names.join(', ');
}
