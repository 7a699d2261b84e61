// A task as the stream thread runs it: the StreamTask, where its output goes, and (exactly_once) its own
// transactional producer.
import type { TransactionalProducerPort } from '../client/kafka-client.js';
import type { BufferedCollector } from './buffered-collector.js';
import type { StreamTask } from './stream-task.js';

export interface ActiveTask {
  readonly id: string;
  readonly stream: StreamTask;
  readonly collector: BufferedCollector;
  /** exactly_once only. */
  readonly producer: TransactionalProducerPort | undefined;
}
