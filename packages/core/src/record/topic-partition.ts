// A partition of a topic, and the offset to commit for one.
export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/** The offset to commit for a partition: the next one to read (last processed + 1). */
export interface ConsumedOffset extends TopicPartition {
  readonly offset: number;
}
