// The repartition format of a KGroupedTable's changes must be Kafka Streams' (ChangedSerializer, KIP-904), so a
// Java application can read and write the same internal topic.
import { describe, expect, it } from 'vitest';
import { Serdes } from '@kstreams/core';
import { changeSerde } from '../../src/processor/operators/table/change-serde.js';

const serde = changeSerde(Serdes.string());
const bytes = (...values: (number | string)[]) =>
  Uint8Array.from(values.flatMap((v) => (typeof v === 'string' ? [...Buffer.from(v)] : [v])));

describe('changeSerde', () => {
  it('writes a new value alone as {value}{1}', () => {
    expect(serde.serialize('t', { newValue: 'a', oldValue: null })).toEqual(bytes('a', 1));
  });

  it('writes an old value alone as {value}{0}', () => {
    expect(serde.serialize('t', { newValue: null, oldValue: 'c' })).toEqual(bytes('c', 0));
  });

  it('writes both as {zig-zag varint new length}{new}{old}{2}', () => {
    expect(serde.serialize('t', { newValue: 'ab', oldValue: 'c' })).toEqual(bytes(4, 'ab', 'c', 2));
    const long = 'x'.repeat(200);
    // zig-zag(200) = 400 = 0b1_1001_0000 → varint 0x90 0x03
    expect(serde.serialize('t', { newValue: long, oldValue: '' })!.subarray(0, 2)).toEqual(bytes(0x90, 0x03));
  });

  it('reads back what it writes, empty values included', () => {
    for (const change of [
      { newValue: 'ab', oldValue: 'c' },
      { newValue: '', oldValue: '' },
      { newValue: 'x'.repeat(300), oldValue: 'y' },
      { newValue: null, oldValue: 'old' },
      { newValue: 'new', oldValue: null },
    ]) {
      expect(serde.deserialize('t', serde.serialize('t', change))).toEqual(change);
    }
  });

  it("reads Java's reserved layouts 3-5, which carry an isLatest byte", () => {
    expect(serde.deserialize('t', bytes('o', 1, 3))).toEqual({ newValue: null, oldValue: 'o' });
    expect(serde.deserialize('t', bytes('n', 0, 4))).toEqual({ newValue: 'n', oldValue: null });
    expect(serde.deserialize('t', bytes(2, 'n', 'o', 1, 5))).toEqual({ newValue: 'n', oldValue: 'o' });
  });

  it('rejects a change without values and an unknown flag with a SerializationError', () => {
    expect(() => serde.serialize('t', { newValue: null, oldValue: null })).toThrow(/both the old and the new value are null/);
    expect(() => serde.deserialize('t', bytes('a', 9))).toThrow(/unknown encoding flag 9/);
  });
});
