// split/branch, merge, repartition and to() with a topic extractor, through TopologyTestDriver.
import { describe, expect, it } from 'vitest';
import { Serdes, StreamsBuilder } from '@kstreams/core';
import { TopologyTestDriver } from '@kstreams/test-utils';
import { builtTopology } from '../../src/topology/built-topology.js';

const S = Serdes.string();
const N = Serdes.int32();

describe('split / branch', () => {
  it('sends each record to the first matching branch, the rest to the default branch', () => {
    const b = new StreamsBuilder();
    const branches = b
      .stream('in', { keySerde: S, valueSerde: N })
      .split({ name: 'size-' })
      .branch((_k, v) => v >= 100, { name: 'big' })
      .branch((_k, v) => v >= 10, { name: 'medium' })
      .defaultBranch({ name: 'small' });
    expect(Object.keys(branches).sort()).toEqual(['size-big', 'size-medium', 'size-small']);
    branches['size-big'].to('big');
    branches['size-medium'].to('medium');
    branches['size-small'].to('small');
    const d = new TopologyTestDriver(builtTopology(b.build()), { defaultKeySerde: S, defaultValueSerde: N });
    d.createInputTopic('in', S, N).pipeKeyValueList([
      ['a', 5],
      ['b', 500],
      ['c', 50],
      ['d', 100],
      ['e', 10],
    ]);
    expect(d.createOutputTopic('big', S, N).readValuesToList()).toEqual([500, 100]);
    expect(d.createOutputTopic('medium', S, N).readValuesToList()).toEqual([50, 10]);
    expect(d.createOutputTopic('small', S, N).readValuesToList()).toEqual([5]);
  });

  it('drops unmatched records with noDefaultBranch, and chain() continues a branch', () => {
    const b = new StreamsBuilder();
    const branches = b
      .stream('in', { keySerde: S, valueSerde: N })
      .split()
      .branch((_k, v) => v > 0, { chain: (s) => s.mapValues((v) => v * 2) })
      .noDefaultBranch();
    const [name] = Object.keys(branches);
    expect(name).toMatch(/^KSTREAM-BRANCH-\d{10}1$/); // Kafka Streams: KSTREAM-BRANCH-00000000011
    branches[name as `KSTREAM-BRANCH-${string}1`]!.to('out', { keySerde: S, valueSerde: N });
    const d = new TopologyTestDriver(builtTopology(b.build()));
    d.createInputTopic('in', S, N).pipeKeyValueList([
      ['a', -1],
      ['b', 2],
      ['c', 0],
      ['d', 3],
    ]);
    expect(d.createOutputTopic('out', S, N).readKeyValuesToList()).toEqual([
      ['b', 4],
      ['d', 6],
    ]);
  });

  it('refuses a second end of the same split', () => {
    const b = new StreamsBuilder();
    const split = b.stream('in', { keySerde: S, valueSerde: N }).split().branch(() => true);
    split.noDefaultBranch();
    expect(() => split.defaultBranch()).toThrow(/already ended/);
  });
});

describe('merge', () => {
  it('interleaves two streams by timestamp and keeps each one complete', () => {
    const b = new StreamsBuilder();
    const left = b.stream('left', { keySerde: S, valueSerde: N });
    const right = b.stream('right', { keySerde: S, valueSerde: N }).mapValues((v) => v * 100);
    left.merge(right).to('out', { keySerde: S, valueSerde: N });
    const d = new TopologyTestDriver(builtTopology(b.build()));
    const l = d.createInputTopic('left', S, N);
    const r = d.createInputTopic('right', S, N);
    l.pipeInput('a', 1, { timestamp: 1 });
    r.pipeInput('b', 2, { timestamp: 2 });
    l.pipeInput('c', 3, { timestamp: 3 });
    expect(d.createOutputTopic('out', S, N).readKeyValuesToList()).toEqual([
      ['a', 1],
      ['b', 200],
      ['c', 3],
    ]);
  });
});

describe('repartition', () => {
  it('writes through an internal <applicationId>-<name>-repartition topic and continues after it', () => {
    const b = new StreamsBuilder();
    b.stream('in', { keySerde: S, valueSerde: N })
      .selectKey<string>((_k, v) => (v % 2 === 0 ? 'even' : 'odd'))
      .repartition({ name: 'by-parity', keySerde: S, valueSerde: N })
      .mapValues((v) => v + 1000)
      .to('out', { keySerde: S, valueSerde: N });
    const topology = builtTopology(b.build());
    expect(topology.subtopologies).toHaveLength(2);
    expect([...topology.internalTopics.keys()]).toEqual(['by-parity-repartition']);
    const d = new TopologyTestDriver(topology, { applicationId: 'app' });
    d.createInputTopic('in', S, N).pipeKeyValueList([
      ['x', 1],
      ['y', 2],
    ]);
    expect(d.producedTopicNames()).toContain('app-by-parity-repartition');
    expect(d.createOutputTopic('out', S, N).readKeyValuesToList()).toEqual([
      ['odd', 1001],
      ['even', 1002],
    ]);
  });
});

describe('to', () => {
  it('chooses the topic per record with a topic name extractor', () => {
    const b = new StreamsBuilder();
    b.stream('in', { keySerde: S, valueSerde: N }).to((key) => `out-${key}`, { keySerde: S, valueSerde: N });
    const d = new TopologyTestDriver(builtTopology(b.build()));
    d.createInputTopic('in', S, N).pipeKeyValueList([
      ['a', 1],
      ['b', 2],
      ['a', 3],
    ]);
    expect(d.createOutputTopic('out-a', S, N).readValuesToList()).toEqual([1, 3]);
    expect(d.createOutputTopic('out-b', S, N).readValuesToList()).toEqual([2]);
  });

  it('uses the config default serdes when none are given', () => {
    const b = new StreamsBuilder();
    b.stream<string, string>('in').mapValues((v) => v.toUpperCase()).to('out');
    const d = new TopologyTestDriver(builtTopology(b.build()), { defaultKeySerde: S, defaultValueSerde: S });
    d.createInputTopic('in', S, S).pipeInput('k', 'hello');
    expect(d.createOutputTopic('out', S, S).readKeyValue()).toEqual(['k', 'HELLO']);
  });

  it('reads from several topics and from a pattern', () => {
    const b = new StreamsBuilder();
    b.stream(['t1', 't2'], { keySerde: S, valueSerde: N }).to('out', { keySerde: S, valueSerde: N });
    b.stream(/^events-.*/, { keySerde: S, valueSerde: N }).to('pattern-out', { keySerde: S, valueSerde: N });
    const d = new TopologyTestDriver(builtTopology(b.build()));
    d.createInputTopic('t1', S, N).pipeInput('a', 1);
    d.createInputTopic('t2', S, N).pipeInput('b', 2);
    d.createInputTopic('events-x', S, N).pipeInput('c', 3);
    expect(d.createOutputTopic('out', S, N).readValuesToList()).toEqual([1, 2]);
    expect(d.createOutputTopic('pattern-out', S, N).readValuesToList()).toEqual([3]);
    expect(() => d.createInputTopic('nope', S, N)).toThrow(/unknown input topic 'nope'/);
  });
});
