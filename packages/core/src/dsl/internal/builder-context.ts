// What every DSL object of one StreamsBuilder shares: the graph being built and the name counter.
import { LogicalGraph } from '../../graph/logical-graph.js';
import { NameGenerator } from '../../graph/name-generator.js';

export class BuilderContext {
  readonly graph = new LogicalGraph();
  readonly names = new NameGenerator();
  /**
   * Windowed aggregations by processor name, with how long after a window's end it closes (grace; a session's
   * grace plus its gap): what `suppress(untilWindowCloses)` below them waits for.
   */
  readonly windowCloseDelays = new Map<string, number>();
}
