// The instance's handle on a stream thread. Today the thread runs in-process, but every message between them is
// cloned with `structuredClone` (what `worker_threads` does) and delivered asynchronously, so nothing that could
// not cross a worker boundary crosses this one, and nothing depends on synchronous delivery. A worker-thread
// handle would keep this interface and post the same messages.
import { StreamThread, type StreamThreadDeps } from '../thread/stream-thread.js';
import type { ThreadCommand, ThreadEvent, ThreadMetrics, ThreadSetup } from '../thread/thread-messages.js';

const NO_METRICS: ThreadMetrics = { tasks: 0, bufferedRecords: 0, pausedPartitions: 0, processedTotal: 0 };

export class ThreadHandle {
  private readonly thread: StreamThread;
  private latest: ThreadMetrics = NO_METRICS;

  constructor(
    local: Omit<StreamThreadDeps, 'setup' | 'post'>,
    setup: ThreadSetup,
    private readonly onEvent: (event: ThreadEvent) => void,
  ) {
    this.thread = new StreamThread({ ...local, setup: structuredClone(setup), post: (event) => this.deliver(structuredClone(event)) });
  }

  /** Sends a command; resolves when the thread has carried it out (rejects with its failure). */
  send(command: ThreadCommand): Promise<void> {
    return this.thread.receive(structuredClone(command));
  }

  /** The thread's latest metrics message. */
  get metrics(): ThreadMetrics {
    return this.latest;
  }

  private deliver(event: ThreadEvent): void {
    queueMicrotask(() => {
      if (event.type === 'metrics') this.latest = event.metrics;
      this.onEvent(event);
    });
  }
}
