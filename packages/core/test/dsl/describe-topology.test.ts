// Topology.describe() prints Kafka Streams' TopologyDescription text shape.
import { describe, expect, it } from 'vitest';
import { Serdes, StreamsBuilder } from '@kstreams/core';

describe('Topology.describe()', () => {
  it('prints sources, processors and sinks with Kafka Streams style generated names', () => {
    const b = new StreamsBuilder();
    b.stream('input', { keySerde: Serdes.string(), valueSerde: Serdes.string() })
      .filter((_k, v) => v.length > 0)
      .mapValues((v) => v.length)
      .to('output', { valueSerde: Serdes.int32() });
    expect(b.build().describe().toString()).toBe(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [input])\n' +
        '      --> KSTREAM-FILTER-0000000001\n' +
        '    Processor: KSTREAM-FILTER-0000000001 (stores: [])\n' +
        '      --> KSTREAM-MAPVALUES-0000000002\n' +
        '      <-- KSTREAM-SOURCE-0000000000\n' +
        '    Processor: KSTREAM-MAPVALUES-0000000002 (stores: [])\n' +
        '      --> KSTREAM-SINK-0000000003\n' +
        '      <-- KSTREAM-FILTER-0000000001\n' +
        '    Sink: KSTREAM-SINK-0000000003 (topic: output)\n' +
        '      <-- KSTREAM-MAPVALUES-0000000002\n' +
        '\n',
    );
  });

  it('splits sub-topologies at a repartition topic and honours given names', () => {
    const b = new StreamsBuilder();
    b.stream('in', { name: 'orders-source' })
      .selectKey(() => 'k', { name: 'rekey' })
      .repartition({ name: 'by-customer' })
      .to('out', { name: 'orders-sink' });
    const d = b.build().describe();
    // As Kafka Streams names a named repartition: `<name>-repartition` and its -filter (null keys), -sink, -source.
    expect(d.subtopologies.map((s) => s.nodes.map((n) => n.name))).toEqual([
      ['orders-source', 'rekey', 'by-customer-repartition-filter', 'by-customer-repartition-sink'],
      ['by-customer-repartition-source', 'orders-sink'],
    ]);
    expect(d.toString()).toContain('    Sink: by-customer-repartition-sink (topic: by-customer-repartition)\n');
    expect(d.toString()).toContain('    Source: by-customer-repartition-source (topics: [by-customer-repartition])\n');
  });

  it('rejects duplicate names and a topic read by two sources', () => {
    const b = new StreamsBuilder();
    const s = b.stream('in');
    s.filter(() => true, { name: 'same' });
    expect(() => s.filter(() => true, { name: 'same' })).toThrow(/'same' already exists/);
    expect(() => b.stream('in')).toThrow(/topic 'in' is already read by another source/);
  });
});
