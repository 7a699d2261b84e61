// Spreads tasks over the members of the group: balanced (counts differ by at most one) and sticky (a task stays
// with the member that had it when balance allows). Pure; the kafkajs adapter runs it on the group leader.

export interface AssignorMember {
  readonly memberId: string;
  /** Tasks the member ran before this rebalance (sent in its subscription's userData). */
  readonly previousTasks: readonly string[];
}

/** Task ids per member id. Every task goes to exactly one member; with no members, nothing is assigned. */
export function assignTasks(taskIds: readonly string[], members: readonly AssignorMember[]): Map<string, string[]> {
  const result = new Map<string, string[]>(members.map((m) => [m.memberId, []]));
  if (members.length === 0) return result;
  const tasks = [...new Set(taskIds)].sort(compareTaskIds);

  // Quotas: floor(T/M) each, and one more for T mod M members, preferring those that had the most tasks.
  const base = Math.floor(tasks.length / members.length);
  const extra = tasks.length % members.length;
  const byHistory = [...members].sort(
    (a, b) => b.previousTasks.length - a.previousTasks.length || a.memberId.localeCompare(b.memberId),
  );
  const quota = new Map(byHistory.map((m, i) => [m.memberId, base + (i < extra ? 1 : 0)]));

  const previousOwner = new Map<string, string>();
  for (const m of [...members].sort((a, b) => a.memberId.localeCompare(b.memberId))) {
    for (const t of m.previousTasks) if (!previousOwner.has(t)) previousOwner.set(t, m.memberId);
  }

  const unassigned: string[] = [];
  for (const t of tasks) {
    const owner = previousOwner.get(t);
    const list = owner === undefined ? undefined : result.get(owner);
    if (list && list.length < quota.get(owner!)!) list.push(t);
    else unassigned.push(t);
  }
  for (const t of unassigned) {
    let best: string | undefined;
    for (const m of byHistory) {
      const spare = quota.get(m.memberId)! - result.get(m.memberId)!.length;
      if (spare > 0 && (best === undefined || spare > quota.get(best)! - result.get(best)!.length)) best = m.memberId;
    }
    result.get(best!)!.push(t);
  }
  for (const list of result.values()) list.sort(compareTaskIds);
  return result;
}

/** Orders `s_p` ids by sub-topology, then partition, numerically. */
export function compareTaskIds(a: string, b: string): number {
  const [as, ap] = a.split('_').map(Number);
  const [bs, bp] = b.split('_').map(Number);
  return as! - bs! || ap! - bp!;
}
