// The thread's view of the instance's topics, derived from the ThreadSetup message (plain data) and the topology:
// how tasks are laid out over partitions, partition counts, and where each source starts without an offset.
import type { BuiltTopology } from '../../topology/built-topology.js';
import { layoutTasks, type TaskLayout } from './task-layout.js';
import type { ThreadSetup } from './thread-messages.js';

export interface ThreadTopics {
  readonly layout: (partitionCount: (topic: string) => number) => TaskLayout[];
  readonly partitionCount: (topic: string) => number | undefined;
  readonly offsetResetOf: (topic: string) => 'earliest' | 'latest';
}

export function threadTopics(topology: BuiltTopology, setup: ThreadSetup, defaultReset: 'earliest' | 'latest'): ThreadTopics {
  return {
    layout: (count) => layoutTasks(topology, (id) => setup.sourcesOf[id] ?? [], count),
    partitionCount: (topic) => setup.partitionCounts[topic],
    offsetResetOf: (topic) => setup.offsetResets[topic] ?? defaultReset,
  };
}
