// What TopologyTestDriver.metrics() returns: the runtime's StreamsMetrics shape, plus what each task counted.
// Java's driver returns Map<MetricName, Metric>; here every number is counted from real events by StreamTask
// (and its record queues), none is estimated.
import type { StreamsMetrics } from '@kstreams/core';
import type { StreamTask } from '@kstreams/core/internal';

/** Records dropped since the driver started, by the handler that dropped them. */
export interface DroppedRecordCounts {
  /** Skipped by the deserialization handler (`logAndContinue`, a function answering `continue`, or `deadLetter`). */
  readonly deserialization: number;
  /** Records whose processing threw and the processing handler answered `continue`. */
  readonly processing: number;
  /** Records a windowed operator dropped because their window had closed (stream time past its end + grace). */
  readonly late: number;
  /** Records skipped because the timestamp extractor gave a negative timestamp. */
  readonly invalidTimestamp: number;
}

export interface TaskMetrics {
  /** Records passed to the task's source node (also those the processing handler then dropped). */
  readonly processedTotal: number;
  readonly droppedRecords: DroppedRecordCounts;
  /**
   * Records processed while another input of the task was empty and `maxTaskIdleMs` had run out (Kafka Streams'
   * `enforced-processing-total`).
   */
  readonly enforcedProcessingTotal: number;
}

/**
 * `tasks`, `bufferedRecords` and `processedTotal` mean what they mean for `KafkaStreams.metrics()`; records
 * piped into global topics update global stores and are not counted, as in the runtime. `pausedPartitions` is
 * always 0: the driver never pauses a partition.
 */
export interface TopologyTestDriverMetrics extends StreamsMetrics {
  /** Summed over tasks. */
  readonly droppedRecords: DroppedRecordCounts;
  /** Summed over tasks. */
  readonly enforcedProcessingTotal: number;
  /** By task id (`<subtopology>_0`). */
  readonly perTask: ReadonlyMap<string, TaskMetrics>;
}

export function driverMetrics(tasks: readonly StreamTask[]): TopologyTestDriverMetrics {
  const perTask = new Map<string, TaskMetrics>();
  let bufferedRecords = 0;
  let processedTotal = 0;
  let deserialization = 0;
  let processing = 0;
  let late = 0;
  let invalidTimestamp = 0;
  let enforcedProcessingTotal = 0;
  for (const t of tasks) {
    const m = t.metrics();
    // The driver starts one StreamTask per topic a pattern source matches, all with the id `<subtopology>_0`;
    // the runtime runs them as one task, so they are counted as one.
    const same = perTask.get(t.id);
    perTask.set(t.id, same === undefined ? m : sum(same, m));
    bufferedRecords += t.bufferedCount;
    processedTotal += m.processedTotal;
    deserialization += m.droppedRecords.deserialization;
    processing += m.droppedRecords.processing;
    late += m.droppedRecords.late;
    invalidTimestamp += m.droppedRecords.invalidTimestamp;
    enforcedProcessingTotal += m.enforcedProcessingTotal;
  }
  return {
    tasks: perTask.size,
    bufferedRecords,
    pausedPartitions: 0,
    processedTotal,
    droppedRecords: { deserialization, processing, late, invalidTimestamp },
    enforcedProcessingTotal,
    perTask,
  };
}

function sum(a: TaskMetrics, b: TaskMetrics): TaskMetrics {
  return {
    processedTotal: a.processedTotal + b.processedTotal,
    droppedRecords: {
      deserialization: a.droppedRecords.deserialization + b.droppedRecords.deserialization,
      processing: a.droppedRecords.processing + b.droppedRecords.processing,
      late: a.droppedRecords.late + b.droppedRecords.late,
      invalidTimestamp: a.droppedRecords.invalidTimestamp + b.droppedRecords.invalidTimestamp,
    },
    enforcedProcessingTotal: a.enforcedProcessingTotal + b.enforcedProcessingTotal,
  };
}
