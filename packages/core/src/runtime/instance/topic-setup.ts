// Before the thread starts: resolve the source topics (patterns expanded), check they exist, create the internal
// topics with the right partition counts, and learn every partition count the tasks and sinks need.
import type { AdminPort } from '../../client/kafka-client.js';
import { TopologyError } from '../../errors.js';
import type { BuiltTopology } from '../../topology/built-topology.js';

export interface ResolvedTopics {
  /** Resolved source topics per sub-topology id. */
  readonly sourcesOf: ReadonlyMap<number, readonly string[]>;
  readonly allSources: readonly string[];
  readonly partitionCounts: Map<string, number>;
  readonly created: readonly string[];
}

export async function setUpTopics(topology: BuiltTopology, applicationId: string, admin: AdminPort): Promise<ResolvedTopics> {
  const resolve = (t: string) => topology.resolveTopic(t, applicationId);
  const hasPatterns = topology.subtopologies.some((s) => s.sourcePatterns.length > 0);
  const existing = hasPatterns ? await admin.listTopics() : [];
  const sourcesOf = new Map<number, string[]>();
  for (const s of topology.subtopologies) {
    const matched = existing.filter((t) => !t.startsWith('__') && !t.startsWith(`${applicationId}-`) && s.sourcePatterns.some((p) => p.test(t)));
    sourcesOf.set(s.id, [...new Set([...s.sourceTopics.map(resolve), ...matched])]);
  }
  const external = [...new Set(topology.externalSourceTopics())];
  const sinkTopics = topology.subtopologies.flatMap((s) =>
    s.nodes.flatMap((n) => (n.kind === 'sink' && typeof n.topic === 'string' && !topology.internalTopics.has(n.topic) ? [n.topic] : [])),
  );
  const counts = await admin.partitionCounts([...new Set([...external, ...sinkTopics, ...[...sourcesOf.values()].flat()])]);
  const missing = external.filter((t) => !counts.has(t));
  if (missing.length > 0) {
    throw new TopologyError(
      `source topic${missing.length > 1 ? 's' : ''} ${missing.join(', ')} do${missing.length > 1 ? '' : 'es'} not exist; create ${missing.length > 1 ? 'them' : 'it'} before starting the application`,
    );
  }

  // Repartition topics: the given count, else the largest partition count among the sources of the
  // sub-topology that writes to them. Sub-topologies are numbered upstream first.
  const specs = [];
  for (const s of topology.subtopologies) {
    for (const n of s.nodes) {
      if (n.kind !== 'sink' || typeof n.topic !== 'string') continue;
      const spec = topology.internalTopics.get(n.topic);
      if (!spec) continue;
      const upstream = Math.max(0, ...(sourcesOf.get(s.id) ?? []).map((t) => counts.get(t) ?? 0));
      const partitions = spec.numberOfPartitions ?? copartitionedCount(topology, n.topic, counts, resolve) ?? upstream;
      if (partitions < 1) throw new TopologyError(`cannot size internal topic ${resolve(n.topic)}: its upstream has no partitions`);
      counts.set(resolve(n.topic), partitions);
      specs.push({ name: resolve(n.topic), numPartitions: partitions, config: spec.config });
    }
  }
  checkCopartitioning(topology, counts, resolve);

  // Changelog topics: one partition per task of the sub-topology whose stores they back.
  for (const s of topology.subtopologies) {
    const partitions = Math.max(0, ...(sourcesOf.get(s.id) ?? []).map((t) => counts.get(t) ?? 0));
    for (const store of s.stores) {
      const def = topology.stores.get(store);
      const changelog = def?.changelogTopic;
      if (!changelog || def.changelogIsSource) continue;
      const spec = topology.internalTopics.get(changelog)!;
      if (partitions < 1) throw new TopologyError(`cannot size changelog topic ${resolve(changelog)}: its sub-topology has no source partitions`);
      counts.set(resolve(changelog), partitions);
      specs.push({ name: resolve(changelog), numPartitions: partitions, config: spec.config });
    }
  }
  const created = await admin.createTopics(specs);
  const preexisting = specs.filter((spec) => !created.includes(spec.name));
  if (preexisting.length > 0) {
    const actual = await admin.partitionCounts(preexisting.map((spec) => spec.name));
    for (const spec of preexisting) {
      const n = actual.get(spec.name);
      if (n !== undefined && n !== spec.numPartitions) {
        throw new TopologyError(
          `internal topic ${spec.name} has ${n} partitions but the topology needs ${spec.numPartitions}; ` +
            `the input partition counts changed since it was created. Reset the application (delete its internal topics) to continue`,
        );
      }
    }
  }
  const allSources = [...new Set([...sourcesOf.values()].flat())];
  return { sourcesOf, allSources, partitionCounts: counts, created };
}

/** A repartition topic that feeds a join takes the partition count of the join's other (external) inputs. */
function copartitionedCount(
  topology: BuiltTopology,
  topic: string,
  counts: ReadonlyMap<string, number>,
  resolve: (t: string) => string,
): number | undefined {
  for (const group of topology.copartitionGroups) {
    if (!group.includes(topic)) continue;
    const known = group.filter((t) => t !== topic).map((t) => counts.get(resolve(t))).filter((n): n is number => n !== undefined);
    if (known.length > 0) return Math.max(...known);
  }
  return undefined;
}

/** Joined inputs must have equal partition counts (records of one key must meet in one task). */
function checkCopartitioning(topology: BuiltTopology, counts: ReadonlyMap<string, number>, resolve: (t: string) => string): void {
  for (const group of topology.copartitionGroups) {
    const sized = group.map((t) => ({ topic: resolve(t), count: counts.get(resolve(t)) }));
    if (new Set(sized.map((s) => s.count)).size > 1) {
      throw new TopologyError(
        `topics joined together must have the same number of partitions (co-partitioning): ${sized
          .map((s) => `${s.topic} has ${s.count ?? 'unknown'}`)
          .join(', ')}. Repartition one side (e.g. KStream.repartition({ numberOfPartitions })) or recreate the topics`,
      );
    }
  }
}
