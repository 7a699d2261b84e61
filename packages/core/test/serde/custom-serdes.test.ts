import { describe, expect, it } from 'vitest';
import { SerializationError } from '../../src/errors.js';
import { Headers } from '../../src/record/headers.js';
import { Serdes } from '../../src/serde/index.js';
import { errorOf } from './serde-test-helpers.js';


describe('Serdes.bytes', () => {
  const serde = Serdes.bytes();

  it('passes bytes through unchanged', () => {
    const data = new Uint8Array([1, 2, 3]);
    expect(serde.serialize('t', data)).toBe(data);
    expect([...serde.deserialize('t', new Uint8Array([0, 255]))]).toEqual([0, 255]);
  });

  it('keeps a Buffer view with a non-zero byteOffset as exactly its bytes', () => {
    const view = Buffer.concat([Buffer.from([9, 9]), Buffer.from([1, 2, 3]), Buffer.from([9])]).subarray(2, 5);
    const out = serde.deserialize('t', view);
    expect(out).toBeInstanceOf(Uint8Array);
    expect(out.byteLength).toBe(3);
    expect([...out]).toEqual([1, 2, 3]);
  });

  it('is strict about null and rejects non-bytes', () => {
    expect(errorOf(() => serde.deserialize('orders', null)).message).toMatch(/^bytes serde got null bytes.*'orders'/);
    expect(errorOf(() => serde.serialize('orders', 'x' as unknown as Uint8Array)).message).toMatch(/not a Uint8Array/);
  });
});

describe('Serdes.nullable', () => {
  it('maps null to null bytes and delegates everything else', () => {
    const serde = Serdes.nullable(Serdes.int64());
    expect(serde.name).toBe('nullable(int64)');
    expect(serde.serialize('t', null)).toBeNull();
    expect(serde.deserialize('t', null)).toBeNull();
    expect([...serde.serialize('t', 1n)!]).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(serde.deserialize('t', new Uint8Array([0, 0, 0, 0, 0, 0, 0, 2]))).toBe(2n);
  });

  it('treats undefined like null when serializing', () => {
    expect(Serdes.nullable(Serdes.string()).serialize('t', undefined as unknown as null)).toBeNull();
  });

  it('keeps the inner serde errors', () => {
    const err = errorOf(() => Serdes.nullable(Serdes.int32()).deserialize('orders', new Uint8Array(2)));
    expect(err.message).toMatch(/int32 serde expected 4 bytes from topic 'orders' but got 2/);
  });

  it('returns an already-nullable serde unchanged', () => {
    const once = Serdes.nullable(Serdes.string());
    expect(Serdes.nullable(once)).toBe(once);
    expect(Serdes.nullable(once).name).toBe('nullable(string)');
  });

  it('passes headers to the inner serde', () => {
    const seen: (Headers | undefined)[] = [];
    const inner = Serdes.from<string>(
      'h',
      (_t, d, h) => (seen.push(h), Buffer.from(d)),
      (_t, b, h) => (seen.push(h), Buffer.from(b).toString()),
    );
    const headers = new Headers().add('k', 'v');
    const serde = Serdes.nullable(inner);
    serde.deserialize('t', serde.serialize('t', 'x', headers), headers);
    expect(seen).toEqual([headers, headers]);
  });
});

describe('Serdes.from', () => {
  interface Point {
    x: number;
    y: number;
  }
  const point = Serdes.from<Point>(
    'point',
    (_topic, p) => {
      const out = new Uint8Array(8);
      const view = new DataView(out.buffer);
      view.setInt32(0, p.x);
      view.setInt32(4, p.y);
      return out;
    },
    (_topic, b) => {
      if (b.byteLength !== 8) throw new RangeError(`need 8 bytes, got ${b.byteLength}`);
      const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
      return { x: view.getInt32(0), y: view.getInt32(4) };
    },
  );

  it('round-trips through the given functions', () => {
    expect(point.name).toBe('point');
    const bytes = point.serialize('t', { x: 1, y: -1 });
    expect([...bytes!]).toEqual([0, 0, 0, 1, 255, 255, 255, 255]);
    expect(point.deserialize('t', bytes)).toEqual({ x: 1, y: -1 });
  });

  it('is strict about null and does not call the functions then', () => {
    expect(errorOf(() => point.deserialize('orders', null)).message).toMatch(/^point serde got null bytes.*'orders'/);
    const nullPoint = null as unknown as Point;
    expect(errorOf(() => point.serialize('orders', nullPoint)).message).toMatch(/point serde got a null value/);
    expect(Serdes.nullable(point).deserialize('orders', null)).toBeNull();
  });

  it('wraps what the functions throw in a SerializationError naming the serde and the topic', () => {
    const err = errorOf(() => point.deserialize('orders', new Uint8Array(3)));
    expect(err.message).toBe("point serde cannot deserialize 3 bytes from topic 'orders': need 8 bytes, got 3");
    expect(err.cause).toBeInstanceOf(RangeError);
    const failing = Serdes.from<string>(
      'failing',
      () => {
        throw new Error('boom');
      },
      () => 'x',
    );
    expect(errorOf(() => failing.serialize('orders', 'v')).message).toBe(
      `failing serde cannot serialize "v" for topic 'orders': boom`,
    );
  });

  it('rethrows a SerializationError unchanged', () => {
    const original = new SerializationError('custom');
    const serde = Serdes.from<string>(
      's',
      () => {
        throw original;
      },
      () => {
        throw original;
      },
    );
    expect(errorOf(() => serde.serialize('t', 'v'))).toBe(original);
    expect(errorOf(() => serde.deserialize('t', new Uint8Array(0)))).toBe(original);
  });

  it('rejects a serializer that returns no bytes', () => {
    const serde = Serdes.from<string>('bad', () => 'oops' as unknown as Uint8Array, () => 'x');
    expect(() => serde.serialize('t', 'v')).toThrow(/did not return a Uint8Array/);
  });
});
