// The graph the DSL appends to. Nodes are immutable; the list only grows.
import { TopologyError } from '../errors.js';
import type { GraphNode } from './graph-node.js';

export class LogicalGraph {
  private readonly list: GraphNode[] = [];
  private readonly byName = new Map<string, GraphNode>();

  add<N extends GraphNode>(node: N): N {
    if (this.byName.has(node.name)) {
      throw new TopologyError(`a processor named '${node.name}' already exists in this topology; names must be unique`);
    }
    for (const p of node.parents) {
      if (!this.byName.has(p)) throw new TopologyError(`'${node.name}' names an unknown parent '${p}'`);
    }
    this.list.push(node);
    this.byName.set(node.name, node);
    return node;
  }

  get nodes(): readonly GraphNode[] {
    return this.list;
  }

  get(name: string): GraphNode | undefined {
    return this.byName.get(name);
  }
}
