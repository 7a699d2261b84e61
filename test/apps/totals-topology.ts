// The stateful test topology: per key, the count and sum of the input values in a store `totals` (with a
// changelog), and for each input `<seq>` an output `<seq>:<count>:<sum>:<instance>`. Used by the stateful
// child app and by in-process restore tests; test/harness/totals.ts checks its output against the closed form.
import {
  Materialized,
  Serdes,
  Stores,
  StreamsBuilder,
  type KeyValueStore,
  type ProcessorContext,
  type Topology,
} from '@kstreams/core';

export interface TotalsOptions {
  readonly input: string;
  readonly output: string;
  readonly store: 'persistent' | 'in-memory';
  readonly instance: string;
}

export function totalsTopology(o: TotalsOptions): Topology {
  const supplier = o.store === 'in-memory' ? Stores.inMemoryKeyValueStore('totals') : Stores.persistentKeyValueStore('totals');
  const b = new StreamsBuilder();
  b.addStateStore(Stores.keyValueStoreBuilder(supplier, Serdes.string(), Serdes.string()));
  b.stream(o.input, { keySerde: Serdes.string(), valueSerde: Serdes.string() })
    .process<string, string>(
      () => {
        let ctx: ProcessorContext<string, string>;
        let store: KeyValueStore<string, string>;
        return {
          init(c) {
            ctx = c;
            store = c.getStateStore('totals');
          },
          process(record) {
            const seq = Number(record.value);
            const [count, sum] = (store.get(record.key) ?? '0:0').split(':').map(Number) as [number, number];
            const next = `${count + 1}:${sum + seq}`;
            store.put(record.key, next);
            ctx.forward(record.withValue(`${seq}:${next}:${o.instance}`));
          },
        };
      },
      { stores: ['totals'], name: 'totals-processor' },
    )
    .to(o.output, { keySerde: Serdes.string(), valueSerde: Serdes.string() });
  return b.build();
}

/**
 * The same totals through the DSL: `groupBy` (a repartition topic) → `aggregate` into `{ count, sum }` (store
 * `totals`, cached) → `toStream` → `<count>:<sum>:<instance>`. With caching, updates of one key between two
 * commits are merged, so outputs are a subsequence of the per-record totals, each still in closed form.
 */
export function totalsDslTopology(o: TotalsOptions): Topology {
  const b = new StreamsBuilder();
  b.stream(o.input, { keySerde: Serdes.string(), valueSerde: Serdes.string() })
    .groupBy((key) => key, { name: 'totals-by-key', keySerde: Serdes.string(), valueSerde: Serdes.string() })
    .aggregate(
      () => ({ count: 0, sum: 0 }),
      (_key, value, agg) => ({ count: agg.count + 1, sum: agg.sum + Number(value) }),
      {
        materialized: Materialized.as('totals', {
          valueSerde: Serdes.json<{ count: number; sum: number }>(),
          storeType: o.store,
        }),
      },
    )
    .toStream()
    .mapValues((v) => `${v!.count}:${v!.sum}:${o.instance}`)
    .to(o.output, { keySerde: Serdes.string(), valueSerde: Serdes.string() });
  return b.build();
}
