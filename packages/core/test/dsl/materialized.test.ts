// Materialized: the helpers, and what each setting turns into in the topology's store.
import { describe, expect, it } from 'vitest';
import { Materialized, Serdes, Stores, StreamsBuilder } from '@kstreams/core';
import { TopologyTestDriver } from '@kstreams/test-utils';
import { builtTopology } from '../../src/topology/built-topology.js';

const S = Serdes.string();

describe('Materialized', () => {
  it('as() and with() make frozen option objects', () => {
    const m = Materialized.as('counts', { valueSerde: Serdes.int64Number(), cachingEnabled: false });
    expect(m).toEqual({ storeName: 'counts', valueSerde: Serdes.int64Number(), cachingEnabled: false });
    expect(Object.isFrozen(m)).toBe(true);
    const supplier = Stores.inMemoryKeyValueStore('mem');
    expect(Materialized.as(supplier)).toEqual({ storeSupplier: supplier });
    expect(Materialized.with(S, S)).toEqual({ keySerde: S, valueSerde: S });
  });

  it('defaults to a persistent store with caching and logging on', () => {
    const b = new StreamsBuilder();
    b.stream('in', { keySerde: S, valueSerde: S }).groupByKey().count({ materialized: Materialized.as('counts') });
    const store = builtTopology(b.build()).stores.get('counts')!;
    expect(store.builder.persistent).toBe(true);
    expect(store.builder.cachingEnabled).toBe(true);
    expect(store.builder.loggingEnabled).toBe(true);
    expect(store.changelogTopic).toBe('counts-changelog');
    expect(store.generatedName).toBe(false);
  });

  it('turns each setting into the store builder and the changelog topic', () => {
    const b = new StreamsBuilder();
    const grouped = b.stream('in', { keySerde: S, valueSerde: S }).groupByKey();
    grouped.count({ materialized: { storeName: 'a', storeType: 'in-memory', cachingEnabled: false, logConfig: { 'retention.ms': '1000' } } });
    grouped.count({ materialized: { storeName: 'b', loggingEnabled: false } });
    grouped.count({ materialized: Materialized.as(Stores.inMemoryKeyValueStore('c')) });
    const topology = builtTopology(b.build());
    const a = topology.stores.get('a')!;
    expect([a.builder.persistent, a.builder.cachingEnabled, a.builder.loggingEnabled]).toEqual([false, false, true]);
    expect(topology.internalTopics.get('a-changelog')!.config).toEqual({ 'cleanup.policy': 'compact', 'retention.ms': '1000' });
    expect(topology.stores.get('b')!.changelogTopic).toBeUndefined();
    expect(topology.stores.get('c')!.builder.persistent).toBe(false);
  });

  it('a store with a generated name is reported as generated, with its changelog', () => {
    const b = new StreamsBuilder();
    b.stream('in', { keySerde: S, valueSerde: S }).groupByKey().count({ materialized: Materialized.with(S, Serdes.int64Number()) });
    b.stream('other').repartition();
    b.stream('third').repartition({ name: 'named' });
    // As Kafka Streams: count(Materialized) without a store name takes one number more than count() (1), so the
    // store is …02 and the repartition …05.
    expect(builtTopology(b.build()).generatedNames()).toEqual({
      stores: ['KSTREAM-AGGREGATE-STATE-STORE-0000000002'],
      internalTopics: ['KSTREAM-REPARTITION-0000000005-repartition', 'KSTREAM-AGGREGATE-STATE-STORE-0000000002-changelog'],
    });
  });

  it('the store serdes of a materialized aggregation are used', () => {
    const b = new StreamsBuilder();
    b.stream('in', { keySerde: S, valueSerde: S })
      .groupByKey()
      .aggregate(() => '', (_k, v, agg) => agg + v, { materialized: Materialized.as('concat', { keySerde: S, valueSerde: S }) });
    const d = new TopologyTestDriver(builtTopology(b.build()));
    try {
      d.createInputTopic('in', S, S).pipeKeyValueList([
        ['k', 'a'],
        ['k', 'b'],
      ]);
      expect(d.getKeyValueStore<string, string>('concat')!.get('k')).toBe('ab');
    } finally {
      d.close();
    }
  });

  it('a Grouped name gives every aggregation of the grouping one repartition topic', () => {
    const b = new StreamsBuilder();
    const grouped = b.stream('in', { keySerde: S, valueSerde: S }).groupBy((_k, v) => v, { name: 'by-value', keySerde: S });
    grouped.count({ materialized: Materialized.as('n') });
    grouped.reduce((a, v) => a + v, { materialized: Materialized.as('r') });
    const topology = builtTopology(b.build());
    expect([...topology.internalTopics.keys()].filter((t) => t.endsWith('-repartition'))).toEqual(['by-value-repartition']);
    const d = new TopologyTestDriver(topology);
    try {
      d.createInputTopic('in', S, S).pipeKeyValueList([
        ['1', 'x'],
        ['2', 'x'],
      ]);
      expect(d.getKeyValueStore<string, number>('n')!.get('x')).toBe(2);
      expect(d.getKeyValueStore<string, string>('r')!.get('x')).toBe('xx');
    } finally {
      d.close();
    }
  });
});
