import { describe, expect, it } from 'vitest';
import { SerializationError } from '../../src/errors.js';
import { Serdes } from '../../src/serde/index.js';
import { errorOf, offsetView } from './serde-test-helpers.js';



describe('Serdes.int32', () => {
  const serde = Serdes.int32();

  it('writes Java IntegerSerializer bytes', () => {
    expect([...serde.serialize('t', 1)!]).toEqual([0, 0, 0, 1]);
    expect([...serde.serialize('t', -1)!]).toEqual([255, 255, 255, 255]);
    expect([...serde.serialize('t', 0x01020304)!]).toEqual([1, 2, 3, 4]);
    expect([...serde.serialize('t', 2 ** 31 - 1)!]).toEqual([0x7f, 0xff, 0xff, 0xff]);
    expect([...serde.serialize('t', -(2 ** 31))!]).toEqual([0x80, 0, 0, 0]);
  });

  it('round-trips', () => {
    for (const n of [0, 1, -1, 42, -123456, 2 ** 31 - 1, -(2 ** 31)]) {
      expect(serde.deserialize('t', serde.serialize('t', n))).toBe(n);
    }
  });

  it('reads a Buffer view with a non-zero byteOffset', () => {
    expect(serde.deserialize('t', offsetView([0, 0, 1, 0]))).toBe(256);
    expect(serde.deserialize('t', offsetView([255, 255, 255, 254]))).toBe(-2);
  });

  it('rejects non-integers, out-of-range numbers and non-numbers', () => {
    expect(errorOf(() => serde.serialize('orders', 1.5)).message).toMatch(/int32.*1\.5.*'orders'.*not an integer/);
    expect(errorOf(() => serde.serialize('orders', NaN)).message).toMatch(/not an integer/);
    expect(errorOf(() => serde.serialize('orders', 2 ** 31)).message).toMatch(/out of range/);
    expect(errorOf(() => serde.serialize('orders', -(2 ** 31) - 1)).message).toMatch(/out of range/);
    expect(errorOf(() => serde.serialize('orders', '1' as unknown as number)).message).toMatch(/not a number/);
  });

  it('rejects a wrong byte length, naming the length and the topic', () => {
    const err = errorOf(() => serde.deserialize('orders', new Uint8Array(3)));
    expect(err.message).toBe("int32 serde expected 4 bytes from topic 'orders' but got 3");
    expect(() => serde.deserialize('orders', new Uint8Array(8))).toThrow(/got 8/);
  });
});

describe('Serdes.int64', () => {
  const serde = Serdes.int64();

  it('writes Java LongSerializer bytes', () => {
    expect([...serde.serialize('t', 1n)!]).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect([...serde.serialize('t', -1n)!]).toEqual([255, 255, 255, 255, 255, 255, 255, 255]);
    expect([...serde.serialize('t', 2n ** 40n)!]).toEqual([0, 0, 1, 0, 0, 0, 0, 0]);
    expect([...serde.serialize('t', 2n ** 63n - 1n)!]).toEqual([0x7f, 255, 255, 255, 255, 255, 255, 255]);
    expect([...serde.serialize('t', -(2n ** 63n))!]).toEqual([0x80, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('round-trips', () => {
    for (const n of [0n, 1n, -1n, 2n ** 40n, -(2n ** 53n) - 7n, 2n ** 63n - 1n, -(2n ** 63n)]) {
      expect(serde.deserialize('t', serde.serialize('t', n))).toBe(n);
    }
  });

  it('reads a Buffer view with a non-zero byteOffset', () => {
    expect(serde.deserialize('t', offsetView([0, 0, 1, 0, 0, 0, 0, 0]))).toBe(2n ** 40n);
  });

  it('rejects out-of-range values and numbers', () => {
    expect(errorOf(() => serde.serialize('orders', 2n ** 63n)).message).toMatch(/int64.*'orders'.*out of range/);
    expect(errorOf(() => serde.serialize('orders', -(2n ** 63n) - 1n)).message).toMatch(/out of range/);
    expect(errorOf(() => serde.serialize('orders', 5 as unknown as bigint)).message).toMatch(/not a bigint/);
  });

  it('rejects a wrong byte length', () => {
    expect(errorOf(() => serde.deserialize('orders', new Uint8Array(4))).message).toBe(
      "int64 serde expected 8 bytes from topic 'orders' but got 4",
    );
  });
});

describe('Serdes.float64', () => {
  const serde = Serdes.float64();

  it('writes Java DoubleSerializer bytes', () => {
    expect([...serde.serialize('t', 1.5)!]).toEqual([0x3f, 0xf8, 0, 0, 0, 0, 0, 0]);
    expect([...serde.serialize('t', -2)!]).toEqual([0xc0, 0, 0, 0, 0, 0, 0, 0]);
    expect([...serde.serialize('t', 0)!]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect([...serde.serialize('t', -0)!]).toEqual([0x80, 0, 0, 0, 0, 0, 0, 0]);
    expect([...serde.serialize('t', Infinity)!]).toEqual([0x7f, 0xf0, 0, 0, 0, 0, 0, 0]);
    expect([...serde.serialize('t', NaN)!]).toEqual([0x7f, 0xf8, 0, 0, 0, 0, 0, 0]);
  });

  it('round-trips', () => {
    for (const n of [0, 1.5, -1e-300, Math.PI, Number.MAX_VALUE, Number.MIN_VALUE, -Infinity]) {
      expect(serde.deserialize('t', serde.serialize('t', n))).toBe(n);
    }
    expect(serde.deserialize('t', serde.serialize('t', NaN))).toBeNaN();
    expect(Object.is(serde.deserialize('t', serde.serialize('t', -0)), -0)).toBe(true);
  });

  it('reads a Buffer view with a non-zero byteOffset', () => {
    expect(serde.deserialize('t', offsetView([0x3f, 0xf8, 0, 0, 0, 0, 0, 0]))).toBe(1.5);
  });

  it('rejects non-numbers and a wrong byte length', () => {
    expect(errorOf(() => serde.serialize('orders', 1n as unknown as number)).message).toMatch(/float64.*'orders'/);
    expect(errorOf(() => serde.deserialize('orders', new Uint8Array(7))).message).toMatch(/8 bytes.*'orders'.*got 7/);
  });
});

describe('numeric serdes and null', () => {
  for (const serde of [Serdes.int32(), Serdes.int64(), Serdes.float64()]) {
    it(`${serde.name} is strict about null and nullable(${serde.name}) maps it`, () => {
      const err = errorOf(() => serde.deserialize('orders', null));
      expect(err.message).toBe(
        `${serde.name} serde got null bytes from topic 'orders' (a tombstone or a record without key); ` +
          'wrap it in Serdes.nullable(...) if nulls are expected',
      );
      expect(() => (serde as { serialize(t: string, d: unknown): unknown }).serialize('orders', null)).toThrow(
        SerializationError,
      );
      const nullable = Serdes.nullable(serde as ReturnType<typeof Serdes.int32>);
      expect(nullable.deserialize('orders', null)).toBeNull();
      expect(nullable.serialize('orders', null)).toBeNull();
    });
  }
});

describe('Serdes.int64Number', () => {
  const serde = Serdes.int64Number();

  it('writes the bytes of Java LongSerializer (the same as Serdes.int64)', () => {
    for (const n of [0, 1, -1, 300, -(2 ** 40), Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]) {
      expect([...serde.serialize('t', n)!]).toEqual([...Serdes.int64().serialize('t', BigInt(n))!]);
      expect(serde.deserialize('t', serde.serialize('t', n))).toBe(n);
    }
    expect(serde.deserialize('t', offsetView([0, 0, 0, 0, 0, 0, 1, 2]))).toBe(258);
  });

  it('rejects non-integers and values beyond the safe integer range', () => {
    expect(errorOf(() => serde.serialize('counts', 1.5)).message).toMatch(/int64Number.*'counts'.*not a safe integer/);
    expect(errorOf(() => serde.serialize('counts', 2 ** 60)).message).toMatch(/not a safe integer/);
    const big = Serdes.int64().serialize('t', 2n ** 60n);
    expect(errorOf(() => serde.deserialize('counts', big)).message).toMatch(/outside the safe integer range/);
    expect(errorOf(() => serde.deserialize('counts', new Uint8Array(4))).message).toMatch(/expected 8 bytes/);
  });
});
