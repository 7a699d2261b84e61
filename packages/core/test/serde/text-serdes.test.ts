import { describe, expect, it } from 'vitest';
import { SerializationError } from '../../src/errors.js';
import { Serdes } from '../../src/serde/index.js';
import { errorOf, offsetView } from './serde-test-helpers.js';

const utf8 = (s: string): number[] => [...Buffer.from(s, 'utf8')];


describe('Serdes.string', () => {
  const serde = Serdes.string();

  it('writes UTF-8, including multi-byte characters', () => {
    expect([...serde.serialize('t', 'abc')!]).toEqual([0x61, 0x62, 0x63]);
    expect([...serde.serialize('t', 'é')!]).toEqual([0xc3, 0xa9]);
    expect([...serde.serialize('t', '€')!]).toEqual([0xe2, 0x82, 0xac]);
    expect([...serde.serialize('t', '😀')!]).toEqual([0xf0, 0x9f, 0x98, 0x80]);
    expect([...serde.serialize('t', '')!]).toEqual([]);
  });

  it('round-trips', () => {
    for (const s of ['', 'hello', 'Grüße, 世界 😀', '\u0000nul', '\uFEFFbom kept']) {
      expect(serde.deserialize('t', serde.serialize('t', s))).toBe(s);
    }
  });

  it('reads a Buffer view with a non-zero byteOffset', () => {
    expect(serde.deserialize('t', offsetView(utf8('héllo')))).toBe('héllo');
  });

  it('keeps a leading byte order mark, as Java does', () => {
    expect(serde.deserialize('t', new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe('\uFEFFa');
  });

  it('replaces malformed UTF-8 with U+FFFD, as Java does', () => {
    expect(serde.deserialize('t', new Uint8Array([0x61, 0xff, 0x62]))).toBe('a\uFFFDb');
  });

  it('is strict about null', () => {
    expect(errorOf(() => serde.deserialize('orders', null)).message).toBe(
      "string serde got null bytes from topic 'orders' (a tombstone or a record without key); " +
        'wrap it in Serdes.nullable(...) if nulls are expected',
    );
    expect(errorOf(() => serde.serialize('orders', null as unknown as string)).message).toMatch(
      /string serde got a null value for topic 'orders'.*Serdes\.nullable/,
    );
    expect(errorOf(() => serde.serialize('orders', 42 as unknown as string)).message).toMatch(/not a string/);
  });
});

describe('Serdes.json', () => {
  it('writes UTF-8 JSON text', () => {
    const serde = Serdes.json<{ a: number; s: string }>();
    expect([...serde.serialize('t', { a: 1, s: 'é' })!]).toEqual(utf8('{"a":1,"s":"é"}'));
    expect(serde.name).toBe('json');
  });

  it('round-trips objects, arrays and scalars', () => {
    const serde = Serdes.json<unknown>();
    for (const v of [{ a: [1, 2, { b: null }], c: 'x😀' }, [], 0, 'text', true]) {
      expect(serde.deserialize('t', serde.serialize('t', v))).toEqual(v);
    }
  });

  it('reads a Buffer view with a non-zero byteOffset', () => {
    expect(Serdes.json().deserialize('t', offsetView(utf8('{"k":[1,2]}')))).toEqual({ k: [1, 2] });
  });

  it('skips a leading byte order mark', () => {
    expect(Serdes.json().deserialize('t', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('[1]')]))).toEqual([1]);
  });

  it('rejects invalid JSON with the parse error as cause', () => {
    const err = errorOf(() => Serdes.json().deserialize('orders', Buffer.from('{"a":')));
    expect(err.message).toMatch(/^json serde cannot deserialize 5 bytes from topic 'orders': invalid JSON: /);
    expect(err.cause).toBeInstanceOf(SyntaxError);
    expect(() => Serdes.json().deserialize('orders', new Uint8Array(0))).toThrow(/0 bytes.*invalid JSON/);
  });

  it('rejects values JSON cannot represent', () => {
    const serde = Serdes.json<unknown>();
    const big = errorOf(() => serde.serialize('orders', { n: 1n }));
    expect(big.message).toMatch(/json serde cannot serialize .* for topic 'orders': JSON\.stringify failed/);
    expect(big.cause).toBeInstanceOf(TypeError);
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => serde.serialize('orders', cyclic)).toThrow(SerializationError);
    expect(() => serde.serialize('orders', () => 1)).toThrow(/gave no text/);
  });

  it('is strict about null, and nullable(json) maps it', () => {
    const serde = Serdes.json<{ a: number }>();
    expect(errorOf(() => serde.deserialize('orders', null)).message).toMatch(/^json serde got null bytes.*'orders'/);
    expect(() => serde.serialize('orders', null as unknown as { a: number })).toThrow(SerializationError);
    const nullable = Serdes.nullable(serde);
    expect(nullable.name).toBe('nullable(json)');
    expect(nullable.serialize('orders', null)).toBeNull();
    expect(nullable.deserialize('orders', null)).toBeNull();
    expect(nullable.deserialize('orders', nullable.serialize('orders', { a: 2 }))).toEqual({ a: 2 });
  });

  it('uses the replacer and the reviver', () => {
    const serde = Serdes.json<{ at: Date; n: bigint }>({
      replacer: (_k, v) => (typeof v === 'bigint' ? v.toString() : v),
      reviver: (k, v) => (k === 'at' ? new Date(v as string) : k === 'n' ? BigInt(v as string) : v),
    });
    const value = { at: new Date('2024-01-02T03:04:05.000Z'), n: 2n ** 64n };
    const bytes = serde.serialize('t', value);
    expect(Buffer.from(bytes!).toString()).toBe('{"at":"2024-01-02T03:04:05.000Z","n":"18446744073709551616"}');
    expect(serde.deserialize('t', bytes)).toEqual(value);
  });
});

describe('Serdes.uuid', () => {
  const serde = Serdes.uuid();
  const id = '123e4567-e89b-12d3-a456-426614174000';

  it('writes the canonical string as UTF-8, like Java UUIDSerializer', () => {
    expect([...serde.serialize('t', id)!]).toEqual(utf8(id));
    expect(serde.serialize('t', id)).toHaveLength(36);
    expect([...serde.serialize('t', id.toUpperCase())!]).toEqual(utf8(id));
  });

  it('round-trips and returns lowercase', () => {
    expect(serde.deserialize('t', serde.serialize('t', id))).toBe(id);
    expect(serde.deserialize('t', Buffer.from(id.toUpperCase()))).toBe(id);
  });

  it('reads a Buffer view with a non-zero byteOffset', () => {
    expect(serde.deserialize('t', offsetView(utf8(id)))).toBe(id);
  });

  it('rejects strings that are not canonical UUIDs', () => {
    for (const bad of ['', 'not-a-uuid', id.replace(/-/g, ''), `{${id}}`, id.replace('a', 'g'), `${id} `]) {
      expect(errorOf(() => serde.serialize('orders', bad)).message).toMatch(/^uuid serde cannot serialize .* 'orders'/);
    }
  });

  it('rejects bytes that are not a canonical UUID string, naming the length', () => {
    expect(errorOf(() => serde.deserialize('orders', Buffer.from('abc'))).message).toBe(
      "uuid serde cannot deserialize 3 bytes from topic 'orders': not a 36-character UUID string",
    );
    expect(() => serde.deserialize('orders', Buffer.from(id.replace('e', 'x')))).toThrow(/36 bytes.*'orders'/);
    expect(() => serde.deserialize('orders', new Uint8Array(16))).toThrow(SerializationError);
  });

  it('is strict about null', () => {
    expect(errorOf(() => serde.deserialize('orders', null)).message).toMatch(/^uuid serde got null bytes.*'orders'/);
    expect(Serdes.nullable(serde).deserialize('orders', null)).toBeNull();
  });
});
