// The records a foreign-key join sends between the two tables' tasks, in Kafka Streams' byte format
// (SubscriptionWrapperSerde, SubscriptionResponseWrapperSerde, CombinedKeySchema), so a Java application reads
// our internal topics and subscription store and we read its. Keys and values inside are the bytes of the
// tables' own serdes, which the join's processors write themselves: the topics need no serde known only at run
// time, and the default partitioner puts a subscription on its foreign key's partition.
//
// subscription (key: foreign key bytes, or null):
//   [version | 0x80 if no hash][instruction][hash: 16 bytes, if any][primary key bytes][primary partition: int32]
//   (version 1; version 0 has no partition)
// response (key: primary key bytes):
//   [version 0 | 0x80 if no hash][hash: 16 bytes, if any][foreign value bytes; none: null]
// subscription store key: [foreign key length: int32][foreign key bytes][primary key bytes]
// All integers are big-endian; the hash is Murmur3.hash128's two longs (see murmur3.ts).
import { TopologyError } from '../../../errors.js';
import type { Serde } from '../../../serde/serde.js';

/** What the foreign side does with a subscription (Kafka Streams' SubscriptionWrapper.Instruction, same bytes). */
export const Instruction = Object.freeze({
  /** Drop the subscription silently: the left row moved to another foreign key, whose answer follows. */
  DELETE_KEY_NO_PROPAGATE: 0,
  /** Drop the subscription and answer with null: the left row is gone (or, inner join, lost its foreign key). */
  DELETE_KEY_AND_PROPAGATE: 1,
  /** Keep the subscription and answer, with null when the foreign key has no row (to unset an earlier result). */
  PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE: 2,
  /** Keep the subscription and answer only when the foreign key has a row. */
  PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE: 3,
});
export type Instruction = (typeof Instruction)[keyof typeof Instruction];

const SUBSCRIPTION_VERSION = 1;
const RESPONSE_VERSION = 0;
const NO_HASH = 0x80;
const HASH_BYTES = 16;

export interface Subscription {
  readonly instruction: Instruction;
  /** The hash of the left row's new value, null when the row was deleted. */
  readonly hash: Uint8Array | null;
  readonly primaryKey: Uint8Array;
  /** The partition of the left row's record: the response goes back to it. Undefined in a version-0 record. */
  readonly primaryPartition: number | undefined;
}

export interface Response {
  readonly hash: Uint8Array | null;
  /** The foreign row's value, null when there is none. */
  readonly foreignValue: Uint8Array | null;
  /** Where the response goes (set by the sender, not written: a read response has none). */
  readonly primaryPartition: number | undefined;
}

export function encodeSubscription(s: Subscription): Uint8Array {
  const hashLength = s.hash === null ? 0 : HASH_BYTES;
  const version = s.primaryPartition === undefined ? 0 : SUBSCRIPTION_VERSION;
  const out = new Uint8Array(2 + hashLength + s.primaryKey.length + (version === 0 ? 0 : 4));
  out[0] = s.hash === null ? version | NO_HASH : version;
  out[1] = s.instruction;
  if (s.hash !== null) out.set(s.hash, 2);
  out.set(s.primaryKey, 2 + hashLength);
  if (s.primaryPartition !== undefined) new DataView(out.buffer).setInt32(out.length - 4, s.primaryPartition);
  return out;
}

export function decodeSubscription(bytes: Uint8Array): Subscription {
  const version = (bytes[0] ?? 0xff) & 0x7f;
  if (bytes.length < 2 || version > SUBSCRIPTION_VERSION) unreadable('subscription', bytes);
  const instruction = bytes[1] as Instruction;
  if (instruction > Instruction.PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE) unreadable('subscription', bytes);
  const hasHash = (bytes[0]! & NO_HASH) === 0;
  const start = 2 + (hasHash ? HASH_BYTES : 0);
  const end = version === 0 ? bytes.length : bytes.length - 4;
  if (end < start) unreadable('subscription', bytes);
  return {
    instruction,
    hash: hasHash ? bytes.subarray(2, start) : null,
    primaryKey: bytes.subarray(start, end),
    primaryPartition: version === 0 ? undefined : new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getInt32(end),
  };
}

export function encodeResponse(r: Response): Uint8Array {
  const hashLength = r.hash === null ? 0 : HASH_BYTES;
  const out = new Uint8Array(1 + hashLength + (r.foreignValue?.length ?? 0));
  out[0] = r.hash === null ? RESPONSE_VERSION | NO_HASH : RESPONSE_VERSION;
  if (r.hash !== null) out.set(r.hash, 1);
  if (r.foreignValue !== null) out.set(r.foreignValue, 1 + hashLength);
  return out;
}

/** As Kafka Streams reads it, a response without value bytes has no value (an empty serialized value reads as null). */
export function decodeResponse(bytes: Uint8Array): Response {
  if (bytes.length < 1 || (bytes[0]! & 0x7f) !== RESPONSE_VERSION) unreadable('response', bytes);
  const hasHash = (bytes[0]! & NO_HASH) === 0;
  const at = 1 + (hasHash ? HASH_BYTES : 0);
  if (bytes.length < at) unreadable('response', bytes);
  return {
    hash: hasHash ? bytes.subarray(1, at) : null,
    foreignValue: bytes.length > at ? bytes.subarray(at) : null,
    primaryPartition: undefined,
  };
}

/**
 * The response topic's value serde: the sender's responses carry the partition to go to (read by the topic's
 * partitioner), which is not written.
 */
export const responseSerde: Serde<Response> = Object.freeze({
  name: 'fk-join-response',
  serialize: (_topic: string, r: Response) => encodeResponse(r),
  deserialize: (_topic: string, bytes: Uint8Array | null) => {
    if (bytes === null) throw new TopologyError('foreign-key join: a response record without a value');
    return decodeResponse(bytes);
  },
});

/** Sends a response to the partition of the left record it answers (Kafka Streams' response-sink partitioner). */
export const responsePartitioner = (_topic: string, _key: unknown, r: Response): number | undefined => r.primaryPartition;

/** The store key of a subscription: all subscriptions of one foreign key share the prefix `combinedKeyPrefix`. */
export function combinedKey(foreignKey: Uint8Array, primaryKey: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + foreignKey.length + primaryKey.length);
  new DataView(out.buffer).setInt32(0, foreignKey.length);
  out.set(foreignKey, 4);
  out.set(primaryKey, 4 + foreignKey.length);
  return out;
}

export function combinedKeyPrefix(foreignKey: Uint8Array): Uint8Array {
  return combinedKey(foreignKey, new Uint8Array(0));
}

export function bytesEqual(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function unreadable(what: string, bytes: Uint8Array): never {
  throw new TopologyError(`foreign-key join: unreadable ${what} record (first byte ${bytes[0]}, ${bytes.length} bytes)`);
}
