// Turns an error that crossed the thread boundary as data (SerializedError) back into an instance of its class,
// so `app.error instanceof StreamsProcessingError` and its `location` hold as if it had been thrown in-process.
import { GroupRebalancingError, ProducerFencedError } from '../../client/client-errors.js';
import {
  ConfigError,
  IllegalStateError,
  KStreamsError,
  SerializationError,
  StateStoreError,
  StreamsProcessingError,
  TaskMigratedError,
  TopologyError,
} from '../../errors.js';
import type { SerializedError } from '../thread/thread-messages.js';

const classes: Record<string, new (...args: never[]) => Error> = {
  KStreamsError,
  SerializationError,
  TopologyError,
  ConfigError,
  StreamsProcessingError,
  TaskMigratedError,
  StateStoreError,
  IllegalStateError,
  ProducerFencedError,
  GroupRebalancingError,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
};

export function reviveError(data: SerializedError): Error {
  const cls = classes[data.name] ?? Error;
  // Not through the constructor: it would format the message again (StreamsProcessingError adds the location).
  const error = Object.create(cls.prototype) as Error & { location?: unknown };
  Object.defineProperty(error, 'message', { value: data.message, writable: true, configurable: true });
  Object.defineProperty(error, 'name', { value: data.name, writable: true, configurable: true });
  if (data.stack !== undefined) Object.defineProperty(error, 'stack', { value: data.stack, writable: true, configurable: true });
  if (data.location !== undefined) error.location = { ...data.location };
  if (data.cause !== undefined) Object.defineProperty(error, 'cause', { value: reviveError(data.cause), writable: true, configurable: true });
  return error;
}
