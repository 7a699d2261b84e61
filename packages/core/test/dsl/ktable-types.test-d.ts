// Types flow through tables, groupings, aggregations and joins.
import { describe, expectTypeOf, it } from 'vitest';
import {
  Materialized,
  Serdes,
  StreamsBuilder,
  type GlobalKTable,
  type KGroupedStream,
  type KGroupedTable,
  type KStream,
  type KTable,
} from '@kstreams/core';

interface Order {
  id: string;
  customer: string;
  product: string;
  amount: number;
}
interface Customer {
  name: string;
  tier: 'gold' | 'silver';
}

describe('KTable types', () => {
  const b = new StreamsBuilder();
  const orders = b.stream('orders', { keySerde: Serdes.string(), valueSerde: Serdes.json<Order>() });
  const customers = b.table('customers', { keySerde: Serdes.string(), valueSerde: Serdes.json<Customer>() });
  const products = b.table('products', { keySerde: Serdes.string(), valueSerde: Serdes.float64() });

  it('infers K and V of a table from its serdes, or from type arguments', () => {
    expectTypeOf(customers).toEqualTypeOf<KTable<string, Customer>>();
    expectTypeOf(b.table<number, boolean>('flags')).toEqualTypeOf<KTable<number, boolean>>();
    expectTypeOf(b.globalTable('g', { keySerde: Serdes.int32(), valueSerde: Serdes.string() })).toEqualTypeOf<GlobalKTable<number, string>>();
    expectTypeOf(customers.queryableStoreName).toEqualTypeOf<string | undefined>();
  });

  it('Materialized does not change the inference from the serdes', () => {
    const t = b.table('t', { keySerde: Serdes.string(), valueSerde: Serdes.int32(), materialized: Materialized.as('t-store') });
    expectTypeOf(t).toEqualTypeOf<KTable<string, number>>();
    const m = b.table('m', {
      keySerde: Serdes.string(),
      valueSerde: Serdes.int32(),
      materialized: Materialized.as('m-store', { storeType: 'in-memory', valueSerde: Serdes.int32() }),
    });
    expectTypeOf(m).toEqualTypeOf<KTable<string, number>>();
    // @ts-expect-error a store serde of another type than the table's values
    b.table('x', { keySerde: Serdes.string(), valueSerde: Serdes.int32(), materialized: Materialized.with(Serdes.string(), Serdes.string()) });
  });

  it('keeps or changes types operator by operator', () => {
    expectTypeOf(customers.filter((_k, c) => c.tier === 'gold')).toEqualTypeOf<KTable<string, Customer>>();
    expectTypeOf(customers.filterNot((k) => k === '')).toEqualTypeOf<KTable<string, Customer>>();
    expectTypeOf(customers.mapValues((c) => c.name)).toEqualTypeOf<KTable<string, string>>();
    expectTypeOf(customers.mapValues((c, k) => ({ k, n: c.name.length }))).toEqualTypeOf<KTable<string, { k: string; n: number }>>();
    expectTypeOf(customers.toStream()).toEqualTypeOf<KStream<string, Customer | null>>();
    expectTypeOf(orders.toTable()).toEqualTypeOf<KTable<string, Order>>();
  });

  it('groups and aggregates', () => {
    expectTypeOf(orders.groupByKey()).toEqualTypeOf<KGroupedStream<string, Order>>();
    expectTypeOf(orders.groupBy((_k, o) => o.amount)).toEqualTypeOf<KGroupedStream<number, Order>>();
    expectTypeOf(orders.groupByKey().count()).toEqualTypeOf<KTable<string, number>>();
    expectTypeOf(orders.groupByKey().reduce((a, o) => ({ ...a, amount: a.amount + o.amount }))).toEqualTypeOf<KTable<string, Order>>();
    const totals = orders.groupBy((_k, o) => o.customer).aggregate(
      () => 0,
      (_customer, o, total) => total + o.amount,
      { materialized: Materialized.as('totals', { valueSerde: Serdes.float64() }) },
    );
    expectTypeOf(totals).toEqualTypeOf<KTable<string, number>>();
    const grouped = customers.groupBy((_id, c) => [c.tier, c.name] as const);
    expectTypeOf(grouped).toEqualTypeOf<KGroupedTable<'gold' | 'silver', string>>();
    expectTypeOf(grouped.count()).toEqualTypeOf<KTable<'gold' | 'silver', number>>();
    expectTypeOf(
      grouped.aggregate(
        () => [] as string[],
        (_tier, name, names) => [...names, name],
        (_tier, name, names) => names.filter((n) => n !== name),
      ),
    ).toEqualTypeOf<KTable<'gold' | 'silver', string[]>>();
    expectTypeOf(grouped.reduce((a, n) => a + n, (a, n) => a.replace(n, ''))).toEqualTypeOf<KTable<'gold' | 'silver', string>>();
  });

  it('joins tables with each other, by primary and by foreign key', () => {
    const ordersTable = orders.toTable();
    expectTypeOf(customers.join(customers.mapValues((c) => c.tier), (c, tier) => `${c.name}:${tier}`)).toEqualTypeOf<
      KTable<string, string>
    >();
    customers.leftJoin(products, (c, price) => {
      expectTypeOf(c).toEqualTypeOf<Customer>();
      expectTypeOf(price).toEqualTypeOf<number | null>();
      return 0;
    });
    customers.outerJoin(products, (c, price, key) => {
      expectTypeOf(c).toEqualTypeOf<Customer | null>();
      expectTypeOf(price).toEqualTypeOf<number | null>();
      expectTypeOf(key).toEqualTypeOf<string>();
      return true;
    });
    const withCustomer = ordersTable.joinOnForeignKey(customers, (o) => o.customer, (o, c) => ({ ...o, customerName: c.name }));
    expectTypeOf(withCustomer).toEqualTypeOf<KTable<string, { id: string; customer: string; product: string; amount: number; customerName: string }>>();
    ordersTable.leftJoinOnForeignKey(products, (o) => o.product, (o, price) => {
      expectTypeOf(price).toEqualTypeOf<number | null>();
      return o.amount * (price ?? 0);
    });
    // @ts-expect-error the foreign key must be the other table's key type
    ordersTable.joinOnForeignKey(customers, (o) => o.amount, (o) => o);
  });

  it('joins streams with tables and global tables', () => {
    const enriched = orders.join(customers, (o, c, key) => ({ id: key, who: c.name, amount: o.amount }));
    expectTypeOf(enriched).toEqualTypeOf<KStream<string, { id: string; who: string; amount: number }>>();
    orders.leftJoin(customers, (o, c) => {
      expectTypeOf(c).toEqualTypeOf<Customer | null>();
      return o;
    });
    const prices = b.globalTable('prices', { keySerde: Serdes.string(), valueSerde: Serdes.float64() });
    const priced = orders.join(prices, (_k, o) => o.product, (o, price) => o.amount * price);
    expectTypeOf(priced).toEqualTypeOf<KStream<string, number>>();
    orders.leftJoin(prices, (_k, o) => o.product, (_o, price) => {
      expectTypeOf(price).toEqualTypeOf<number | null>();
      return price;
    });
    // @ts-expect-error the key selector must give the global table's key type
    orders.join(prices, (_k, o) => o.amount, (o) => o);
    // @ts-expect-error a table with another key type
    orders.join(b.table<number, string>('other'), (o) => o);
  });
});
