// Types flow through every DSL step.
import { describe, expectTypeOf, it } from 'vitest';
import { Serdes, StreamsBuilder, type KStream, type Processor, type Topology } from '@kstreams/core';

interface Order {
  id: string;
  customer: string;
  amount: number;
}

describe('KStream types', () => {
  const b = new StreamsBuilder();
  const orders = b.stream('orders', { keySerde: Serdes.string(), valueSerde: Serdes.json<Order>() });

  it('infers K and V from the serdes', () => {
    expectTypeOf(orders).toEqualTypeOf<KStream<string, Order>>();
    expectTypeOf(b.stream<number, boolean>('x')).toEqualTypeOf<KStream<number, boolean>>();
  });

  it('keeps or changes types operator by operator', () => {
    expectTypeOf(orders.filter((_k, o) => o.amount > 0)).toEqualTypeOf<KStream<string, Order>>();
    expectTypeOf(orders.mapValues((o) => o.amount)).toEqualTypeOf<KStream<string, number>>();
    expectTypeOf(orders.mapValues((o, k) => `${k}${o.id}`)).toEqualTypeOf<KStream<string, string>>();
    expectTypeOf(orders.selectKey((_k, o) => o.amount)).toEqualTypeOf<KStream<number, Order>>();
    expectTypeOf(orders.map((_k, o) => [o.customer, o.amount] as const)).toEqualTypeOf<KStream<string, number>>();
    expectTypeOf(orders.flatMapValues((o) => [o.id, o.customer])).toEqualTypeOf<KStream<string, string>>();
    expectTypeOf(orders.flatMap((k, o) => [[o.amount, k] as const])).toEqualTypeOf<KStream<number, string>>();
    expectTypeOf(orders.peek(() => {})).toEqualTypeOf<KStream<string, Order>>();
    expectTypeOf(orders.repartition()).toEqualTypeOf<KStream<string, Order>>();
    expectTypeOf(orders.foreach(() => {})).toEqualTypeOf<void>();
    expectTypeOf(b.build()).toEqualTypeOf<Topology>();
  });

  it('types a custom processor from its supplier', () => {
    const supplier = (): Processor<string, Order, Date, bigint> => ({ process: () => {} });
    expectTypeOf(orders.process(supplier)).toEqualTypeOf<KStream<Date, bigint>>();
  });

  it('branches keep the stream type', () => {
    const branches = orders.split({ name: 'o-' }).branch((_k, o) => o.amount > 100).defaultBranch();
    expectTypeOf(branches).toEqualTypeOf<{ 'o-1': KStream<string, Order>; 'o-0': KStream<string, Order> }>();
  });

  it('rejects mismatched serdes and mapper types', () => {
    // @ts-expect-error a string serde cannot write Order values
    orders.to('out', { valueSerde: Serdes.string() });
    // @ts-expect-error the predicate sees an Order, which has no `nope`
    orders.filter((_k, o) => o.nope);
    // @ts-expect-error merge needs the same key and value types
    orders.merge(orders.mapValues((o) => o.amount));
  });
});
