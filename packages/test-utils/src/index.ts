// @kstreams/test-utils: run a topology without a broker.
export { TopologyTestDriver, type TopologyTestDriverConfig } from './topology-test-driver.js';
export { TestInputTopic, type TestInputTopicOptions } from './test-input-topic.js';
export { TestOutputTopic } from './test-output-topic.js';
export type { TestRecord } from './test-record.js';
