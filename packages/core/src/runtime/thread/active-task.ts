// A task as the stream thread runs it: the StreamTask and the collector its output goes through (the guarantee
// strategy opened it, and keeps whatever else the task's output needs, e.g. its transactional producer).
import type { BufferedCollector } from './buffered-collector.js';
import type { StreamTask } from '../task/stream-task.js';

export interface ActiveTask {
  readonly id: string;
  readonly stream: StreamTask;
  readonly collector: BufferedCollector;
}
