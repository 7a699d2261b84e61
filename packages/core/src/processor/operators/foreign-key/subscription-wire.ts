// The records a foreign-key join sends between the two tables' tasks, and the key of its subscription store.
// Every field is bytes the join's processors write and read themselves, so the topics use the bytes serde and
// need no serde that only the runtime knows; the bytes of keys are those of the tables' own key serdes, so the
// default partitioner puts a subscription on its foreign key's partition and a response on its primary key's.
//
// subscription (key: foreign key bytes):  [version 0][instruction][has hash][hash 16 bytes?][primary key bytes]
// response     (key: primary key bytes):  [version 0][has hash][hash 16 bytes?][has value][foreign value bytes?]
// store key:                              [foreign key length, 4 bytes BE][foreign key bytes][primary key bytes]
import { TopologyError } from '../../../errors.js';

/** What the foreign side does with a subscription (Kafka Streams' SubscriptionWrapper.Instruction). */
export const Instruction = Object.freeze({
  /** Drop the subscription and answer with null: the left row is gone. */
  DELETE_KEY_AND_PROPAGATE: 0,
  /** Drop the subscription silently: the left row moved to another foreign key, whose answer follows. */
  DELETE_KEY_NO_PROPAGATE: 1,
  /** Keep the subscription and answer, with null when the foreign key has no row (to unset an earlier result). */
  PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE: 2,
  /** Keep the subscription and answer only when the foreign key has a row (a new inner-join row). */
  PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE: 3,
});
export type Instruction = (typeof Instruction)[keyof typeof Instruction];

const VERSION = 0;
const HASH_BYTES = 16;

export interface Subscription {
  readonly instruction: Instruction;
  readonly hash: Uint8Array | null;
  readonly primaryKey: Uint8Array;
}

export interface Response {
  readonly hash: Uint8Array | null;
  readonly foreignValue: Uint8Array | null;
}

export function encodeSubscription(s: Subscription): Uint8Array {
  const hashLength = s.hash === null ? 0 : HASH_BYTES;
  const out = new Uint8Array(3 + hashLength + s.primaryKey.length);
  out[0] = VERSION;
  out[1] = s.instruction;
  out[2] = s.hash === null ? 0 : 1;
  if (s.hash !== null) out.set(s.hash, 3);
  out.set(s.primaryKey, 3 + hashLength);
  return out;
}

export function decodeSubscription(bytes: Uint8Array): Subscription {
  checkVersion(bytes, 'subscription');
  const instruction = bytes[1] as Instruction;
  const hasHash = bytes[2] === 1;
  const start = 3 + (hasHash ? HASH_BYTES : 0);
  return { instruction, hash: hasHash ? bytes.subarray(3, start) : null, primaryKey: bytes.subarray(start) };
}

export function encodeResponse(r: Response): Uint8Array {
  const hashLength = r.hash === null ? 0 : HASH_BYTES;
  const out = new Uint8Array(3 + hashLength + (r.foreignValue?.length ?? 0));
  out[0] = VERSION;
  out[1] = r.hash === null ? 0 : 1;
  if (r.hash !== null) out.set(r.hash, 2);
  out[2 + hashLength] = r.foreignValue === null ? 0 : 1;
  if (r.foreignValue !== null) out.set(r.foreignValue, 3 + hashLength);
  return out;
}

export function decodeResponse(bytes: Uint8Array): Response {
  checkVersion(bytes, 'response');
  const hasHash = bytes[1] === 1;
  const at = 2 + (hasHash ? HASH_BYTES : 0);
  return { hash: hasHash ? bytes.subarray(2, at) : null, foreignValue: bytes[at] === 1 ? bytes.subarray(at + 1) : null };
}

/** The store key of a subscription: all subscriptions of one foreign key share the prefix `combinedKeyPrefix`. */
export function combinedKey(foreignKey: Uint8Array, primaryKey: Uint8Array): Uint8Array {
  const prefix = combinedKeyPrefix(foreignKey);
  const out = new Uint8Array(prefix.length + primaryKey.length);
  out.set(prefix);
  out.set(primaryKey, prefix.length);
  return out;
}

export function combinedKeyPrefix(foreignKey: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + foreignKey.length);
  new DataView(out.buffer).setUint32(0, foreignKey.length);
  out.set(foreignKey, 4);
  return out;
}

export function bytesEqual(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function checkVersion(bytes: Uint8Array, what: string): void {
  if (bytes.length < 3 || bytes[0] !== VERSION) {
    throw new TopologyError(`foreign-key join: unreadable ${what} record (version ${bytes[0]}, ${bytes.length} bytes)`);
  }
}
