// The graph the DSL appends to. Nodes are immutable; the list only grows.
import { TopologyError } from '../errors.js';
import type { StateStore } from '../state/state-store.js';
import type { StoreBuilder } from '../state/store-builder.js';
import type { AnySerde, AnySupplier, GraphNode } from './graph-node.js';
import type { TimestampExtractor } from './graph-options.js';

/** A state store the topology declares: how to build it per task, and whether its name was generated. */
export interface GraphStore {
  readonly builder: StoreBuilder<StateStore>;
  /** True when the DSL generated the name (a warning at start: renaming would orphan the state). */
  readonly generatedName: boolean;
  /**
   * A source table's store whose bytes equal its topic's records: with the `reuse.ktable.source.topics`
   * optimization the topic serves as its changelog.
   */
  readonly sourceTopic?: string;
}

/**
 * A global store (Kafka Streams' `addGlobalStore`, and what `globalTable` builds on): every instance reads all
 * partitions of `topic` into its own copy of the store, through `supplier`'s processor, before and while tasks run.
 */
export interface GlobalStoreSpec {
  readonly builder: StoreBuilder<StateStore>;
  readonly topic: string;
  readonly sourceName: string;
  readonly processorName: string;
  readonly keySerde: AnySerde | undefined;
  readonly valueSerde: AnySerde | undefined;
  readonly timestampExtractor: TimestampExtractor | undefined;
  /** Updates the store from each record (it gets the store with `context.getStateStore(builder.name)`). */
  readonly supplier: AnySupplier;
  /** Values may be null (tombstones): a default value serde is wrapped in `nullable`. */
  readonly nullableValues?: boolean;
}

export class LogicalGraph {
  private readonly list: GraphNode[] = [];
  private readonly byName = new Map<string, GraphNode>();
  private readonly storeList = new Map<string, GraphStore>();
  private readonly globalList = new Map<string, GlobalStoreSpec>();
  private readonly copartitioned: string[][] = [];

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

  addStore(builder: StoreBuilder<StateStore>, generatedName = false, sourceTopic?: string): void {
    if (this.storeList.has(builder.name) || this.globalList.has(builder.name)) {
      throw new TopologyError(`a state store named '${builder.name}' already exists in this topology; names must be unique`);
    }
    this.storeList.set(builder.name, { builder, generatedName, sourceTopic });
  }

  addGlobalStore(spec: GlobalStoreSpec): void {
    const name = spec.builder.name;
    if (this.storeList.has(name) || this.globalList.has(name)) {
      throw new TopologyError(`a state store named '${name}' already exists in this topology; names must be unique`);
    }
    if (spec.builder.loggingEnabled) {
      throw new TopologyError(`global store '${name}' must have logging disabled: its topic '${spec.topic}' is its changelog`);
    }
    this.globalList.set(name, spec);
  }

  /**
   * Declares that the inputs of these nodes must be co-partitioned (a join): the source topics above them must
   * have equal partition counts, checked at start; repartition topics among them are sized to match.
   */
  addCopartitionGroup(nodeNames: readonly string[]): void {
    for (const n of nodeNames) if (!this.byName.has(n)) throw new TopologyError(`co-partition group names an unknown node '${n}'`);
    this.copartitioned.push([...nodeNames]);
  }

  get copartitionGroups(): readonly (readonly string[])[] {
    return this.copartitioned;
  }

  get globalStores(): ReadonlyMap<string, GlobalStoreSpec> {
    return this.globalList;
  }

  get stores(): ReadonlyMap<string, GraphStore> {
    return this.storeList;
  }

  get nodes(): readonly GraphNode[] {
    return this.list;
  }

  get(name: string): GraphNode | undefined {
    return this.byName.get(name);
  }
}
