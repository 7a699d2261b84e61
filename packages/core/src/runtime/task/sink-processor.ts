// The processor behind a sink node: picks the topic and partition, serializes, and hands the bytes to the
// record collector. A serialization error goes to the production exception handler.
import type { ProductionExceptionHandler } from '../../config/exception-handlers.js';
import { StreamsProcessingError } from '../../errors.js';
import type { Partitioner, TopicNameExtractor } from '../../graph/graph-options.js';
import type { Processor } from '../../processor/processor.js';
import type { ProcessorContext } from '../../processor/processor-context.js';
import type { StreamRecord } from '../../processor/stream-record.js';
import type { Serde } from '../../serde/serde.js';
import { decide } from './error-policy.js';
import type { RecordCollector } from './record-collector.js';
import type { TaskState } from './task-state.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
export interface SinkWiring {
  readonly name: string;
  /** Already resolved (internal topics carry the application id prefix). */
  readonly topic: string | TopicNameExtractor<any, any>;
  readonly keySerde: Serde<any>;
  readonly valueSerde: Serde<any>;
  readonly partitioner: Partitioner<any, any> | undefined;
  readonly collector: RecordCollector;
  readonly handler: ProductionExceptionHandler;
  readonly task: TaskState;
}

export function sinkProcessor(w: SinkWiring): Processor<any, any> {
  let ctx: ProcessorContext;
  return {
    init: (c) => (ctx = c),
    process: (r: StreamRecord<any, any>) => {
      const topic = typeof w.topic === 'string' ? w.topic : w.topic(r.key, r.value, { recordMetadata: ctx.recordMetadata() });
      let key: Uint8Array | null;
      let value: Uint8Array | null;
      try {
        key = w.keySerde.serialize(topic, r.key, r.headers);
        value = w.valueSerde.serialize(topic, r.value, r.headers);
      } catch (e) {
        const error = e instanceof Error ? e : new Error(String(e));
        const location = { taskId: w.task.taskId, ...w.task.metadata, processorName: w.name };
        const decision = decide(w.handler, 'production', error, location, w.task.logger);
        if (decision === 'continue') return;
        throw new StreamsProcessingError(`could not serialize a record for topic ${topic}: ${error.message}`, location, {
          cause: error,
        });
      }
      let partition: number | undefined;
      if (w.partitioner) {
        const count = w.collector.partitionsFor(topic);
        if (count !== undefined) partition = w.partitioner(topic, r.key, r.value, count);
      }
      w.collector.send({ topic, partition, key, value, headers: r.headers, timestamp: r.timestamp });
    },
  };
}
