// Topology.describe(): the same text shape as Kafka Streams' TopologyDescription, so users can read it.
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
  toString(): string;
}

export function describeTopology(subtopologies: readonly Subtopology[]): TopologyDescription {
  const described = subtopologies.map((s) => ({
    id: s.id,
    nodes: s.nodes.map((n) => ({
      type: n.kind === 'source' ? ('Source' as const) : n.kind === 'sink' ? ('Sink' as const) : ('Processor' as const),
      name: n.name,
      successors: n.kind === 'sink' ? [] : [...n.children],
      predecessors: n.kind === 'source' ? [] : [...n.parents],
      header: header(n),
    })),
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
    return out;
  };
  return {
    subtopologies: described.map(({ id, nodes }) => ({ id, nodes: nodes.map(({ header: _h, ...rest }) => rest) })),
    toString: text,
  };
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
