// Serde<T> is invariant: a serde of T is a serde of exactly T. Above all, a serde that rejects null is not a
// serde of `T | null` (serde.ts says why the interface is written so).
import { describe, expectTypeOf, it } from 'vitest';
import { Serdes, type Deserializer, type Serde, type Serializer } from '../../src/serde/index.js';

describe('Serde variance', () => {
  it('keeps strict and nullable serdes apart', () => {
    const strict = Serdes.string();
    const nullable = Serdes.nullable(Serdes.string());
    expectTypeOf(strict).not.toExtend<Serde<string | null>>();
    expectTypeOf(nullable).not.toExtend<Serde<string>>();
    // @ts-expect-error Serdes.string() throws on null, so it is no Serde<string | null>
    const a: Serde<string | null> = strict;
    // @ts-expect-error it returns null for null bytes, so it is no Serde<string>
    const b: Serde<string> = nullable;
    const c: Serde<string | null> = nullable;
    void [a, b, c];
  });

  it('does not widen or narrow the type in either direction', () => {
    const letters: Serde<'a' | 'b'> = Serdes.from('letters', (_t, v: 'a' | 'b') => new Uint8Array([v.charCodeAt(0)]), () => 'a' as const);
    // @ts-expect-error a serde of 'a' | 'b' cannot write every string
    const wider: Serde<string> = letters;
    // @ts-expect-error a serde of any string would read values that are not 'a' | 'b'
    const narrower: Serde<'a' | 'b'> = Serdes.string();
    void [wider, narrower];
  });

  it('lets Serializer take a subtype and Deserializer give a supertype', () => {
    expectTypeOf(Serdes.nullable(Serdes.string())).toExtend<Serializer<string>>();
    expectTypeOf(Serdes.string()).not.toExtend<Serializer<string | null>>();
    expectTypeOf(Serdes.string()).toExtend<Deserializer<string | null>>();
    expectTypeOf(Serdes.nullable(Serdes.string())).not.toExtend<Deserializer<string>>();
  });

  it('still accepts serdes written with methods, and any serde as Serde<any>', () => {
    const upper: Serde<string> = {
      name: 'upper',
      serialize(_topic, data) {
        return new TextEncoder().encode(data.toUpperCase());
      },
      deserialize(_topic, data) {
        return new TextDecoder().decode(data ?? new Uint8Array());
      },
    };
    const serdes: Serde<any>[] = [upper, Serdes.int64(), Serdes.nullable(Serdes.json<{ a: number }>())];
    expectTypeOf(serdes).toEqualTypeOf<Serde<any>[]>();
  });
});
