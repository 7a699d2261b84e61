// Graph → Topology: node definitions with children, repartition nodes split into a sink and a source, and
// sub-topologies as the connected components that remain (records cross between them only through topics).
import { TopologyError } from '../errors.js';
import type { GraphNode } from '../graph/graph-node.js';
import { repartitionTopicConfig } from './internal-topic-config.js';
import type { InternalTopicSpec, NodeDefinition, Subtopology } from './node-definitions.js';
import { Topology } from './topology.js';

export function buildTopology(graph: readonly GraphNode[]): Topology {
  const defs: NodeDefinition[] = [];
  const internal = new Map<string, InternalTopicSpec>();
  const renamedParent = new Map<string, string>();
  const parentsOf = (n: GraphNode) => n.parents.map((p) => renamedParent.get(p) ?? p);

  for (const node of graph) {
    switch (node.kind) {
      case 'source':
        defs.push({ ...node, kind: 'source', children: [] });
        break;
      case 'processor':
        defs.push({ kind: 'processor', name: node.name, supplier: node.supplier, stores: node.stores, parents: parentsOf(node), children: [] });
        break;
      case 'sink':
        defs.push({ ...node, kind: 'sink', parents: parentsOf(node) });
        break;
      case 'repartition': {
        const sinkName = `${node.name}-sink`;
        const sourceName = `${node.name}-source`;
        defs.push({
          kind: 'sink',
          name: sinkName,
          topic: node.topicName,
          keySerde: node.keySerde,
          valueSerde: node.valueSerde,
          partitioner: node.partitioner,
          parents: parentsOf(node),
        });
        defs.push({
          kind: 'source',
          name: sourceName,
          topics: [node.topicName],
          pattern: undefined,
          keySerde: node.keySerde,
          valueSerde: node.valueSerde,
          timestampExtractor: undefined,
          offsetReset: 'earliest',
          children: [],
        });
        renamedParent.set(node.name, sourceName);
        internal.set(node.topicName, {
          name: node.topicName,
          kind: 'repartition',
          numberOfPartitions: node.numberOfPartitions,
          config: repartitionTopicConfig(),
        });
        break;
      }
    }
  }

  const byName = new Map(defs.map((d) => [d.name, d]));
  for (const d of defs) {
    if (d.kind === 'source') continue;
    for (const p of d.parents) {
      const parent = byName.get(p);
      if (!parent) throw new TopologyError(`node '${d.name}' has unknown parent '${p}'`);
      if (parent.kind === 'sink') throw new TopologyError(`sink '${p}' cannot have children (found '${d.name}')`);
      (parent.children as string[]).push(d.name);
    }
  }
  return new Topology(splitSubtopologies(defs, internal), internal);
}

/** Connected components over parent→child edges, numbered in order of their first node. */
function splitSubtopologies(defs: NodeDefinition[], internal: Map<string, InternalTopicSpec>): Subtopology[] {
  const index = new Map(defs.map((d, i) => [d.name, i]));
  const root = defs.map((_, i) => i);
  const find = (i: number): number => (root[i] === i ? i : (root[i] = find(root[i]!)));
  for (const d of defs) {
    if (d.kind === 'source') continue;
    for (const p of d.parents) root[find(index.get(p)!)] = find(index.get(d.name)!);
  }
  const groups = new Map<number, NodeDefinition[]>();
  defs.forEach((d, i) => {
    const r = find(i);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r)!.push(d);
  });
  return [...groups.values()].map((nodes, id) => {
    const sources = nodes.filter((n) => n.kind === 'source');
    const sourceTopics = sources.flatMap((s) => s.topics);
    const sinkTopics = nodes.flatMap((n) => (n.kind === 'sink' && typeof n.topic === 'string' ? [n.topic] : []));
    return {
      id,
      nodes: [...sources, ...nodes.filter((n) => n.kind !== 'source')],
      sourceTopics,
      sourcePatterns: sources.flatMap((s) => (s.pattern ? [s.pattern] : [])),
      internalTopics: [...new Set([...sourceTopics, ...sinkTopics].filter((t) => internal.has(t)))],
    };
  });
}
