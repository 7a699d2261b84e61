// The entry point of the DSL: declare sources, chain operators, then `build()` an immutable Topology.
import { TopologyError } from '../errors.js';
import { GraphNodes } from '../graph/graph-node.js';
import { buildTopology } from '../topology/build-topology.js';
import type { Topology } from '../topology/topology.js';
import { BuilderContext } from './internal/builder-context.js';
import { KStreamImpl } from './internal/kstream-impl.js';
import type { KStream } from './kstream.js';
import type { ConsumedOptions } from './options.js';

export class StreamsBuilder {
  private readonly ctx = new BuilderContext();
  private readonly subscribed = new Set<string>();
  private readonly patterns: RegExp[] = [];

  /**
   * A stream of the records of one topic, several topics, or every topic matching a pattern. Without serdes the
   * config's default serdes are used, and the types are what you declare: `builder.stream<string, Order>('t')`.
   */
  stream<K = unknown, V = unknown>(
    topics: string | readonly string[] | RegExp,
    options?: ConsumedOptions<K, V>,
  ): KStream<K, V> {
    const list = topics instanceof RegExp ? [] : typeof topics === 'string' ? [topics] : [...topics];
    if (!(topics instanceof RegExp) && list.length === 0) throw new TopologyError('stream(): no topic given');
    for (const t of list) {
      if (this.subscribed.has(t)) {
        throw new TopologyError(`topic '${t}' is already read by another source; a topic can be read by one source only`);
      }
      this.subscribed.add(t);
    }
    if (topics instanceof RegExp) this.patterns.push(topics);
    const name = this.ctx.names.orGenerate(options?.name, 'KSTREAM-SOURCE');
    this.ctx.graph.add(
      GraphNodes.source({
        name,
        parents: [],
        topics: list,
        pattern: topics instanceof RegExp ? topics : undefined,
        keySerde: options?.keySerde,
        valueSerde: options?.valueSerde,
        timestampExtractor: options?.timestampExtractor,
        offsetReset: options?.offsetReset,
      }),
    );
    return new KStreamImpl<K, V>(this.ctx, {
      nodeName: name,
      keySerde: options?.keySerde,
      valueSerde: options?.valueSerde,
      repartitionRequired: false,
    });
  }

  /** The immutable topology of everything declared so far. */
  build(): Topology {
    return buildTopology(this.ctx.graph.nodes);
  }
}
