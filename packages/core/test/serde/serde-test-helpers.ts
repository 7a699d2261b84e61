// Helpers shared by the serde tests.
import { expect } from 'vitest';
import { SerializationError } from '../../src/errors.js';

/**
 * `bytes` as a Buffer view at a non-zero offset into a larger buffer, as kafkajs hands them. The bytes around
 * it (`{` before, `}` after) would change the result of a serde that read past the view.
 */
export function offsetView(bytes: Uint8Array | number[]): Buffer {
  const whole = Buffer.concat([Buffer.from('junk{'), Buffer.from(bytes), Buffer.from('}trailing')]);
  return whole.subarray(5, 5 + bytes.length);
}

/** The SerializationError `fn` throws; fails the test if it throws nothing or something else. */
export function errorOf(fn: () => unknown): SerializationError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(SerializationError);
    return err as SerializationError;
  }
  throw new Error('expected a SerializationError');
}
