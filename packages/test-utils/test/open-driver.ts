// Opens TopologyTestDriver instances for a test file and closes them after each test (stores, temp state dir).
import { afterEach } from 'vitest';
import type { Topology } from '@kstreams/core';
import { TopologyTestDriver, type TopologyTestDriverConfig } from '@kstreams/test-utils';
import { pino } from 'pino';

/** Call at the top of a test file; the returned `open` makes drivers (logging off) closed after each test. */
export function driversPerTest(): (topology: Topology, config?: TopologyTestDriverConfig) => TopologyTestDriver {
  const open: TopologyTestDriver[] = [];
  afterEach(() => {
    for (const d of open.splice(0)) d.close();
  });
  return (topology, config = {}) => {
    const d = new TopologyTestDriver(topology, { logger: pino({ level: 'silent' }), ...config });
    open.push(d);
    return d;
  };
}
