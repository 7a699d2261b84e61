// Graph → Topology: node definitions with children, repartition nodes split into a sink and a source, and
// sub-topologies as the connected components that remain (records cross between them only through topics).
import { TopologyError } from '../errors.js';
import type { GraphNode } from '../graph/graph-node.js';
import type { GlobalStoreSpec, GraphStore } from '../graph/logical-graph.js';
import { changelogTopicConfig, repartitionTopicConfig } from './internal-topic-config.js';
import type { InternalTopicSpec, NodeDefinition, StoreDefinition, Subtopology } from './node-definitions.js';
import { BuiltTopology } from './built-topology.js';

export function buildTopology(
  graph: readonly GraphNode[],
  stores: ReadonlyMap<string, GraphStore> = new Map(),
  globalStores: ReadonlyMap<string, GlobalStoreSpec> = new Map(),
  copartitionGroups: readonly (readonly string[])[] = [],
  options: BuildOptions = {},
): BuiltTopology {
  const reuseSources = reusesSourceTopics(options.optimization);
  const sourceChangelog = (s: GraphStore) => (reuseSources && s.builder.loggingEnabled ? s.sourceTopic : undefined);
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
        for (const store of node.stores) {
          if (!stores.has(store) && !globalStores.has(store)) {
            throw new TopologyError(
              `processor '${node.name}' uses state store '${store}', which is not in the topology; add it with builder.addStateStore()`,
            );
          }
        }
        defs.push({ kind: 'processor', name: node.name, supplier: node.supplier, stores: node.stores, parents: parentsOf(node), children: [] });
        break;
      case 'sink':
        defs.push({ ...node, kind: 'sink', parents: parentsOf(node) });
        break;
      case 'repartition': {
        const sinkName = node.sinkName ?? `${node.name}-sink`;
        const sourceName = node.sourceName ?? `${node.name}-source`;
        defs.push({
          kind: 'sink',
          name: sinkName,
          topic: node.topicName,
          keySerde: node.keySerde,
          valueSerde: node.valueSerde,
          wrapValueSerde: node.wrapValueSerde,
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
          wrapValueSerde: node.wrapValueSerde,
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
          generatedName: node.generatedName,
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
  for (const [name, store] of stores) {
    if (!store.builder.loggingEnabled || sourceChangelog(store) !== undefined) continue;
    const topic = `${name}-changelog`;
    internal.set(topic, {
      name: topic,
      kind: 'changelog',
      numberOfPartitions: undefined,
      config: { ...changelogTopicConfig(), ...store.builder.logConfig },
      generatedName: store.generatedName,
    });
  }
  const subtopologies = splitSubtopologies(defs, internal, (name) => stores.has(name));
  const storeDefs = new Map<string, StoreDefinition>();
  for (const sub of subtopologies) {
    for (const name of sub.stores) {
      const store = stores.get(name)!;
      const source = sourceChangelog(store);
      storeDefs.set(name, {
        name,
        // The source topic is the changelog: the store must not write to it.
        builder: source === undefined ? store.builder : store.builder.withLoggingDisabled(),
        changelogTopic: source ?? (store.builder.loggingEnabled ? `${name}-changelog` : undefined),
        changelogIsSource: source !== undefined,
        generatedName: store.generatedName,
        subtopologyId: sub.id,
      });
    }
  }
  const groups = copartitionGroups.map((names) => [...new Set(names.flatMap((n) => upstreamTopics(graph, n)))].sort());
  return new BuiltTopology(subtopologies, internal, storeDefs, globalStores, groups.filter((g) => g.length > 1));
}

/** The topics a node's records come from: the topics of the sources and repartition nodes above it. */
function upstreamTopics(graph: readonly GraphNode[], name: string): string[] {
  const byName = new Map(graph.map((n) => [n.name, n]));
  const out = new Set<string>();
  const seen = new Set<string>();
  const visit = (n: string) => {
    if (seen.has(n)) return;
    seen.add(n);
    const node = byName.get(n);
    if (!node) return;
    if (node.kind === 'source') node.topics.forEach((t) => out.add(t));
    else if (node.kind === 'repartition') out.add(node.topicName);
    else node.parents.forEach(visit);
  };
  visit(name);
  return [...out];
}

/**
 * Connected components over parent→child edges and shared stores (processors using one store must run in one
 * task), numbered in order of their first node.
 */
function splitSubtopologies(
  defs: NodeDefinition[],
  internal: Map<string, InternalTopicSpec>,
  isLocalStore: (name: string) => boolean,
): Subtopology[] {
  const index = new Map(defs.map((d, i) => [d.name, i]));
  const root = defs.map((_, i) => i);
  const find = (i: number): number => (root[i] === i ? i : (root[i] = find(root[i]!)));
  for (const d of defs) {
    if (d.kind === 'source') continue;
    for (const p of d.parents) root[find(index.get(p)!)] = find(index.get(d.name)!);
  }
  const storeUser = new Map<string, number>();
  defs.forEach((d, i) => {
    if (d.kind !== 'processor') return;
    for (const store of d.stores.filter(isLocalStore)) {
      const other = storeUser.get(store);
      if (other === undefined) storeUser.set(store, i);
      else root[find(other)] = find(i);
    }
  });
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
    const stores = [...new Set(nodes.flatMap((n) => (n.kind === 'processor' ? n.stores.filter(isLocalStore) : [])))];
    const changelogs = stores.map((s) => `${s}-changelog`).filter((t) => internal.has(t));
    return {
      id,
      nodes: [...sources, ...nodes.filter((n) => n.kind !== 'source')],
      sourceTopics,
      sourcePatterns: sources.flatMap((s) => (s.pattern ? [s.pattern] : [])),
      internalTopics: [...new Set([...sourceTopics, ...sinkTopics].filter((t) => internal.has(t))), ...changelogs],
      stores,
    };
  });
}

/** `StreamsBuilder.build()` options. */
export interface BuildOptions {
  /**
   * Kafka Streams' `topology.optimization`: `'none'` (default), `'all'`, or a list of optimizations. kstreams
   * implements `'reuse.ktable.source.topics'` (a source table restores from its own topic instead of a changelog);
   * the other names are accepted and have no effect.
   */
  readonly optimization?: 'none' | 'all' | readonly string[];
}

function reusesSourceTopics(optimization: BuildOptions['optimization']): boolean {
  if (optimization === undefined || optimization === 'none') return false;
  return optimization === 'all' || optimization.includes('reuse.ktable.source.topics');
}
