// @kstreams/test-utils: run a topology without a broker.
export { TopologyTestDriver, type TopologyTestDriverConfig } from './topology-test-driver.js';
export {
  TestInputTopic,
  type PipeListTiming,
  type PipeOptions,
  type TestInputRecord,
  type TestInputTopicOptions,
} from './test-input-topic.js';
export type { DroppedRecordCounts, TaskMetrics, TopologyTestDriverMetrics } from './driver-metrics.js';
export { TestOutputTopic } from './test-output-topic.js';
export type { TestRecord } from './test-record.js';
