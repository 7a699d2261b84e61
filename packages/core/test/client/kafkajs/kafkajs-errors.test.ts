// Reading kafkajs errors: protocol error types found through the wrappers kafkajs puts around them (retries
// exceeded, non-retriable, delete-groups results), and the classifications the adapters act on.
import {
  KafkaJSDeleteGroupsError,
  KafkaJSError,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
} from 'kafkajs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  errorTypes,
  isConcurrentTransactions,
  isFenced,
  isRebalancing,
  retryConcurrentTransactions,
} from '../../../src/client/kafkajs/kafkajs-errors.js';

/** A protocol error as kafkajs builds it from an error code (`createErrorFromCode`). */
const protocol = (type: string, code = 0): KafkaJSProtocolError =>
  new KafkaJSProtocolError(Object.assign(new Error(`broker said ${type}`), { type, code, retriable: false }));
/** What kafkajs' retrier throws when it gives up: the last error as `cause`. */
const retriesExceeded = (e: Error) => new KafkaJSNumberOfRetriesExceeded(e, { retryCount: 5, retryTime: 100 });
/** A non-retriable wrapper with the protocol error as `cause`. */
const nonRetriable = (e: Error) => new (KafkaJSNonRetriableError as unknown as new (e: Error, o: { cause: Error }) => Error)(e, { cause: e });

afterEach(() => {
  vi.useRealTimers();
});

describe('errorTypes', () => {
  it('reads the type of a protocol error', () => {
    const e = protocol('INVALID_PRODUCER_EPOCH', 47);
    expect(e.type).toBe('INVALID_PRODUCER_EPOCH');
    expect(errorTypes(e)).toEqual(['INVALID_PRODUCER_EPOCH']);
  });

  it('follows `cause` through kafkajs wrappers, outermost first', () => {
    const inner = protocol('CONCURRENT_TRANSACTIONS', 51);
    expect(errorTypes(retriesExceeded(inner))).toEqual(['CONCURRENT_TRANSACTIONS']);
    expect(errorTypes(nonRetriable(retriesExceeded(inner)))).toEqual(['CONCURRENT_TRANSACTIONS']);
    // A wrapper that has a type of its own reports both.
    const outer = Object.assign(new KafkaJSError('outer'), { type: 'OUTER', cause: inner });
    expect(errorTypes(outer)).toEqual(['OUTER', 'CONCURRENT_TRANSACTIONS']);
  });

  it('follows `originalError` when there is no `cause`', () => {
    const e = Object.assign(new Error('wrapped'), { originalError: protocol('REBALANCE_IN_PROGRESS', 27) });
    expect(errorTypes(e)).toEqual(['REBALANCE_IN_PROGRESS']);
    // kafkajs sets `cause` to undefined on errors without one; that does not hide `originalError`.
    const k = Object.assign(new KafkaJSError('wrapped'), { originalError: protocol('ILLEGAL_GENERATION', 22) });
    expect(k.cause).toBeUndefined();
    expect(errorTypes(k)).toEqual(['ILLEGAL_GENERATION']);
  });

  it('collects the per-group errors of a KafkaJSDeleteGroupsError', () => {
    const e = new KafkaJSDeleteGroupsError('delete groups failed', [
      { groupId: 'g1', errorCode: 69, error: protocol('GROUP_ID_NOT_FOUND', 69) },
      { groupId: 'g2', errorCode: 68, error: retriesExceeded(protocol('NON_EMPTY_GROUP', 68)) },
    ]);
    expect(errorTypes(e)).toEqual(['GROUP_ID_NOT_FOUND', 'NON_EMPTY_GROUP']);
  });

  it('finds nothing in errors without a type, and in non-errors', () => {
    expect(errorTypes(new Error('plain'))).toEqual([]);
    expect(errorTypes(new KafkaJSError('connection lost'))).toEqual([]);
    expect(errorTypes(undefined)).toEqual([]);
    expect(errorTypes(null)).toEqual([]);
    expect(errorTypes('INVALID_PRODUCER_EPOCH')).toEqual([]);
    expect(errorTypes({ type: 47 })).toEqual([]);
  });

  it('stops on a cycle of causes', () => {
    const a = Object.assign(new Error('a'), { type: 'A', cause: undefined as unknown });
    const b = Object.assign(new Error('b'), { type: 'B', cause: a });
    a.cause = b;
    const types = errorTypes(a);
    expect(types.length).toBeGreaterThan(0);
    expect(types.length).toBeLessThanOrEqual(8);
    expect(new Set(types)).toEqual(new Set(['A', 'B']));
  });
});

describe('isFenced', () => {
  it.each(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED', 'INVALID_PRODUCER_ID_MAPPING'])('%s means fenced, also nested', (type) => {
    expect(isFenced(protocol(type))).toBe(true);
    expect(isFenced(retriesExceeded(protocol(type)))).toBe(true);
    expect(isFenced(nonRetriable(retriesExceeded(protocol(type))))).toBe(true);
    expect(isFenced(Object.assign(new Error('x'), { originalError: protocol(type) }))).toBe(true);
  });

  it('other errors are not fencing', () => {
    for (const type of ['CONCURRENT_TRANSACTIONS', 'REBALANCE_IN_PROGRESS', 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED', 'UNKNOWN']) {
      expect(isFenced(protocol(type))).toBe(false);
      expect(isFenced(retriesExceeded(protocol(type)))).toBe(false);
    }
    expect(isFenced(new Error('INVALID_PRODUCER_EPOCH'))).toBe(false);
    expect(isFenced(undefined)).toBe(false);
  });
});

describe('isRebalancing', () => {
  it.each(['REBALANCE_IN_PROGRESS', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID', 'NOT_COORDINATOR_FOR_GROUP', 'NOT_COORDINATOR'])(
    '%s means the group is rebalancing, also nested',
    (type) => {
      expect(isRebalancing(protocol(type))).toBe(true);
      expect(isRebalancing(retriesExceeded(protocol(type)))).toBe(true);
      expect(isRebalancing(Object.assign(new Error('x'), { originalError: protocol(type) }))).toBe(true);
    },
  );

  it('other errors are not', () => {
    for (const type of ['INVALID_PRODUCER_EPOCH', 'OFFSET_OUT_OF_RANGE', 'GROUP_AUTHORIZATION_FAILED', 'COORDINATOR_NOT_AVAILABLE']) {
      expect(isRebalancing(protocol(type))).toBe(false);
    }
    expect(isRebalancing(new Error('REBALANCE_IN_PROGRESS'))).toBe(false);
  });
});

describe('isConcurrentTransactions', () => {
  it('is CONCURRENT_TRANSACTIONS, also nested, and nothing else', () => {
    expect(isConcurrentTransactions(protocol('CONCURRENT_TRANSACTIONS', 51))).toBe(true);
    expect(isConcurrentTransactions(retriesExceeded(protocol('CONCURRENT_TRANSACTIONS', 51)))).toBe(true);
    expect(isConcurrentTransactions(protocol('INVALID_PRODUCER_EPOCH', 47))).toBe(false);
    expect(isConcurrentTransactions(new Error('CONCURRENT_TRANSACTIONS'))).toBe(false);
  });
});

describe('retryConcurrentTransactions', () => {
  it('returns the first result without retrying', async () => {
    const fn = vi.fn(async () => 'done');
    await expect(retryConcurrentTransactions(fn, 5, 1)).resolves.toBe('done');
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('retries while the broker answers CONCURRENT_TRANSACTIONS, then returns the result', async () => {
    let calls = 0;
    const fn = vi.fn(async () => {
      if (++calls <= 2) throw retriesExceeded(protocol('CONCURRENT_TRANSACTIONS', 51));
      return calls;
    });
    await expect(retryConcurrentTransactions(fn, 5, 1)).resolves.toBe(3);
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('gives up after `attempts` tries with the last error', async () => {
    const errors: Error[] = [];
    const fn = vi.fn(async () => {
      const e = protocol('CONCURRENT_TRANSACTIONS', 51);
      errors.push(e);
      throw e;
    });
    const outcome = await retryConcurrentTransactions(fn, 3, 1).catch((e: unknown) => e);
    expect(fn).toHaveBeenCalledTimes(3);
    expect(outcome).toBe(errors[2]);
  });

  it('throws any other error at once', async () => {
    const fenced = protocol('INVALID_PRODUCER_EPOCH', 47);
    const fn = vi.fn(async () => {
      throw fenced;
    });
    await expect(retryConcurrentTransactions(fn, 5, 1)).rejects.toBe(fenced);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('stops retrying when a retry fails with another error', async () => {
    let calls = 0;
    const other = new Error('connection lost');
    const fn = vi.fn(async () => {
      if (++calls === 1) throw protocol('CONCURRENT_TRANSACTIONS', 51);
      throw other;
    });
    await expect(retryConcurrentTransactions(fn, 5, 1)).rejects.toBe(other);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('backs off linearly (backoffMs × attempt), at most 500 ms between tries', async () => {
    vi.useFakeTimers();
    const fn = vi.fn(async () => {
      throw protocol('CONCURRENT_TRANSACTIONS', 51);
    });
    const done = retryConcurrentTransactions(fn, 8, 100).catch((e: unknown) => e);
    const waits = [100, 200, 300, 400, 500, 500, 500];
    await vi.advanceTimersByTimeAsync(0);
    expect(fn).toHaveBeenCalledTimes(1);
    for (const [i, wait] of waits.entries()) {
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(fn).toHaveBeenCalledTimes(i + 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(fn).toHaveBeenCalledTimes(i + 2);
    }
    expect(isConcurrentTransactions(await done)).toBe(true);
    expect(fn).toHaveBeenCalledTimes(8);
  });
});
