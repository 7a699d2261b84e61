// Our group assignor: the leader lays out the tasks from the topology and the partition counts, spreads them
// with `assignTasks` (balanced, sticky on the tasks each member reports in its userData), and gives each
// member the partitions of its tasks, so co-partitioned topics always land on the same member.
import type { GroupAssignor } from '../../client/kafka-client.js';
import { assignTasks } from './task-assignor.js';
import type { TaskLayout } from './task-layout.js';
import type { TopicPartition } from '../../record/topic-partition.js';

interface AssignorUserData {
  readonly v: 1;
  readonly tasks: readonly string[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class StreamsAssignor implements GroupAssignor {
  readonly name = 'kstreams-v1';

  constructor(
    private readonly layout: (partitionCount: (topic: string) => number) => TaskLayout[],
    private readonly currentTasks: () => readonly string[],
  ) {}

  subscriptionUserData(): Uint8Array {
    const data: AssignorUserData = { v: 1, tasks: this.currentTasks() };
    return encoder.encode(JSON.stringify(data));
  }

  assign(
    members: ReadonlyArray<{ memberId: string; userData: Uint8Array }>,
    partitionCount: (topic: string) => number | undefined,
  ): Map<string, TopicPartition[]> {
    const tasks = this.layout((t) => partitionCount(t) ?? 0);
    const byId = new Map(tasks.map((t) => [t.taskId, t]));
    const perMember = assignTasks(
      tasks.map((t) => t.taskId),
      members.map((m) => ({ memberId: m.memberId, previousTasks: previousTasks(m.userData).filter((id) => byId.has(id)) })),
    );
    const out = new Map<string, TopicPartition[]>();
    for (const [memberId, ids] of perMember) out.set(memberId, ids.flatMap((id) => byId.get(id)!.partitions));
    return out;
  }
}

function previousTasks(userData: Uint8Array): string[] {
  if (userData.length === 0) return [];
  try {
    const parsed = JSON.parse(decoder.decode(userData)) as Partial<AssignorUserData>;
    return Array.isArray(parsed.tasks) ? parsed.tasks.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}
