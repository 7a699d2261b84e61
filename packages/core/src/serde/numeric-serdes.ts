// Fixed-width numbers, byte-for-byte like Java Kafka's IntegerSerializer, LongSerializer and DoubleSerializer:
// big-endian, two's complement for integers, IEEE-754 for doubles.
import type { Serde } from './serde.js';
import { badBytesError, badValueError, requireBytes, requireLength, requireValue } from './serde-errors.js';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** A DataView over exactly `data`'s bytes (a Node Buffer may be a view into a larger pool). */
function viewOf(data: Uint8Array): DataView {
  return new DataView(data.buffer, data.byteOffset, data.byteLength);
}

const int32Serde: Serde<number> = Object.freeze({
  name: 'int32',
  serialize(topic: string, data: number): Uint8Array {
    requireValue('int32', topic, data);
    if (typeof data !== 'number') throw badValueError('int32', topic, data, 'not a number');
    if (!Number.isInteger(data)) throw badValueError('int32', topic, data, 'not an integer');
    if (data < INT32_MIN || data > INT32_MAX) {
      throw badValueError('int32', topic, data, `out of range [${INT32_MIN}, ${INT32_MAX}]`);
    }
    const out = new Uint8Array(4);
    new DataView(out.buffer).setInt32(0, data);
    return out;
  },
  deserialize(topic: string, data: Uint8Array | null): number {
    const bytes = requireBytes('int32', topic, data);
    requireLength('int32', topic, bytes, 4);
    return viewOf(bytes).getInt32(0);
  },
});

const int64Serde: Serde<bigint> = Object.freeze({
  name: 'int64',
  serialize(topic: string, data: bigint): Uint8Array {
    requireValue('int64', topic, data);
    if (typeof data !== 'bigint') throw badValueError('int64', topic, data, 'not a bigint');
    if (data < INT64_MIN || data > INT64_MAX) {
      throw badValueError('int64', topic, data, `out of range [${INT64_MIN}, ${INT64_MAX}]`);
    }
    const out = new Uint8Array(8);
    new DataView(out.buffer).setBigInt64(0, data);
    return out;
  },
  deserialize(topic: string, data: Uint8Array | null): bigint {
    const bytes = requireBytes('int64', topic, data);
    requireLength('int64', topic, bytes, 8);
    return viewOf(bytes).getBigInt64(0);
  },
});

const float64Serde: Serde<number> = Object.freeze({
  name: 'float64',
  serialize(topic: string, data: number): Uint8Array {
    requireValue('float64', topic, data);
    if (typeof data !== 'number') throw badValueError('float64', topic, data, 'not a number');
    const out = new Uint8Array(8);
    const view = new DataView(out.buffer);
    // Java's doubleToLongBits writes every NaN as the canonical 0x7ff8000000000000; do the same.
    if (Number.isNaN(data)) view.setUint32(0, 0x7ff80000);
    else view.setFloat64(0, data);
    return out;
  },
  deserialize(topic: string, data: Uint8Array | null): number {
    const bytes = requireBytes('float64', topic, data);
    requireLength('float64', topic, bytes, 8);
    return viewOf(bytes).getFloat64(0);
  },
});

/**
 * 4-byte big-endian two's complement, like Java's IntegerSerializer. Serializing a non-integer or a number outside
 * the int32 range throws.
 */
export function int32(): Serde<number> {
  return int32Serde;
}

/**
 * 8-byte big-endian two's complement, like Java's LongSerializer. Serializing a bigint outside the int64 range
 * throws.
 */
export function int64(): Serde<bigint> {
  return int64Serde;
}

/** 8-byte big-endian IEEE-754, like Java's DoubleSerializer (NaN is written in Java's canonical form). */
export function float64(): Serde<number> {
  return float64Serde;
}

const int64NumberSerde: Serde<number> = Object.freeze({
  name: 'int64Number',
  serialize(topic: string, data: number): Uint8Array {
    requireValue('int64Number', topic, data);
    if (typeof data !== 'number') throw badValueError('int64Number', topic, data, 'not a number');
    if (!Number.isSafeInteger(data)) throw badValueError('int64Number', topic, data, 'not a safe integer');
    const out = new Uint8Array(8);
    new DataView(out.buffer).setBigInt64(0, BigInt(data));
    return out;
  },
  deserialize(topic: string, data: Uint8Array | null): number {
    const bytes = requireBytes('int64Number', topic, data);
    requireLength('int64Number', topic, bytes, 8);
    const value = viewOf(bytes).getBigInt64(0);
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw badBytesError('int64Number', topic, bytes, `${value} is outside the safe integer range of a number`);
    }
    return Number(value);
  },
});

/**
 * The bytes of `int64` (Java's LongSerializer) as a JS number: what `count()` uses, so counts are numbers in
 * TypeScript and longs for Java consumers. Serializing a non-integer, or reading a value beyond
 * ±Number.MAX_SAFE_INTEGER, throws.
 */
export function int64Number(): Serde<number> {
  return int64NumberSerde;
}
