// One TopologyTestDriver per test, closed after it (its stores and temporary state directory go with it).
import { afterEach } from 'vitest';
import type { Topology } from '@kstreams/core';
import { TopologyTestDriver, type TopologyTestDriverConfig } from '@kstreams/test-utils';

/** Call at the top of a test file; returns `start(topology, config?)`, whose driver is closed after each test. */
export function driverPerTest(): (topology: Topology, config?: TopologyTestDriverConfig) => TopologyTestDriver {
  let driver: TopologyTestDriver | undefined;
  afterEach(() => {
    driver?.close();
    driver = undefined;
  });
  return (topology, config = {}) => {
    driver = new TopologyTestDriver(topology, config);
    return driver;
  };
}
