// A partition of a topic, and the offset to commit for one.
export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/** The offset to commit for a partition: the next one to read (last processed + 1). */
export interface ConsumedOffset extends TopicPartition {
  readonly offset: number;
  /** Committed with the offset: the task's TopicPartitionMetadata (runtime/task/topic-partition-metadata.ts). */
  readonly metadata?: string;
}

/** `topic\u0000partition`: the key of per-partition maps across the port and the runtime. */
export function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}
