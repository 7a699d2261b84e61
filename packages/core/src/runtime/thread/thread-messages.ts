// The boundary between an instance (KafkaStreams) and its stream thread, as messages. Everything that crosses it
// is plain data that survives `structuredClone` (the algorithm `worker_threads` uses), so a later step can run a
// stream thread in a worker unchanged; the in-process handle (instance/thread-handle.ts) clones every message to
// keep it that way. What cannot cross (the topology with its functions, the client, the config's serdes and
// logger, the global stores) is what a worker rebuilds on its side: see docs/architecture.md, "Thread boundary".
import type { TopicPartition } from '../../record/topic-partition.js';
import type { RestoreProgress } from './state-restorer.js';

/** What the thread needs to know of the instance's topics: resolved names and partition counts. */
export interface ThreadSetup {
  /** Resolved source topics to subscribe to. */
  readonly sourceTopics: readonly string[];
  /** Partition counts of every topic the instance uses. */
  readonly partitionCounts: Readonly<Record<string, number>>;
  /** Each sub-topology's resolved source topics, by sub-topology id. */
  readonly sourcesOf: Readonly<Record<number, readonly string[]>>;
  /** Topics whose source names an offset reset other than the default. */
  readonly offsetResets: Readonly<Record<string, 'earliest' | 'latest'>>;
}

/** A snapshot of the thread's counters (`KafkaStreams.metrics()`). */
export interface ThreadMetrics {
  readonly tasks: number;
  readonly bufferedRecords: number;
  readonly pausedPartitions: number;
  readonly processedTotal: number;
}

/** An error as data: its class name, message, stack, the record location of a processing error, and its cause. */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly location?: Readonly<Record<string, string | number | undefined>>;
  readonly cause?: SerializedError;
}

/** Thread → instance. */
export type ThreadEvent =
  /** A rebalance started: the thread's tasks are being replaced. */
  | { readonly type: 'rebalancing' }
  /** Every task of the latest assignment started (restored, positioned, resumed). */
  | { readonly type: 'running'; readonly tasks: readonly string[]; readonly partitions: readonly TopicPartition[] }
  | { readonly type: 'restore-progress'; readonly progress: RestoreProgress }
  /** Sent after every processing slice that did work, and when asked. */
  | { readonly type: 'metrics'; readonly metrics: ThreadMetrics }
  /** The thread failed for good; it abandons its uncommitted work and stops. */
  | { readonly type: 'fatal'; readonly error: SerializedError }
  /** Answer to `close`: every task, producer and the consumer are closed. */
  | { readonly type: 'closed' };

/** Instance → thread. */
export type ThreadCommand =
  | { readonly type: 'start' }
  | { readonly type: 'metrics' }
  /** Commit (unless failed), close every task, producer and the consumer, then answer `closed`. */
  | { readonly type: 'close' };

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const located = (error as { location?: unknown }).location;
  return {
    name: error.name,
    message: error.message,
    ...(error.stack !== undefined ? { stack: error.stack } : {}),
    ...(located !== null && typeof located === 'object' ? { location: { ...(located as Record<string, string | number | undefined>) } } : {}),
    ...(error.cause !== undefined ? { cause: serializeError(error.cause) } : {}),
  };
}
