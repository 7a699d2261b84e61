// Store names become part of topic names (`<applicationId>-<store>-changelog`) and of LMDB database names, so
// they are held to the characters Kafka allows in a topic name.
import { TopologyError } from '../errors.js';

const VALID = /^[a-zA-Z0-9._-]+$/;

/** Returns `name` when it is a valid store name; throws a TopologyError otherwise. */
export function validateStoreName(name: string): string {
  if (typeof name !== 'string' || !VALID.test(name)) {
    throw new TopologyError(
      `invalid state store name ${JSON.stringify(name)}: use one or more of a-z, A-Z, 0-9, '.', '_' and '-' (it is part of the changelog topic's name)`,
    );
  }
  return name;
}
