// Kafka Streams' createRepartitionedSource: before a key-based operation on a re-keyed stream, records go through
// a filter (drops null keys, which have no partition) to the internal topic `<prefix>-repartition`, and are read
// back partitioned by key in a new sub-topology. Names as Kafka Streams gives them: three numbers are always taken
// (sink, filter, source, in that order); a generated prefix (`KSTREAM…-0000000012`) names the nodes with them
// (`KSTREAM-SINK-…`, `KSTREAM-FILTER-…`, `KSTREAM-SOURCE-…`), any other prefix after the topic
// (`<topic>-sink`, `<topic>-filter`, `<topic>-source`).
import { GraphNodes } from '../../graph/graph-node.js';
import { filterOperator } from '../../processor/operators/filter.js';
import type { Partitioner } from '../../graph/graph-options.js';
import type { Serde } from '../../serde/serde.js';
import type { BuilderContext } from './builder-context.js';

export interface RepartitionByKey<K, V> {
  /** The node whose records are repartitioned. */
  readonly parent: string;
  /** Names the topic and its nodes. */
  readonly prefix: string;
  /** Whether `prefix` was generated (rather than a name the user gave). */
  readonly generatedName: boolean;
  readonly keySerde: Serde<K> | undefined;
  readonly valueSerde: Serde<V> | undefined;
  /** `repartition()`'s options (default: the upstream sources' largest partition count, the key's murmur2). */
  readonly numberOfPartitions?: number;
  readonly partitioner?: Partitioner<K, V>;
}

/** Adds the filter and the repartition node; returns the name downstream operators attach to. */
export function repartitionByKey<K, V>(ctx: BuilderContext, r: RepartitionByKey<K, V>): string {
  const name = `${r.prefix}-repartition`;
  const generated = { sink: ctx.names.next('KSTREAM-SINK'), filter: ctx.names.next('KSTREAM-FILTER'), source: ctx.names.next('KSTREAM-SOURCE') };
  const byNumber = GENERATED_PREFIX.test(r.prefix);
  const filter = byNumber ? generated.filter : `${name}-filter`;
  ctx.graph.add(
    GraphNodes.processor({
      name: filter,
      parents: [r.parent],
      supplier: filterOperator<K, V>((key) => key !== null && key !== undefined, false),
      stores: [],
    }),
  );
  ctx.graph.add(
    GraphNodes.repartition({
      name,
      parents: [filter],
      topicName: name,
      keySerde: r.keySerde,
      valueSerde: r.valueSerde,
      numberOfPartitions: r.numberOfPartitions,
      partitioner: r.partitioner,
      generatedName: r.generatedName,
      sinkName: byNumber ? generated.sink : `${name}-sink`,
      sourceName: byNumber ? generated.source : `${name}-source`,
    }),
  );
  return name;
}

/** Kafka Streams' test for a generated repartition prefix: `KSTREAM.*-[0-9]{10}`, the whole name. */
const GENERATED_PREFIX = /^KSTREAM.*-[0-9]{10}$/;
