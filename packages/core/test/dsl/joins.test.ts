// Joins through TopologyTestDriver: stream–table, table–table, stream–global table (foreign-key joins:
// foreign-key-join.test.ts).
import { describe, expect, it } from 'vitest';
import { Materialized, Serdes, StreamsBuilder, type KTable } from '@kstreams/core';
import type { TopologyTestDriverConfig } from '@kstreams/test-utils';
import { driverPerTest } from './driver-per-test.js';
import { builtTopology } from '../../src/topology/built-topology.js';

const S = Serdes.string();
const NS = Serdes.nullable(S);

const start = driverPerTest();

describe('KStream–KTable join', () => {
  function streamTable(left: boolean) {
    const b = new StreamsBuilder();
    const users = b.table('users', { keySerde: S, valueSerde: S, materialized: Materialized.as('users') });
    const clicks = b.stream('clicks', { keySerde: S, valueSerde: S });
    const joined = left
      ? clicks.leftJoin(users, (click, user) => `${click}@${user ?? '-'}`)
      : clicks.join(users, (click, user, key) => `${click}@${user}/${key}`);
    joined.to('out', { valueSerde: S });
    const topology = builtTopology(b.build());
    const d = start(topology);
    return {
      topology,
      users: d.createInputTopic('users', S, NS),
      clicks: d.createInputTopic('clicks', S, S),
      out: d.createOutputTopic('out', S, S),
    };
  }

  it('inner: joins with the table value at the time of the record, drops records without a match', () => {
    const { users, clicks, out } = streamTable(false);
    clicks.pipeInput('a', 'c1'); // no user yet
    users.pipeInput('a', 'alice'); // table updates produce no output
    clicks.pipeInput('a', 'c2');
    users.pipeInput('a', 'anna');
    clicks.pipeInput('a', 'c3');
    users.pipeInput('a', null);
    clicks.pipeInput('a', 'c4'); // deleted again
    expect(out.readKeyValuesToList()).toEqual([
      ['a', 'c2@alice/a'],
      ['a', 'c3@anna/a'],
    ]);
  });

  it('left: records without a match are joined with null', () => {
    const { users, clicks, out } = streamTable(true);
    clicks.pipeInput('a', 'c1');
    users.pipeInput('a', 'alice');
    clicks.pipeInput('a', 'c2');
    users.pipeInput('a', null);
    clicks.pipeInput('a', 'c3');
    expect(out.readKeyValuesToList()).toEqual([
      ['a', 'c1@-'],
      ['a', 'c2@alice'],
      ['a', 'c3@-'],
    ]);
  });

  it('registers the inputs as co-partitioned and connects the table store to the join', () => {
    const { topology } = streamTable(false);
    expect(topology.copartitionGroups).toEqual([['clicks', 'users']]);
    expect(topology.describe().toString()).toContain('Processor: KSTREAM-JOIN-0000000003 (stores: [users])');
    expect(topology.subtopologies).toHaveLength(1);
  });

  it('drops records with a null key (inner) but joins them with null (left, as Kafka Streams 3.7+)', () => {
    const b = new StreamsBuilder();
    const users = b.table('users', { keySerde: S, valueSerde: S });
    const clicks = b.stream('clicks', { keySerde: NS, valueSerde: S });
    clicks.join(users, (c, u) => `${c}:${u}`).to('inner', { keySerde: NS, valueSerde: S });
    clicks.leftJoin(users, (c, u) => `${c}:${u}`).to('left', { keySerde: NS, valueSerde: S });
    const d = start(builtTopology(b.build()));
    d.createInputTopic('clicks', NS, S).pipeInput(null, 'c1');
    expect(d.createOutputTopic('inner', NS, S).readKeyValuesToList()).toEqual([]);
    expect(d.createOutputTopic('left', NS, S).readKeyValuesToList()).toEqual([[null, 'c1:null']]);
  });

  it('repartitions a re-keyed stream first, through `<name>-repartition`', () => {
    const b = new StreamsBuilder();
    const users = b.table('users', { keySerde: S, valueSerde: S });
    b.stream('clicks', { keySerde: S, valueSerde: S })
      .selectKey((_k, v) => v.split(':')[0]!)
      .join(users, (click, user) => `${click}@${user}`, { name: 'click-user', keySerde: S })
      .to('out', { valueSerde: S });
    const topology = builtTopology(b.build());
    expect(topology.internalTopics.has('click-user-repartition')).toBe(true);
    expect(topology.copartitionGroups).toEqual([['click-user-repartition', 'users']]);
    const d = start(topology);
    d.createInputTopic('users', S, NS).pipeInput('a', 'alice');
    d.createInputTopic('clicks', S, S).pipeInput('x', 'a:home');
    expect(d.createOutputTopic('out', S, S).readKeyValuesToList()).toEqual([['a', 'a:home@alice']]);
  });

  it('joins a non-materialized filtered/mapped table through value getters', () => {
    const b = new StreamsBuilder();
    const users = b
      .table('users', { keySerde: S, valueSerde: S, materialized: Materialized.as('users') })
      .filter((_k, v) => !v.startsWith('banned:'))
      .mapValues((v) => v.toUpperCase());
    expect(users.queryableStoreName).toBeUndefined();
    b.stream('clicks', { keySerde: S, valueSerde: S })
      .leftJoin(users, (click, user) => `${click}@${user}`)
      .to('out', { valueSerde: S });
    const d = start(builtTopology(b.build()));
    const u = d.createInputTopic('users', S, NS);
    const clicks = d.createInputTopic('clicks', S, S);
    u.pipeInput('a', 'alice');
    u.pipeInput('b', 'banned:bob');
    clicks.pipeInput('a', 'c1');
    clicks.pipeInput('b', 'c2');
    expect(d.createOutputTopic('out', S, S).readKeyValuesToList()).toEqual([
      ['a', 'c1@ALICE'],
      ['b', 'c2@null'],
    ]);
  });
});

describe('KTable–KTable join', () => {
  function tables(kind: 'inner' | 'left' | 'outer', materialized = false) {
    const b = new StreamsBuilder();
    const left = b.table('left', { keySerde: S, valueSerde: S });
    const right = b.table('right', { keySerde: S, valueSerde: S });
    const options = materialized ? { materialized: Materialized.as('joined', { valueSerde: S }) } : undefined;
    const joined: KTable<string, string> =
      kind === 'inner'
        ? left.join(right, (l, r) => `${l}+${r}`, options)
        : kind === 'left'
          ? left.leftJoin(right, (l, r) => `${l}+${r ?? '-'}`, options)
          : left.outerJoin(right, (l, r) => `${l ?? '-'}+${r ?? '-'}`, options);
    joined.toStream().to('out', { valueSerde: NS });
    const topology = builtTopology(b.build());
    const d = start(topology, { cacheMaxBytes: 0 });
    return {
      topology,
      joined,
      d,
      l: d.createInputTopic('left', S, NS),
      r: d.createInputTopic('right', S, NS),
      out: d.createOutputTopic('out', S, NS),
    };
  }

  for (const materialized of [false, true]) {
    const label = materialized ? ' (materialized)' : '';

    it(`inner: a row while both sides have the key; deleting either side deletes it${label}`, () => {
      const { l, r, out } = tables('inner', materialized);
      l.pipeInput('k', 'l1');
      expect(out.readKeyValuesToList()).toEqual([]);
      r.pipeInput('k', 'r1');
      l.pipeInput('k', 'l2');
      r.pipeInput('k', 'r2');
      expect(out.readKeyValuesToList()).toEqual([
        ['k', 'l1+r1'],
        ['k', 'l2+r1'],
        ['k', 'l2+r2'],
      ]);
      r.pipeInput('k', null);
      expect(out.readKeyValuesToList()).toEqual([['k', null]]);
      l.pipeInput('k', 'l3'); // no right row: nothing
      r.pipeInput('k', 'r3');
      l.pipeInput('k', null);
      expect(out.readKeyValuesToList()).toEqual([
        ['k', 'l3+r3'],
        ['k', null],
      ]);
    });

    it(`left: a row per left key, the right value or null${label}`, () => {
      const { l, r, out } = tables('left', materialized);
      r.pipeInput('k', 'r1'); // no left row: nothing
      expect(out.readKeyValuesToList()).toEqual([]);
      l.pipeInput('k', 'l1');
      r.pipeInput('k', 'r2');
      r.pipeInput('k', null);
      l.pipeInput('k', null);
      l.pipeInput('x', null); // delete of an absent key: nothing
      expect(out.readKeyValuesToList()).toEqual([
        ['k', 'l1+r1'],
        ['k', 'l1+r2'],
        ['k', 'l1+-'],
        ['k', null],
      ]);
    });

    it(`outer: a row per key of either side${label}`, () => {
      const { l, r, out } = tables('outer', materialized);
      r.pipeInput('k', 'r1');
      l.pipeInput('k', 'l1');
      l.pipeInput('k', null);
      r.pipeInput('k', null);
      r.pipeInput('x', null);
      expect(out.readKeyValuesToList()).toEqual([
        ['k', '-+r1'],
        ['k', 'l1+r1'],
        ['k', '-+r1'],
        ['k', null],
      ]);
    });
  }

  it('materialized, the result is in its store; both inputs are co-partitioned', () => {
    const { topology, joined, d, l, r } = tables('outer', true);
    l.pipeInput('a', 'l');
    r.pipeInput('b', 'r');
    r.pipeInput('a', 'r');
    expect(joined.queryableStoreName).toBe('joined');
    expect([...d.getKeyValueStore<string, string>('joined')!.all()]).toEqual([
      ['a', 'l+r'],
      ['b', '-+r'],
    ]);
    expect(topology.copartitionGroups).toEqual([['left', 'right']]);
    const text = topology.describe().toString();
    expect(text).toContain('Processor: KTABLE-JOINTHIS-0000000007 (stores: [right-STATE-STORE-0000000003])');
    expect(text).toContain('Processor: KTABLE-JOINOTHER-0000000008 (stores: [left-STATE-STORE-0000000000])');
    expect(text).toContain('Processor: KTABLE-MERGE-0000000006 (stores: [joined])');
  });

  it('a join result can be joined again and grouped (old values flow through the chain)', () => {
    const b = new StreamsBuilder();
    const a = b.table('a', { keySerde: S, valueSerde: S });
    const c = b.table('c', { keySerde: S, valueSerde: S });
    // key → "group"; count keys per group of the joined value.
    a.join(c, (x, y) => `${x}${y}`)
      .groupBy((k, v) => [v, k], { keySerde: S, valueSerde: S })
      .count({ materialized: Materialized.as('per-group') });
    const d = start(builtTopology(b.build()));
    const ta = d.createInputTopic('a', S, NS);
    const tc = d.createInputTopic('c', S, NS);
    ta.pipeInput('k1', 'g');
    tc.pipeInput('k1', '1');
    ta.pipeInput('k2', 'g');
    tc.pipeInput('k2', '1');
    tc.pipeInput('k1', '2'); // k1 moves from g1 to g2
    ta.pipeInput('k2', null); // k2 leaves g1
    expect([...d.getKeyValueStore<string, number>('per-group')!.all()]).toEqual([
      ['g1', 0],
      ['g2', 1],
    ]);
  });
});

describe('KStream–GlobalKTable join', () => {
  function globalJoin(left: boolean) {
    const b = new StreamsBuilder();
    const products = b.globalTable('products', { keySerde: S, valueSerde: S, materialized: { storeName: 'products' } });
    const orders = b.stream('orders', { keySerde: S, valueSerde: S });
    const joined = left
      ? orders.leftJoin(products, (_id, productId) => productId, (productId, name) => `${productId}=${name ?? '?'}`)
      : orders.join(products, (_id, productId) => productId, (productId, name, id) => `${id}:${productId}=${name}`);
    joined.to('out', { valueSerde: S });
    const topology = builtTopology(b.build());
    const d = start(topology);
    return {
      topology,
      products: d.createInputTopic('products', S, NS),
      orders: d.createInputTopic('orders', S, S),
      out: d.createOutputTopic('out', S, S),
      store: () => d.getKeyValueStore<string, string>('products')!,
    };
  }

  it('inner: each record looks up the global table by the selected key; updates are seen by later records', () => {
    const { products, orders, out, store } = globalJoin(false);
    orders.pipeInput('o1', 'p1');
    products.pipeInput('p1', 'apple');
    orders.pipeInput('o2', 'p1');
    products.pipeInput('p1', 'pear');
    orders.pipeInput('o3', 'p1');
    products.pipeInput('p1', null);
    orders.pipeInput('o4', 'p1');
    expect(out.readKeyValuesToList()).toEqual([
      ['o2', 'o2:p1=apple'],
      ['o3', 'o3:p1=pear'],
    ]);
    expect(store().get('p1')).toBeUndefined();
  });

  it('left: records without a match are joined with null', () => {
    const { products, orders, out } = globalJoin(true);
    orders.pipeInput('o1', 'p1');
    products.pipeInput('p1', 'apple');
    orders.pipeInput('o2', 'p1');
    expect(out.readKeyValuesToList()).toEqual([
      ['o1', 'p1=?'],
      ['o2', 'p1=apple'],
    ]);
  });

  it('needs no co-partitioning; the global store is not connected to the join', () => {
    const { topology } = globalJoin(false);
    expect(topology.copartitionGroups).toEqual([]);
    expect([...topology.globalStores.keys()]).toEqual(['products']);
    expect(topology.globalStores.get('products')!.builder.loggingEnabled).toBe(false);
    expect(topology.globalStores.get('products')!.builder.cachingEnabled).toBe(false);
    // Kafka Streams names an inner join with a GlobalKTable KSTREAM-LEFTJOIN as well.
    expect(topology.describe().toString()).toContain('Processor: KSTREAM-LEFTJOIN-0000000003 (stores: [])');
  });
});
