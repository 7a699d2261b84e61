// filter and filterNot narrow the stream with a type guard, on the value or on the key.
import { describe, expectTypeOf, it } from 'vitest';
import { Serdes, StreamsBuilder, type KStream } from '@kstreams/core';

interface Circle {
  kind: 'circle';
  r: number;
}
interface Square {
  kind: 'square';
  side: number;
}
type Shape = Circle | Square;

describe('filter types', () => {
  const b = new StreamsBuilder();
  const shapes = b.stream<string | null, Shape | null>('shapes');

  it('narrows the value with a value guard', () => {
    expectTypeOf(shapes.filter((_k, v): v is Shape => v !== null)).toEqualTypeOf<KStream<string | null, Shape>>();
    expectTypeOf(shapes.filter((_k, v): v is Circle => v?.kind === 'circle')).toEqualTypeOf<KStream<string | null, Circle>>();
  });

  it('narrows the key with a key guard', () => {
    expectTypeOf(shapes.filter((k, _v): k is string => k !== null)).toEqualTypeOf<KStream<string, Shape | null>>();
  });

  it('narrows with the guard TypeScript infers from the predicate', () => {
    expectTypeOf(shapes.filter((_k, v) => v !== null)).toEqualTypeOf<KStream<string | null, Shape>>();
    expectTypeOf(shapes.filter((k) => k !== null)).toEqualTypeOf<KStream<string, Shape | null>>();
  });

  it('keeps the types with a plain predicate', () => {
    expectTypeOf(shapes.filter((_k, v) => v !== null && v.kind === 'circle' && v.r > 1)).toEqualTypeOf<KStream<string | null, Shape | null>>();
    expectTypeOf(shapes.filterNot(() => false)).toEqualTypeOf<KStream<string | null, Shape | null>>();
  });

  it('filterNot removes what the guard guards', () => {
    expectTypeOf(shapes.filterNot((_k, v): v is null => v === null)).toEqualTypeOf<KStream<string | null, Shape>>();
    expectTypeOf(shapes.filterNot((_k, v): v is Circle | null => v === null || v.kind === 'circle')).toEqualTypeOf<KStream<string | null, Square>>();
    expectTypeOf(shapes.filterNot((k, _v): k is null => k === null)).toEqualTypeOf<KStream<string, Shape | null>>();
  });

  it('a narrowed stream then takes a serde of the narrowed type', () => {
    const table = b.table('t', { keySerde: Serdes.string(), valueSerde: Serdes.string() });
    table.toStream().filter((_k, v) => v !== null).to('out', { valueSerde: Serdes.string() });
    // @ts-expect-error without the filter the values may be null (deletions)
    table.toStream().to('out', { valueSerde: Serdes.string() });
  });

  it('lets later steps use the narrowed type', () => {
    shapes.filter((_k, v): v is Circle => v?.kind === 'circle').mapValues((c) => c.r);
    shapes.filterNot((_k, v) => v === null).mapValues((s) => s.kind);
    // @ts-expect-error not narrowed: the value may be null, or a Square without `r`
    shapes.mapValues((c) => c.r);
    // @ts-expect-error filterNot with a plain predicate does not narrow
    shapes.filterNot((_k, v) => v === null || v.kind === 'square').mapValues((c) => c.r);
  });
});
