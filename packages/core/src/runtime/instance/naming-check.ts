// DESIGN §5: a stateful operator whose store or internal topic name was generated would get another name if an
// operator were inserted before it, orphaning its state. Warn at start, or fail under
// `ensureExplicitInternalResourceNaming` (Kafka Streams: `ensure.explicit.internal.resource.naming`).
import type { Logger } from 'pino';
import { TopologyError } from '../../errors.js';
import type { BuiltTopology } from '../../topology/built-topology.js';

export function checkInternalNaming(topology: BuiltTopology, enforce: boolean, logger: Logger): void {
  const names = topology.generatedNames();
  // A store's changelog is named after the store: listing the store says it.
  const generated = [...names.stores, ...names.internalTopics.filter((t) => t.endsWith('-repartition'))];
  if (generated.length === 0) return;
  const text =
    `generated names for state stores or internal topics: ${generated.join(', ')}. Adding or removing an operator ` +
    `upstream renames them and orphans their state, changelogs and repartition topics. Name them with ` +
    `{ materialized: Materialized.as('name') }, Grouped/Repartitioned names or { name }`;
  if (enforce) throw new TopologyError(`${text} (ensureExplicitInternalResourceNaming is on)`);
  logger.warn({ generated }, text);
}
