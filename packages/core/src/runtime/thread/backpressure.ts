// Flow control per input partition: a partition whose task has `maxBuffered` records waiting is paused, and
// resumed once its buffer has drained to half, so a slow topology bounds the memory its fetches use.
import { type GroupConsumerPort } from '../../client/kafka-client.js';
import { partitionKey } from '../../record/topic-partition.js';
import type { ActiveTask } from './active-task.js';
import type { TopicPartition } from '../../record/topic-partition.js';

export class Backpressure {
  private readonly paused = new Map<string, TopicPartition>();

  constructor(
    private readonly consumer: () => Pick<GroupConsumerPort, 'pause' | 'resume'>,
    private readonly maxBuffered: number,
  ) {}

  /** Partitions paused now. */
  get size(): number {
    return this.paused.size;
  }

  /** Call after records of `tp` went into `task`'s buffer: pauses the partition when the buffer is full. */
  check(task: ActiveTask, tp: TopicPartition): void {
    const key = partitionKey(tp.topic, tp.partition);
    if (task.stream.buffered(tp.topic, tp.partition) < this.maxBuffered || this.paused.has(key)) return;
    this.paused.set(key, { topic: tp.topic, partition: tp.partition });
    this.consumer().pause([tp]);
  }

  /** Resumes the partitions whose buffers drained to half; forgets those whose task is gone. */
  resumeDrained(taskOf: (topic: string, partition: number) => ActiveTask | undefined): void {
    for (const [key, tp] of this.paused) {
      const task = taskOf(tp.topic, tp.partition);
      if (!task || task.stream.buffered(tp.topic, tp.partition) < this.maxBuffered / 2) {
        this.paused.delete(key);
        if (task) this.consumer().resume([tp]);
      }
    }
  }

  /** Forgets every pause (a new assignment resumes its partitions itself). */
  clear(): void {
    this.paused.clear();
  }
}
