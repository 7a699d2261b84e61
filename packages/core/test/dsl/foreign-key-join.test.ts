// Foreign-key joins (KIP-213) through TopologyTestDriver, against Kafka Streams 4.3.1's behaviour: which results
// each change gives, their timestamps, when the result is materialized, the names and the bytes on the topics.
import { describe, expect, it } from 'vitest';
import { Materialized, Serdes, StreamsBuilder, type KTable } from '@kstreams/core';
import type { TopologyTestDriverConfig } from '@kstreams/test-utils';
import { driverPerTest } from './driver-per-test.js';
import { builtTopology } from '../../src/topology/built-topology.js';

const S = Serdes.string();
const NS = Serdes.nullable(S);
const start = driverPerTest();

interface Order {
  readonly product: string | null;
  readonly qty: number;
}
const OrderSerde = Serdes.json<Order>();

type JoinMethod = 'join' | 'joinOnForeignKey';

describe('foreign-key join', () => {
  function fk(left: boolean, config: TopologyTestDriverConfig = {}, method: JoinMethod = 'join') {
    const b = new StreamsBuilder();
    const orders = b.table('orders', { keySerde: S, valueSerde: OrderSerde });
    const products = b.table('products', { keySerde: S, valueSerde: S });
    const materialized = Materialized.as<string, string>('order-lines', { valueSerde: S });
    let joined: KTable<string, string>;
    if (left) {
      const joiner = (o: Order, p: string | null) => `${o.qty}x${p ?? '?'}`;
      joined =
        method === 'join'
          ? orders.leftJoin(products, (o) => o.product, joiner, { materialized })
          : orders.leftJoinOnForeignKey(products, (o) => o.product, joiner, { materialized });
    } else {
      const joiner = (o: Order, p: string) => `${o.qty}x${p}`;
      joined =
        method === 'join'
          ? orders.join(products, (o) => o.product, joiner, { materialized })
          : orders.joinOnForeignKey(products, (o) => o.product, joiner, { materialized });
    }
    joined.toStream().to('out', { valueSerde: NS });
    const topology = builtTopology(b.build());
    const d = start(topology, config);
    return {
      topology,
      d,
      orders: d.createInputTopic('orders', S, Serdes.nullable(OrderSerde)),
      products: d.createInputTopic('products', S, NS),
      out: d.createOutputTopic('out', S, NS),
      store: () => new Map(d.getKeyValueStore<string, string>('order-lines')!.all()),
    };
  }

  for (const method of ['join', 'joinOnForeignKey'] as const) {
    it(`inner (${method}): follows product updates, the foreign key changing and deletes`, () => {
      const { orders, products, out, store } = fk(false, { cacheMaxBytes: 0 }, method);
      orders.pipeInput('o1', { product: 'p1', qty: 2 }); // no product yet: no output
      expect(out.readKeyValuesToList()).toEqual([]);
      products.pipeInput('p1', 'apple');
      expect(out.readKeyValuesToList()).toEqual([['o1', '2xapple']]);
      orders.pipeInput('o2', { product: 'p1', qty: 5 });
      products.pipeInput('p1', 'green apple'); // both subscribers get it
      expect(out.readKeyValuesToList()).toEqual([
        ['o2', '5xapple'],
        ['o1', '2xgreen apple'],
        ['o2', '5xgreen apple'],
      ]);
      products.pipeInput('p2', 'pear');
      orders.pipeInput('o1', { product: 'p2', qty: 3 }); // the FK changes
      expect(out.readKeyValuesToList()).toEqual([['o1', '3xpear']]);
      products.pipeInput('p1', 'red apple'); // o1 no longer subscribes to p1
      expect(out.readKeyValuesToList()).toEqual([['o2', '5xred apple']]);
      products.pipeInput('p1', null); // the right side is deleted: o2 has no match
      expect(out.readKeyValuesToList()).toEqual([['o2', null]]);
      orders.pipeInput('o1', null); // the left side is deleted
      expect(out.readKeyValuesToList()).toEqual([['o1', null]]);
      expect(store()).toEqual(new Map());
      products.pipeInput('p1', 'apple again'); // o2 still subscribes
      orders.pipeInput('o2', { product: null, qty: 5 }); // the FK becomes null: the result is deleted
      expect(out.readKeyValuesToList()).toEqual([
        ['o2', '5xapple again'],
        ['o2', null],
      ]);
      orders.pipeInput('o3', { product: null, qty: 1 }); // a new row without FK: nothing (Kafka Streams skips it)
      orders.pipeInput('o3', null); // and its delete neither
      orders.pipeInput('o2', { product: null, qty: 6 }); // nor an update from a null FK to a null FK
      expect(out.readKeyValuesToList()).toEqual([]);
    });

    it(`left (${method}): every order has a row, null when its product is missing`, () => {
      const { orders, products, out, store } = fk(true, {}, method);
      orders.pipeInput('o1', { product: 'p1', qty: 2 });
      orders.pipeInput('o2', { product: null, qty: 1 });
      products.pipeInput('p1', 'apple');
      products.pipeInput('p1', null);
      orders.pipeInput('o2', { product: 'p1', qty: 4 });
      expect(out.readKeyValuesToList()).toEqual([
        ['o1', '2x?'],
        ['o2', '1x?'],
        ['o1', '2xapple'],
        ['o1', '2x?'],
        ['o2', '4x?'],
      ]);
      expect(store()).toEqual(
        new Map([
          ['o1', '2x?'],
          ['o2', '4x?'],
        ]),
      );
      orders.pipeInput('o2', null);
      orders.pipeInput('o2', null); // deleting an absent row: nothing
      expect(out.readKeyValuesToList()).toEqual([['o2', null]]);
    });
  }

  it('left: every right record answers every subscriber, a tombstone for an absent key and an identical update too', () => {
    const { orders, products, out } = fk(true, { cacheMaxBytes: 0 });
    orders.pipeInput('o1', { product: 'p1', qty: 2 });
    orders.pipeInput('o2', { product: 'p1', qty: 3 });
    products.pipeInput('p1', null); // p1 never had a row
    products.pipeInput('p1', 'pen');
    products.pipeInput('p1', 'pen'); // unchanged
    expect(out.readKeyValuesToList()).toEqual([
      ['o1', '2x?'],
      ['o2', '3x?'],
      ['o1', '2x?'],
      ['o2', '3x?'],
      ['o1', '2xpen'],
      ['o2', '3xpen'],
      ['o1', '2xpen'],
      ['o2', '3xpen'],
    ]);
    products.pipeInput('p9', 'nobody subscribes');
    expect(out.readKeyValuesToList()).toEqual([]);
  });

  it('inner: an update that keeps a foreign key without match sends nothing; a left update resends its row', () => {
    const { orders, products, out } = fk(false, { cacheMaxBytes: 0 });
    orders.pipeInput('o1', { product: 'p9', qty: 1 });
    orders.pipeInput('o1', { product: 'p9', qty: 2 }); // same FK, still no product: no tombstone
    expect(out.readKeyValuesToList()).toEqual([]);
    products.pipeInput('p9', 'nine');
    orders.pipeInput('o1', { product: 'p9', qty: 3 });
    expect(out.readKeyValuesToList()).toEqual([
      ['o1', '2xnine'],
      ['o1', '3xnine'],
    ]);
  });

  it('drops a stale response: only the answer for the current left value counts', () => {
    const { orders, products, out } = fk(false, { cacheMaxBytes: 0 });
    products.pipeInput('p1', 'apple');
    products.pipeInput('p2', 'pear');
    orders.pipeInput('o1', { product: 'p1', qty: 1 });
    orders.pipeInput('o1', { product: 'p2', qty: 1 });
    orders.pipeInput('o1', { product: 'p2', qty: 7 });
    expect(out.readKeyValuesToList()).toEqual([
      ['o1', '1xapple'],
      ['o1', '1xpear'],
      ['o1', '7xpear'],
    ]);
  });

  it("gives a left change's result the larger of both rows' timestamps, a right change's result the right record's", () => {
    const { orders, products, out } = fk(false, { cacheMaxBytes: 0 });
    products.pipeInput('p1', 'pen', { timestamp: 100 });
    orders.pipeInput('o1', { product: 'p1', qty: 1 }, { timestamp: 10 });
    products.pipeInput('p1', 'pencil', { timestamp: 50 });
    orders.pipeInput('o1', { product: 'p1', qty: 2 }, { timestamp: 20 });
    orders.pipeInput('o1', null, { timestamp: 30 });
    expect(out.readRecordsToList().map((r) => [r.value, r.timestamp])).toEqual([
      ['1xpen', 100],
      ['1xpencil', 50],
      ['2xpencil', 50],
      [null, 50],
    ]);
  });

  it('joins computed tables: a filter on the right sends no answer for a row that stays filtered out', () => {
    // Expected as Kafka Streams 4.3.1 gives it (the right table sends old values, so its filter drops a change
    // from filtered out to filtered out).
    const b = new StreamsBuilder();
    const orders = b.table('orders', { keySerde: S, valueSerde: S });
    const products = b.table('products', { keySerde: S, valueSerde: S }).filter((_k, v) => v.length > 3);
    orders.leftJoin(products, (v) => v.split(' ')[0], (o, p) => `${o}|${p}`).toStream().to('out', { valueSerde: NS });
    const d = start(builtTopology(b.build()), { cacheMaxBytes: 0 });
    const ordersIn = d.createInputTopic('orders', S, NS);
    const productsIn = d.createInputTopic('products', S, NS);
    ordersIn.pipeInput('o1', 'p1 a', { timestamp: 5 });
    productsIn.pipeInput('p1', 'pen', { timestamp: 3 }); // filtered out, was absent: nothing
    productsIn.pipeInput('p1', 'pencil', { timestamp: 1 });
    productsIn.pipeInput('p1', 'ink', { timestamp: 9 }); // filtered out: a tombstone from the filter
    productsIn.pipeInput('p1', null, { timestamp: 2 }); // was filtered out: nothing
    ordersIn.pipeInput('o2', 'p1 b', { timestamp: 4 });
    productsIn.pipeInput('p1', 'longer', { timestamp: 20 });
    expect(d.createOutputTopic('out', S, NS).readRecordsToList().map((r) => [r.key, r.value, r.timestamp])).toEqual([
      ['o1', 'p1 a|null', 5],
      ['o1', 'p1 a|pencil', 1],
      ['o1', 'p1 a|null', 9],
      ['o2', 'p1 b|null', 4],
      ['o1', 'p1 a|longer', 20],
      ['o2', 'p1 b|longer', 20],
    ]);
  });

  it('joins computed tables: a mapValues on the left, whose current value decides which answers count', () => {
    const b = new StreamsBuilder();
    const orders = b.table('orders', { keySerde: S, valueSerde: S }).mapValues((v) => v.toUpperCase());
    const products = b.table('products', { keySerde: S, valueSerde: S });
    orders.join(products, (v) => v.split(' ')[0], (o, p) => `${o}|${p}`).toStream().to('out', { valueSerde: NS });
    // The left values are hashed: those of a mapValues have no serde of their own, so the config's default serves,
    // as in Kafka Streams.
    const d = start(builtTopology(b.build()), { cacheMaxBytes: 0, defaultValueSerde: NS });
    const ordersIn = d.createInputTopic('orders', S, NS);
    const productsIn = d.createInputTopic('products', S, NS);
    ordersIn.pipeInput('o1', 'p1 a', { timestamp: 1 });
    productsIn.pipeInput('P1', 'pen', { timestamp: 2 });
    ordersIn.pipeInput('o1', 'p1 b', { timestamp: 3 });
    ordersIn.pipeInput('o1', 'p2 b', { timestamp: 4 });
    productsIn.pipeInput('P2', 'x', { timestamp: 5 });
    ordersIn.pipeInput('o1', null, { timestamp: 6 });
    productsIn.pipeInput('P2', 'y', { timestamp: 7 });
    expect(d.createOutputTopic('out', S, NS).readRecordsToList().map((r) => [r.key, r.value, r.timestamp])).toEqual([
      ['o1', 'P1 A|pen', 2],
      ['o1', 'P1 B|pen', 3],
      ['o1', null, 4],
      ['o1', 'P2 B|x', 5],
      ['o1', null, 6],
    ]);
  });

  it('gives the foreign-key extractor the row key too (KIP-1104)', () => {
    const b = new StreamsBuilder();
    const orders = b.table('orders', { keySerde: S, valueSerde: S });
    const products = b.table('products', { keySerde: S, valueSerde: S });
    orders.join(products, (value, key) => `${key}-${value}`, (o, p) => `${o}:${p}`).toStream().to('out', { valueSerde: NS });
    const d = start(builtTopology(b.build()));
    d.createInputTopic('products', S, NS).pipeInput('o1-a', 'found');
    d.createInputTopic('orders', S, NS).pipeInput('o1', 'a');
    expect(d.createOutputTopic('out', S, NS).readKeyValuesToList()).toEqual([['o1', 'a:found']]);
  });
});

describe('foreign-key join result: materialized only when needed, as Kafka Streams', () => {
  function tables(b: StreamsBuilder) {
    return {
      orders: b.table('orders', { keySerde: S, valueSerde: S }),
      products: b.table('products', { keySerde: S, valueSerde: S }),
    };
  }
  const firstWord = (v: string) => v.split(' ')[0];
  const joiner = (o: string, p: string | null) => `${o}|${p}`;
  const resultStores = (stores: Iterable<string>) => [...stores].filter((s) => s.startsWith('KTABLE-FK-JOIN-OUTPUT'));

  it('has no store without `materialized`, and runs without a default value serde', () => {
    const b = new StreamsBuilder();
    const { orders, products } = tables(b);
    const joined = orders.join(products, firstWord, joiner);
    expect(joined.queryableStoreName).toBeUndefined();
    joined.toStream().to('out', { valueSerde: NS });
    const topology = builtTopology(b.build());
    expect(resultStores(topology.stores.keys())).toEqual([]);
    const d = start(topology, { cacheMaxBytes: 0 });
    d.createInputTopic('orders', S, NS).pipeInput('o1', 'p1 two');
    d.createInputTopic('products', S, NS).pipeInput('p1', 'pen');
    expect(d.createOutputTopic('out', S, NS).readKeyValuesToList()).toEqual([['o1', 'p1 two|pen']]);
  });

  it('with `materialized`: a queryable store, named as given', () => {
    const b = new StreamsBuilder();
    const { orders, products } = tables(b);
    const joined = orders.leftJoin(products, firstWord, joiner, { materialized: Materialized.as('lines', { valueSerde: S }) });
    expect(joined.queryableStoreName).toBe('lines');
    const d = start(builtTopology(b.build()));
    d.createInputTopic('orders', S, NS).pipeInput('o1', 'p1 two');
    expect([...d.getKeyValueStore<string, string>('lines')!.all()]).toEqual([['o1', 'p1 two|null']]);
  });

  it('a groupBy on the result materializes it (its old values come from the store) under the name Kafka Streams gives', () => {
    const b = new StreamsBuilder();
    const { orders, products } = tables(b);
    const joined = orders.join(products, firstWord, (o, p) => p);
    const counts = joined.groupBy((k, product) => [product, k], { keySerde: S, valueSerde: S }).count();
    counts.toStream().to('counts', { valueSerde: Serdes.nullable(Serdes.int64Number()) });
    const topology = builtTopology(b.build());
    // Kafka Streams: KTABLE-FK-JOIN-OUTPUT-0000000018 and its store KTABLE-FK-JOIN-OUTPUT-STATE-STORE-0000000019.
    expect(resultStores(topology.stores.keys())).toEqual(['KTABLE-FK-JOIN-OUTPUT-STATE-STORE-0000000019']);
    expect(joined.queryableStoreName).toBe('KTABLE-FK-JOIN-OUTPUT-STATE-STORE-0000000019');
    const d = start(topology, { cacheMaxBytes: 0, defaultValueSerde: NS });
    const ordersIn = d.createInputTopic('orders', S, NS);
    const productsIn = d.createInputTopic('products', S, NS);
    productsIn.pipeInput('p1', 'pen');
    productsIn.pipeInput('p2', 'ink');
    ordersIn.pipeInput('o1', 'p1 a');
    ordersIn.pipeInput('o2', 'p1 b');
    ordersIn.pipeInput('o1', 'p2 a'); // moves from pen to ink: pen's count goes down
    productsIn.pipeInput('p2', 'pen'); // ink becomes pen
    expect(d.createOutputTopic('counts', S, Serdes.nullable(Serdes.int64Number())).readKeyValuesToMap()).toEqual(
      new Map([
        ['pen', 2],
        ['ink', 0],
      ]),
    );
  });

  it('a join that reads the result (its value getter) materializes it', () => {
    const b = new StreamsBuilder();
    const { orders, products } = tables(b);
    const joined = orders.join(products, firstWord, joiner);
    const notes = b.table('notes', { keySerde: S, valueSerde: S });
    notes.join(joined, (n, line) => `${n}/${line}`).toStream().to('out', { valueSerde: NS });
    const topology = builtTopology(b.build());
    expect(resultStores(topology.stores.keys())).toHaveLength(1);
    const d = start(topology, { cacheMaxBytes: 0, defaultValueSerde: NS });
    d.createInputTopic('orders', S, NS).pipeInput('o1', 'p1 two');
    d.createInputTopic('products', S, NS).pipeInput('p1', 'pen');
    d.createInputTopic('notes', S, NS).pipeInput('o1', 'note');
    expect(d.createOutputTopic('out', S, NS).readKeyValuesToList()).toEqual([['o1', 'note/p1 two|pen']]);
  });

  it('mapValues and filter on the result do not materialize it', () => {
    const b = new StreamsBuilder();
    const { orders, products } = tables(b);
    orders
      .join(products, firstWord, joiner)
      .mapValues((v) => v.toUpperCase())
      .filter((_k, v) => v.length > 3)
      .toStream()
      .to('out', { valueSerde: NS });
    const topology = builtTopology(b.build());
    expect(resultStores(topology.stores.keys())).toEqual([]);
    const d = start(topology, { cacheMaxBytes: 0 });
    d.createInputTopic('orders', S, NS).pipeInput('o1', 'p1 two');
    d.createInputTopic('products', S, NS).pipeInput('p1', 'pen');
    expect(d.createOutputTopic('out', S, NS).readKeyValuesToList()).toEqual([['o1', 'P1 TWO|PEN']]);
  });
});

describe('foreign-key join topology', () => {
  it('names topics, stores and processors as Kafka Streams does, and registers both co-partition groups', () => {
    const b = new StreamsBuilder();
    const orders = b.table('orders', { keySerde: S, valueSerde: S });
    const products = b.table('products', { keySerde: S, valueSerde: S });
    orders.join(products, (v) => v, (o, p) => `${o}${p}`).toStream().to('out', { valueSerde: NS });
    const topology = builtTopology(b.build());
    expect([...topology.internalTopics.keys()].filter((t) => !t.endsWith('-changelog')).sort()).toEqual([
      'KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000006-topic',
      'KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-0000000014-topic',
    ]);
    expect([...topology.stores.keys()].sort()).toEqual([
      'KTABLE-FK-JOIN-SUBSCRIPTION-STATE-STORE-0000000010',
      'orders-STATE-STORE-0000000000',
      'products-STATE-STORE-0000000003',
    ]);
    const text = topology.describe().toString();
    for (const name of [
      'KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000007',
      'KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-0000000011 (stores: [KTABLE-FK-JOIN-SUBSCRIPTION-STATE-STORE-0000000010])',
      'KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-0000000012 (stores: [products-STATE-STORE-0000000003])',
      'KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-0000000013 (stores: [KTABLE-FK-JOIN-SUBSCRIPTION-STATE-STORE-0000000010])',
      'KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-RESOLVER-PROCESSOR-0000000017 (stores: [orders-STATE-STORE-0000000000])',
      'KTABLE-FK-JOIN-OUTPUT-0000000018 (stores: [])',
      'KTABLE-TOSTREAM-0000000020',
    ]) {
      expect(text).toContain(name);
    }
    expect(topology.copartitionGroups).toEqual([
      ['KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000006-topic', 'products'],
      ['KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-0000000014-topic', 'orders'],
    ]);
  });

  it('a named join names everything after it', () => {
    const b = new StreamsBuilder();
    const orders = b.table('orders', { keySerde: S, valueSerde: OrderSerde, materialized: Materialized.as('orders') });
    const products = b.table('products', { keySerde: S, valueSerde: S, materialized: Materialized.as('products') });
    orders.join(products, (o) => o.product, (o, p) => `${o.qty}x${p}`, { name: 'lines' });
    const topology = builtTopology(b.build());
    expect([...topology.internalTopics.keys()].sort()).toEqual([
      'lines-subscription-registration-topic',
      'lines-subscription-response-topic',
      'lines-subscription-store-changelog',
      'orders-changelog',
      'products-changelog',
    ]);
    const text = topology.describe().toString();
    for (const name of [
      'lines-subscription-registration-processor',
      'lines-subscription-registration-sink',
      'lines-subscription-registration-source',
      'lines-subscription-receive',
      'lines-subscription-join-foreign',
      'lines-foreign-join-subscription',
      'lines-subscription-response-sink',
      'lines-subscription-response-source',
      'lines-subscription-response-resolver',
      'lines-result',
    ]) {
      expect(text).toContain(name);
    }
    expect(topology.generatedNames()).toEqual({ stores: [], internalTopics: [] });
  });
});

describe("foreign-key join records: Kafka Streams' bytes", () => {
  // Recorded from Kafka Streams 4.3.1's TopologyTestDriver (application id `app`) for the same topology and input.
  const hash = {
    p1two: '95069e967940ffe8533e23b303eab06b',
    p2x: '15a21e171b6c2e32130125c052584217',
    px: '142d6067d5ed6363e59cf63005452c16',
  };
  const hex = (b: Uint8Array | null) => (b === null ? null : Buffer.from(b).toString('hex'));

  function run(left: boolean) {
    const b = new StreamsBuilder();
    const orders = b.table('orders', { keySerde: S, valueSerde: S });
    const products = b.table('products', { keySerde: S, valueSerde: S });
    const firstWord = (v: string) => v.split(' ')[0];
    const joiner = (o: string, p: string | null) => `${o}|${p}`;
    (left ? orders.leftJoin(products, firstWord, joiner) : orders.join(products, firstWord, joiner)).toStream().to('out', { valueSerde: NS });
    const d = start(builtTopology(b.build()), { applicationId: 'app', cacheMaxBytes: 0 });
    const ordersIn = d.createInputTopic('orders', S, NS);
    ordersIn.pipeInput('o1', 'p1 two', { timestamp: 1 });
    d.createInputTopic('products', S, NS).pipeInput('p1', 'pen', { timestamp: 2 });
    ordersIn.pipeInput('o1', null, { timestamp: 3 });
    ordersIn.pipeInput('o2', 'p2 x', { timestamp: 4 });
    ordersIn.pipeInput('o2', 'px', { timestamp: 5 });
    const read = (topic: string) =>
      d
        .createOutputTopic(`app-${topic}`, Serdes.nullable(Serdes.bytes()), Serdes.nullable(Serdes.bytes()))
        .readRecordsToList()
        .map((r) => `${hex(r.key)} -> ${hex(r.value)} @${r.timestamp}`);
    return {
      subscriptions: read('KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000006-topic'),
      responses: read('KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-0000000014-topic'),
      store: read('KTABLE-FK-JOIN-SUBSCRIPTION-STATE-STORE-0000000010-changelog'),
    };
  }

  it('inner join: subscriptions, responses and the subscription store', () => {
    const { subscriptions, responses, store } = run(false);
    expect(subscriptions).toEqual([
      `7031 -> 0103${hash.p1two}6f3100000000 @1`, // PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE, partition 0
      '7031 -> 81016f3100000000 @3', // DELETE_KEY_AND_PROPAGATE, no hash
      `7032 -> 0103${hash.p2x}6f3200000000 @4`,
      `7032 -> 0100${hash.px}6f3200000000 @5`, // DELETE_KEY_NO_PROPAGATE with the new value's hash
      `7078 -> 0102${hash.px}6f3200000000 @5`, // PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE
    ]);
    expect(responses).toEqual([`6f31 -> 00${hash.p1two}70656e @2`, '6f31 -> 80 @3', `6f32 -> 00${hash.px} @5`]);
    expect(store).toEqual([
      `0000000270316f31 -> 0103${hash.p1two}6f3100000000 @1`,
      '0000000270316f31 -> null @3',
      `0000000270326f32 -> 0103${hash.p2x}6f3200000000 @4`,
      '0000000270326f32 -> null @5',
      `0000000270786f32 -> 0102${hash.px}6f3200000000 @5`,
    ]);
  });

  it('left join: a delete asks a keyless subscription for its null answer', () => {
    const { subscriptions, responses } = run(true);
    expect(subscriptions).toEqual([
      `7031 -> 0102${hash.p1two}6f3100000000 @1`,
      '7031 -> 81006f3100000000 @3',
      'null -> 81026f3100000000 @3',
      `7032 -> 0102${hash.p2x}6f3200000000 @4`,
      `7032 -> 0100${hash.px}6f3200000000 @5`,
      `7078 -> 0102${hash.px}6f3200000000 @5`,
    ]);
    expect(responses).toEqual([
      `6f31 -> 00${hash.p1two} @1`,
      `6f31 -> 00${hash.p1two}70656e @2`,
      '6f31 -> 80 @3',
      `6f32 -> 00${hash.p2x} @4`,
      `6f32 -> 00${hash.px} @5`,
    ]);
  });
});
