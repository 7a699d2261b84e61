// Errors cross the instance–thread boundary as data (a structured clone, as worker_threads would pass them) and
// come back as instances of their class, with their message, location and cause.
import { describe, expect, it } from 'vitest';
import { GroupRebalancingError, ProducerFencedError } from '../../../src/client/client-errors.js';
import { SerializationError, StreamsProcessingError } from '../../../src/errors.js';
import { reviveError } from '../../../src/runtime/instance/revive-error.js';
import { serializeError } from '../../../src/runtime/thread/thread-messages.js';

const cross = (e: unknown) => reviveError(structuredClone(serializeError(e)));

describe('errors across the thread boundary', () => {
  it('a processing error keeps its class, message, record location and typed cause', () => {
    const cause = new SerializationError('not JSON: {oops');
    const original = new StreamsProcessingError('processing failed: not JSON', { taskId: '0_3', topic: 'orders', partition: 3, offset: 41 }, { cause });
    const revived = cross(original);
    expect(revived).toBeInstanceOf(StreamsProcessingError);
    expect(revived.message).toBe(original.message);
    expect(revived.message).toBe('processing failed: not JSON (task 0_3, topic orders, partition 3, offset 41)');
    expect((revived as StreamsProcessingError).location).toEqual({ taskId: '0_3', topic: 'orders', partition: 3, offset: 41 });
    expect(revived.stack).toBe(original.stack);
    expect(revived.cause).toBeInstanceOf(SerializationError);
    expect((revived.cause as Error).message).toBe('not JSON: {oops');
  });

  it('client errors, built-in errors and thrown non-errors come back as errors', () => {
    expect(cross(new ProducerFencedError('app-0_1'))).toBeInstanceOf(ProducerFencedError);
    expect(cross(new GroupRebalancingError())).toBeInstanceOf(GroupRebalancingError);
    const type = cross(new TypeError('x is not a function'));
    expect(type).toBeInstanceOf(TypeError);
    expect(type.message).toBe('x is not a function');
    const odd = cross('a string was thrown');
    expect(odd).toBeInstanceOf(Error);
    expect(odd.message).toBe('a string was thrown');
  });

  it('an error of an unknown class stays an Error and keeps its name', () => {
    class PaymentDeclined extends Error {
      override name = 'PaymentDeclined';
    }
    const revived = cross(new PaymentDeclined('card 42 declined'));
    expect(revived).toBeInstanceOf(Error);
    expect(revived.name).toBe('PaymentDeclined');
    expect(revived.message).toBe('card 42 declined');
  });
});
