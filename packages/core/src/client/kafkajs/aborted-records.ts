// read_committed filtering that kafkajs 2.2.4 gets wrong (docs/kafkajs-findings.md §9), done right in the adapter.
//
// kafkajs' `consumer/filterAbortedMessages.js` walks the fetch response's aborted-transactions list in the order
// the broker sends it (the order the transactions were aborted) and activates one entry per record. When several
// producers abort out of order, or several aborted transactions began before the fetch offset, records of aborted
// transactions are delivered (and records of committed ones can be dropped).
//
// The fix sits between kafkajs' broker and its consumer: every read_committed Fetch response goes through
// `hideAbortedRecords` before kafkajs builds its batches. It decides each record as Java's consumer does
// (`CompletedFetch`: aborted transactions by first offset; a producer's transactional records are aborted from that
// offset until its ABORT marker) and flags the aborted ones as control records, which kafkajs never delivers but
// still counts when it moves the position past them. The aborted-transactions list is then emptied, so kafkajs'
// own filter has nothing to do. It also keeps each response's last stable offset with its records (kafkajs drops
// it), for the fetched lag a task needs (`lastStableOffsetOf`). The wrapper is installed once per kafkajs module
// (see `installAbortedRecordsFix`), acts on read_committed fetches only, and leaves every other request alone.
import { createRequire } from 'node:module';

/** A record of a decoded Fetch response, as kafkajs decodes it (only the fields used here). */
export interface FetchedMessage {
  readonly offset: string;
  readonly key: Uint8Array | null;
  isControlRecord?: boolean;
  readonly batchContext: { readonly producerId: string; readonly inTransaction: boolean };
}

export interface AbortedTransaction {
  readonly producerId: string;
  readonly firstOffset: string;
}

/** One partition of a decoded Fetch response. */
export interface FetchedPartitionData {
  abortedTransactions?: AbortedTransaction[];
  readonly lastStableOffset?: string;
  readonly messages: FetchedMessage[];
}

/**
 * The last stable offset of the fetch a kafkajs batch came from (read_committed fetches only). kafkajs keeps only
 * the high watermark on its Batch, but keeps the response's records array as `rawMessages`; the fetch wrapper
 * puts the last stable offset on that array under this key.
 */
const LAST_STABLE_OFFSET = Symbol('kstreams.lastStableOffset');

/** The last stable offset of a kafkajs batch's fetch, if it was a read_committed fetch that reported one. */
export function lastStableOffsetOf(batch: { readonly rawMessages?: unknown }): number | undefined {
  const raw = batch.rawMessages as { [LAST_STABLE_OFFSET]?: number } | undefined;
  return raw?.[LAST_STABLE_OFFSET];
}

function rememberLastStableOffset(partition: FetchedPartitionData): void {
  const lso = Number(partition.lastStableOffset ?? -1);
  if (lso >= 0 && Array.isArray(partition.messages)) Object.defineProperty(partition.messages, LAST_STABLE_OFFSET, { value: lso });
}

/** A control record's key: version (int16), then type (int16): 0 = ABORT, 1 = COMMIT. */
const isAbortMarker = (m: FetchedMessage): boolean => m.key !== null && m.key.length >= 4 && m.key[2] === 0 && m.key[3] === 0;

/**
 * Flags the records of aborted transactions in `partition` as control records and empties its aborted list.
 * Returns how many records it hid.
 */
export function hideAbortedRecords(partition: FetchedPartitionData): number {
  const aborted = partition.abortedTransactions;
  if (!aborted || aborted.length === 0) return 0;
  const byFirstOffset = aborted
    .map((t) => ({ producerId: t.producerId, firstOffset: Number(t.firstOffset) }))
    .sort((a, b) => a.firstOffset - b.firstOffset);
  const abortedProducers = new Set<string>();
  let next = 0;
  let hidden = 0;
  for (const message of partition.messages) {
    const { producerId, inTransaction } = message.batchContext;
    if (!inTransaction) continue;
    const offset = Number(message.offset);
    while (next < byFirstOffset.length && byFirstOffset[next]!.firstOffset <= offset) abortedProducers.add(byFirstOffset[next++]!.producerId);
    if (message.isControlRecord) {
      if (isAbortMarker(message)) abortedProducers.delete(producerId);
    } else if (abortedProducers.has(producerId)) {
      message.isControlRecord = true;
      hidden++;
    }
  }
  partition.abortedTransactions = [];
  return hidden;
}

/** kafkajs' `IsolationLevel.READ_COMMITTED`. */
const READ_COMMITTED = 1;
const INSTALLED = Symbol.for('kstreams.kafkajs.abortedRecordsFix');

interface DecodedFetchResponse {
  responses?: { partitions?: FetchedPartitionData[] }[];
}
interface BrokerPrototype {
  fetch(this: unknown, request: { isolationLevel?: number }): Promise<DecodedFetchResponse>;
  [INSTALLED]?: true;
}

/**
 * Wraps kafkajs' `Broker.prototype.fetch` so that read_committed responses are filtered by `hideAbortedRecords`.
 * Idempotent; the KafkajsClient calls it before it creates a consumer. Throws when kafkajs has no such method
 * (a kafkajs whose internals changed must not silently read aborted records).
 */
export function installAbortedRecordsFix(): void {
  const require = createRequire(import.meta.url);
  const Broker = require('kafkajs/src/broker/index.js') as { prototype: BrokerPrototype };
  const proto = Broker.prototype;
  if (proto[INSTALLED]) return;
  const fetch = proto.fetch;
  if (typeof fetch !== 'function') {
    throw new Error('kstreams: this kafkajs has no Broker.prototype.fetch; its read_committed filtering cannot be corrected (docs/kafkajs-findings.md §9)');
  }
  proto.fetch = async function fetchFilteringAbortedRecords(this: unknown, request) {
    const response = await fetch.call(this, request);
    if (request.isolationLevel === READ_COMMITTED) {
      for (const topic of response.responses ?? []) {
        for (const partition of topic.partitions ?? []) {
          hideAbortedRecords(partition);
          rememberLastStableOffset(partition);
        }
      }
    }
    return response;
  };
  proto[INSTALLED] = true;
}
