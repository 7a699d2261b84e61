// The bytes of a timestamped store's values: Java's ValueAndTimestampSerializer layout (int64 BE timestamp, then
// the value's bytes), and ValueAndTimestamp.make / getValueOrNull.
import { describe, expect, it } from 'vitest';
import { Serdes } from '../../src/serde/serdes.js';
import { ValueAndTimestamp } from '../../src/state/value-and-timestamp.js';
import { rawValueOf, timestampedBytes, timestampOf, valueAndTimestampSerde } from '../../src/state/value-and-timestamp-serde.js';

const serde = valueAndTimestampSerde(Serdes.string());
const hex = (bytes: Uint8Array | null) => (bytes === null ? null : Buffer.from(bytes).toString('hex'));

describe('valueAndTimestampSerde', () => {
  it('writes the bytes Java writes: the timestamp as an 8-byte big-endian long, then the value', () => {
    expect(hex(serde.serialize('t', { value: 'a', timestamp: 1 }))).toBe('000000000000000161');
    // 1700000000123 = 0x18BCFE5687B
    expect(hex(serde.serialize('t', { value: 'hi', timestamp: 1_700_000_000_123 }))).toBe('0000018bcfe5687b6869');
    // -1 (Kafka's NO_TIMESTAMP) in two's complement.
    expect(hex(serde.serialize('t', { value: '', timestamp: -1 }))).toBe('ffffffffffffffff');
  });

  it('reads them back', () => {
    for (const timestamp of [0, 1, -1, 2 ** 32, 2 ** 32 - 1, 1_700_000_000_123, Number.MAX_SAFE_INTEGER, -(2 ** 40)]) {
      const bytes = serde.serialize('t', { value: 'v', timestamp })!;
      expect(serde.deserialize('t', bytes)).toEqual({ value: 'v', timestamp });
      expect(timestampOf(bytes)).toBe(timestamp);
      expect(Buffer.from(rawValueOf(bytes)).toString()).toBe('v');
    }
    expect(timestampedBytes(1, new Uint8Array([0x61]))).toEqual(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 1, 0x61]));
  });

  it('writes null when the value serde does (a nullable serde given null): the store deletes the key', () => {
    const nullable = valueAndTimestampSerde(Serdes.nullable(Serdes.string()));
    expect(nullable.serialize('t', { value: null, timestamp: 5 })).toBeNull();
  });

  it('rejects bytes too short to hold a timestamp', () => {
    expect(() => serde.deserialize('t', new Uint8Array(7))).toThrow(/at least 8 bytes/);
  });
});

describe('ValueAndTimestamp', () => {
  it('make returns null for a null value, as Java does', () => {
    expect(ValueAndTimestamp.make('x', 3)).toEqual({ value: 'x', timestamp: 3 });
    expect(ValueAndTimestamp.make(null, 3)).toBeNull();
    expect(ValueAndTimestamp.make(undefined, 3)).toBeNull();
    expect(ValueAndTimestamp.make(0, 3)).toEqual({ value: 0, timestamp: 3 });
  });

  it('getValueOrNull', () => {
    expect(ValueAndTimestamp.getValueOrNull({ value: 'x', timestamp: 1 })).toBe('x');
    expect(ValueAndTimestamp.getValueOrNull(null)).toBeNull();
    expect(ValueAndTimestamp.getValueOrNull(undefined)).toBeNull();
  });
});
