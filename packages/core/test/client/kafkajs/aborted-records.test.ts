// hideAbortedRecords: Java's read_committed decision on a decoded Fetch response (docs/kafkajs-findings.md §9).
import { describe, expect, it } from 'vitest';
import { hideAbortedRecords, type FetchedMessage, type FetchedPartitionData } from '../../../src/client/kafkajs/aborted-records.js';

const COMMIT = new Uint8Array([0, 0, 0, 1]);
const ABORT = new Uint8Array([0, 0, 0, 0]);

/** `p1:v` is a transactional record of producer 1, `p1:ABORT`/`p1:COMMIT` its markers, `v` a plain record. */
function partition(entries: readonly string[], aborted: readonly [producer: number, firstOffset: number][]): FetchedPartitionData {
  const messages: FetchedMessage[] = entries.map((e, offset) => {
    const [producer, what] = e.includes(':') ? e.split(':') : [undefined, e];
    const marker = what === 'ABORT' ? ABORT : what === 'COMMIT' ? COMMIT : undefined;
    return {
      offset: String(offset),
      key: marker ?? new TextEncoder().encode(what),
      isControlRecord: marker !== undefined,
      batchContext: { producerId: producer ? producer.slice(1) : '-1', inTransaction: producer !== undefined },
    };
  });
  return { messages, abortedTransactions: aborted.map(([p, first]) => ({ producerId: String(p), firstOffset: String(first) })) };
}

const delivered = (p: FetchedPartitionData): number[] => p.messages.flatMap((m) => (m.isControlRecord ? [] : [Number(m.offset)]));

describe('hideAbortedRecords', () => {
  it('hides the records of transactions aborted out of order, whatever order the broker lists them in', () => {
    const p = partition(['p0:x0', 'p1:y0', 'p0:x1', 'p1:ABORT', 'p0:ABORT', 'p0:c0', 'p0:COMMIT', 'p1:d0', 'p1:COMMIT'], [[1, 1], [0, 0]]);
    expect(hideAbortedRecords(p)).toBe(3);
    expect(delivered(p)).toEqual([5, 7]);
    expect(p.abortedTransactions).toEqual([]);
  });

  it('hides records of aborted transactions that began before the first fetched record', () => {
    // The fetch starts at offset 2 of: p0:x0 (0), p1:y0 (1), then what is below.
    const p = partition(['skip', 'skip', 'p1:y1', 'p0:x1', 'p0:ABORT', 'p1:ABORT', 'p1:c0', 'p1:COMMIT'], [[0, 0], [1, 1]]);
    p.messages.splice(0, 2);
    expect(hideAbortedRecords(p)).toBe(2);
    expect(delivered(p)).toEqual([6]);
  });

  it('keeps a producer’s next, committed transaction and every non-transactional record', () => {
    const p = partition(['plain', 'p3:a', 'p3:ABORT', 'plain2', 'p3:b', 'p3:COMMIT', 'p4:c', 'p4:COMMIT'], [[3, 1]]);
    expect(hideAbortedRecords(p)).toBe(1);
    expect(delivered(p)).toEqual([0, 3, 4, 6]);
  });

  it('hides an aborted transaction whose marker lies beyond this fetch', () => {
    const p = partition(['p5:a', 'p6:b', 'p5:c'], [[5, 0]]);
    expect(hideAbortedRecords(p)).toBe(2);
    expect(delivered(p)).toEqual([1]);
  });

  it('leaves a response without aborted transactions untouched', () => {
    const p = partition(['p7:a', 'p7:COMMIT', 'b'], []);
    expect(hideAbortedRecords(p)).toBe(0);
    expect(delivered(p)).toEqual([0, 2]);
  });
});
