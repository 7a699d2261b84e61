// Reading kafkajs errors: it nests protocol errors inside retry and non-retriable wrappers (`cause`).

interface MaybeKafkaError {
  type?: unknown;
  cause?: unknown;
  originalError?: unknown;
  groups?: Array<{ error?: unknown } | undefined>;
}

/** The protocol error types found in `e` and the errors it wraps. */
export function errorTypes(e: unknown): string[] {
  const types: string[] = [];
  let cur: unknown = e;
  for (let depth = 0; cur && typeof cur === 'object' && depth < 8; depth++) {
    const err = cur as MaybeKafkaError;
    if (typeof err.type === 'string') types.push(err.type);
    // KafkaJSDeleteGroupsError carries the per-group errors in `groups[].error`.
    if (Array.isArray(err.groups)) for (const g of err.groups) types.push(...errorTypes(g?.error));
    cur = err.cause ?? err.originalError;
  }
  return types;
}

const FENCED = new Set(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED', 'INVALID_PRODUCER_ID_MAPPING']);

export function isFenced(e: unknown): boolean {
  return errorTypes(e).some((t) => FENCED.has(t));
}

export function isConcurrentTransactions(e: unknown): boolean {
  return errorTypes(e).includes('CONCURRENT_TRANSACTIONS');
}

/**
 * Retries `fn` while it fails with CONCURRENT_TRANSACTIONS, which the broker answers while the previous
 * transaction of this transactional id is still completing. kafkajs retries it for AddPartitionsToTxn and
 * InitProducerId but not for AddOffsetsToTxn/TxnOffsetCommit (kafkajs issue #430).
 */
export async function retryConcurrentTransactions<T>(fn: () => Promise<T>, attempts = 20, backoffMs = 20): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (!isConcurrentTransactions(e) || i >= attempts) throw e;
      await new Promise((r) => setTimeout(r, Math.min(backoffMs * i, 500)));
    }
  }
}

const REBALANCING = new Set(['REBALANCE_IN_PROGRESS', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID', 'NOT_COORDINATOR_FOR_GROUP', 'NOT_COORDINATOR']);

/** The group coordinator refused because the group is rebalancing or this member is no longer in it. */
export function isRebalancing(e: unknown): boolean {
  return errorTypes(e).some((t) => REBALANCING.has(t));
}
