// `Topology` is an interface over a hidden implementation: what StreamsBuilder.build() returns runs; any other
// object with a describe() is refused at once, naming what to pass instead.
import { describe, expect, it } from 'vitest';
import { KafkaStreams, Serdes, StreamsBuilder, TopologyError, type Topology } from '@kstreams/core';
import { TopologyTestDriver } from '@kstreams/test-utils';

const lookalike: Topology = { describe: () => new StreamsBuilder().build().describe() };

describe('Topology', () => {
  it('exposes describe() and nothing of its implementation in its type', () => {
    const b = new StreamsBuilder();
    b.stream('in', { keySerde: Serdes.string(), valueSerde: Serdes.string() }).to('out');
    const topology: Topology = b.build();
    expect(topology.describe().toString()).toContain('Source: KSTREAM-SOURCE-0000000000 (topics: [in])');
    // @ts-expect-error the sub-topologies are internal
    void topology.subtopologies;
  });

  it('is refused by KafkaStreams and the test driver unless StreamsBuilder.build() made it', () => {
    expect(() => new KafkaStreams(lookalike, { applicationId: 'a', bootstrapServers: '127.0.0.1:1' })).toThrow(TopologyError);
    expect(() => new TopologyTestDriver(lookalike)).toThrow(/StreamsBuilder\.build\(\)/);
  });
});
