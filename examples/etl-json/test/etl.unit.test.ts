// The ETL topology through TopologyTestDriver.
import { describe, expect, it } from 'vitest';
import { Serdes, deadLetter } from '@kstreams/core';
import { TopologyTestDriver } from '@kstreams/test-utils';
import { etlTopology } from '../src/etl-topology.js';
import type { CleanOrder } from '../src/order.js';
import { sampleOrders } from '../src/sample-orders.js';

const topics = { input: 'orders-raw', output: 'orders-clean', deadLetter: 'orders-dead-letter' };

describe('etl-json topology', () => {
  it('cleans, filters and re-keys orders; invalid and unparseable ones go to the dead-letter topic', () => {
    const driver = new TopologyTestDriver(etlTopology(topics), { deserializationExceptionHandler: deadLetter(topics.deadLetter) });
    const input = driver.createInputTopic(topics.input, Serdes.nullable(Serdes.string()), Serdes.string());
    for (const value of sampleOrders()) input.pipeInput(null, value);

    const out = driver.createOutputTopic(topics.output, Serdes.string(), Serdes.json<CleanOrder>()).readKeyValuesToList();
    expect(out).toEqual([
      ['alice@example.com', { orderId: 'o-1', customer: 'alice@example.com', amountCents: 1999, currency: 'EUR' }],
      ['bob@example.com', { orderId: 'o-2', customer: 'bob@example.com', amountCents: 500, currency: 'USD' }],
      ['alice@example.com', { orderId: 'o-7', customer: 'alice@example.com', amountCents: 250, currency: 'EUR' }],
    ]);

    const dead = driver.createOutputTopic(topics.deadLetter, Serdes.nullable(Serdes.string()), Serdes.string()).readRecordsToList();
    expect(dead).toHaveLength(2);
    expect(dead[0]!.headers.lastString('etl.error')).toBe('missing or invalid customerEmail');
    expect(JSON.parse(dead[0]!.value)).toEqual({ orderId: 'o-5', amount: 10 });
    expect(dead[1]!.value).toBe('{"orderId": "o-6", "customerEmail": ');
    expect(dead[1]!.headers.lastString('__streams.errors.exception')).toBe('SerializationError');
    driver.close();
  });
});
