import { describe, expectTypeOf, it } from 'vitest';
import { Serdes, type Serde, type SerdeType } from '../../src/serde/index.js';

describe('Serdes types', () => {
  it('gives each built-in serde its value type', () => {
    expectTypeOf(Serdes.string()).toEqualTypeOf<Serde<string>>();
    expectTypeOf(Serdes.bytes()).toEqualTypeOf<Serde<Uint8Array>>();
    expectTypeOf(Serdes.int32()).toEqualTypeOf<Serde<number>>();
    expectTypeOf(Serdes.int64()).toEqualTypeOf<Serde<bigint>>();
    expectTypeOf(Serdes.float64()).toEqualTypeOf<Serde<number>>();
    expectTypeOf(Serdes.uuid()).toEqualTypeOf<Serde<string>>();
    expectTypeOf(Serdes.json<{ a: number }>()).toEqualTypeOf<Serde<{ a: number }>>();
  });

  it('adds null with nullable', () => {
    expectTypeOf(Serdes.nullable(Serdes.int64())).toEqualTypeOf<Serde<bigint | null>>();
    expectTypeOf(Serdes.nullable(Serdes.json<{ a: number }>())).toEqualTypeOf<Serde<{ a: number } | null>>();
    expectTypeOf<SerdeType<ReturnType<typeof Serdes.nullable<string>>>>().toEqualTypeOf<string | null>();
  });

  it('infers the type of a custom serde from its functions', () => {
    const serde = Serdes.from(
      'p',
      (_t, p: { x: number }) => new Uint8Array([p.x]),
      (_t, b) => ({ x: b[0] ?? 0 }),
    );
    expectTypeOf(serde).toEqualTypeOf<Serde<{ x: number }>>();
    expectTypeOf<SerdeType<typeof serde>>().toEqualTypeOf<{ x: number }>();
  });

  it('types the serialize and deserialize signatures', () => {
    expectTypeOf(Serdes.string().serialize).returns.toEqualTypeOf<Uint8Array | null>();
    expectTypeOf(Serdes.nullable(Serdes.string()).deserialize).returns.toEqualTypeOf<string | null>();
    // @ts-expect-error a strict serde does not take null
    Serdes.string().serialize('t', null);
    // @ts-expect-error int64 takes a bigint, not a number
    Serdes.int64().serialize('t', 1);
  });
});
