// Types of the foreign-key join overloads: `join`/`leftJoin` with a foreign-key extractor infer KO, VO and VR, and
// are told apart from the primary-key join.
import { describe, expectTypeOf, it } from 'vitest';
import { Materialized, Serdes, StreamsBuilder, type KTable } from '@kstreams/core';

interface Order {
  id: string;
  customer: string;
  product: string | null;
  amount: number;
}
interface Customer {
  name: string;
}

describe('foreign-key join types', () => {
  const b = new StreamsBuilder();
  const orders = b.table('orders', { keySerde: Serdes.string(), valueSerde: Serdes.json<Order>() });
  const customers = b.table('customers', { keySerde: Serdes.string(), valueSerde: Serdes.json<Customer>() });
  const prices = b.table('prices', { keySerde: Serdes.int32(), valueSerde: Serdes.float64() });

  it('join with an extractor infers the foreign key, the other value and the result', () => {
    const joined = orders.join(
      customers,
      (o, key) => {
        expectTypeOf(o).toEqualTypeOf<Order>();
        expectTypeOf(key).toEqualTypeOf<string>();
        return o.customer;
      },
      (o, c) => {
        expectTypeOf(o).toEqualTypeOf<Order>();
        expectTypeOf(c).toEqualTypeOf<Customer>();
        return { id: o.id, who: c.name };
      },
    );
    expectTypeOf(joined).toEqualTypeOf<KTable<string, { id: string; who: string }>>();
  });

  it('leftJoin with an extractor gives the joiner the other value or null', () => {
    const joined = orders.leftJoin(
      prices,
      (o) => o.amount,
      (o, price) => {
        expectTypeOf(price).toEqualTypeOf<number | null>();
        return o.amount * (price ?? 1);
      },
    );
    expectTypeOf(joined).toEqualTypeOf<KTable<string, number>>();
  });

  it('the extractor may return null or undefined (no foreign key)', () => {
    expectTypeOf(orders.join(customers, (o) => o.product, (o, c) => c.name)).toEqualTypeOf<KTable<string, string>>();
    expectTypeOf(orders.join(customers, (o) => (o.amount > 0 ? o.customer : undefined), (o) => o.id)).toEqualTypeOf<KTable<string, string>>();
  });

  it('takes options, whose materialized serde follows the result type', () => {
    const joined = orders.join(customers, (o) => o.customer, (o, c) => c.name, {
      name: 'with-customer',
      materialized: Materialized.as('with-customer', { valueSerde: Serdes.string() }),
    });
    expectTypeOf(joined).toEqualTypeOf<KTable<string, string>>();
    // @ts-expect-error the store's value serde must be of the result type
    orders.join(customers, (o) => o.customer, (o, c) => c.name, { materialized: Materialized.with(Serdes.string(), Serdes.int32()) });
  });

  it('keeps the primary-key join as it was', () => {
    const names = customers.mapValues((c) => c.name);
    expectTypeOf(customers.join(names, (c, n, key) => `${key}:${c.name}:${n}`)).toEqualTypeOf<KTable<string, string>>();
    expectTypeOf(customers.leftJoin(names, (c, n) => n ?? c.name, { name: 'x' })).toEqualTypeOf<KTable<string, string>>();
  });

  it('rejects a foreign key of another type than the other table key, instead of taking it for a primary-key join', () => {
    // @ts-expect-error the foreign key must be the other table's key type
    orders.join(customers, (o) => o.amount, (o) => o);
    // @ts-expect-error the same for a left join
    orders.leftJoin(prices, (o) => o.customer, (o) => o);
    // @ts-expect-error and for the alias
    orders.joinOnForeignKey(customers, (o) => o.amount, (o) => o);
  });

  it('joinOnForeignKey and leftJoinOnForeignKey are aliases with the same types', () => {
    expectTypeOf(orders.joinOnForeignKey(customers, (o) => o.customer, (o, c) => c.name)).toEqualTypeOf<KTable<string, string>>();
    orders.leftJoinOnForeignKey(customers, (o) => o.customer, (o, c) => {
      expectTypeOf(c).toEqualTypeOf<Customer | null>();
      return 0;
    });
  });
});
