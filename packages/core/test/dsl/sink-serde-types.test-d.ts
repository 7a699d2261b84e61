// A stream whose values may be null (a table's changelog) needs serdes that take null wherever it is written.
import { describe, expectTypeOf, it } from 'vitest';
import { Materialized, Serdes, StreamsBuilder, type KStream, type KTable } from '@kstreams/core';

describe('serdes of nullable values', () => {
  const b = new StreamsBuilder();
  const table = b.table('t', { keySerde: Serdes.string(), valueSerde: Serdes.int64Number() });
  const changes = table.toStream();

  it('types a table changelog as nullable values', () => {
    expectTypeOf(changes).toEqualTypeOf<KStream<string, number | null>>();
  });

  it('rejects a sink serde that throws on null', () => {
    // @ts-expect-error Serdes.int64Number() throws on a deletion (null value)
    changes.to('out', { valueSerde: Serdes.int64Number() });
    // @ts-expect-error likewise through a repartition topic
    changes.repartition({ valueSerde: Serdes.int64Number() });
    // @ts-expect-error likewise through a grouping's repartition topic
    changes.groupByKey({ valueSerde: Serdes.int64Number() });
    changes.to('out', { valueSerde: Serdes.nullable(Serdes.int64Number()) });
    changes.repartition({ valueSerde: Serdes.nullable(Serdes.int64Number()) });
    changes.to('out', { keySerde: Serdes.string() });
  });

  it('accepts a strict serde once the nulls are filtered out', () => {
    changes.filter((_k, v) => v !== null).to('out', { valueSerde: Serdes.int64Number() });
    changes.mapValues((v) => v ?? 0).to('out', { valueSerde: Serdes.int64Number() });
  });

  it('types a source read with a nullable serde as nullable', () => {
    const s = b.stream('in', { keySerde: Serdes.nullable(Serdes.string()), valueSerde: Serdes.nullable(Serdes.json<{ a: number }>()) });
    expectTypeOf(s).toEqualTypeOf<KStream<string | null, { a: number } | null>>();
    // @ts-expect-error its keys may be null too
    s.to('out', { keySerde: Serdes.string() });
  });

  it('infers a mapped table from its mapper when a materialized serde is given', () => {
    const labels = table.mapValues((v) => `#${v}`, { materialized: Materialized.as('labels', { valueSerde: Serdes.string() }) });
    expectTypeOf(labels).toEqualTypeOf<KTable<string, string>>();
    const joined = table.join(labels, (n, l) => `${l}${n}`, { materialized: Materialized.as('joined', { valueSerde: Serdes.string() }) });
    expectTypeOf(joined).toEqualTypeOf<KTable<string, string>>();
    // @ts-expect-error the store's serde must fit the mapped values
    table.mapValues((v) => `#${v}`, { materialized: Materialized.as('labels', { valueSerde: Serdes.int32() }) });
  });
});
