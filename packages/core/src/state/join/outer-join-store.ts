// The shared store of a left or outer stream–stream join (Kafka Streams' outer-join store, KIP-633's spurious
// result fix): records that found no partner yet wait here, keyed by (timestamp, join side, key) so they come
// out in time order, until their window closes and they are emitted joined with null, or a partner arrives and
// deletes them. Several records of one key, side and timestamp share an entry (a list, as Kafka Streams'
// ListValueStore). Changelogged like any key-value store.
//   key:   [timestamp, int64 BE][1 if left side else 0][key bytes]   (Kafka Streams' TimestampedKeyAndJoinSide)
//   value: for each record: [length of what follows, int32 BE][1 if left else 0][value bytes]
import { SerializationError } from '../../errors.js';
import type { Serde } from '../../serde/serde.js';
import { Stores } from '../stores.js';
import type { KeyValueBytesStore } from '../key-value-store.js';
import { MeteredKeyValueStore } from '../layers/metered-key-value-store.js';
import type { StateStoreContext } from '../state-store-context.js';
import type { KeyValueBytesStoreSupplier, StoreBuilder } from '../store-builder.js';
import { ChangeLoggingKeyValueStore } from '../layers/change-logging-key-value-store.js';
import type { KeyValueStore } from '../key-value-store.js';

export interface OuterJoinKey<K> {
  readonly timestamp: number;
  readonly leftSide: boolean;
  readonly key: K;
}

export interface LeftOrRightValue<VL, VR> {
  readonly leftSide: boolean;
  readonly value: VL | VR;
}

export type OuterJoinStore<K, VL, VR> = KeyValueStore<OuterJoinKey<K>, Array<LeftOrRightValue<VL, VR>>>;

function bytesOf<T>(serde: Serde<T>, topic: string, value: T, what: string): Uint8Array {
  const bytes = serde.serialize(topic, value);
  if (bytes === null) throw new SerializationError(`an outer-join store ${what} serialized to null (serde ${serde.name})`);
  return bytes;
}

export function outerJoinKeySerde<K>(keySerde: Serde<K>): Serde<OuterJoinKey<K>> {
  return {
    name: `outerJoinKey(${keySerde.name})`,
    serialize: (topic, k) => {
      const key = bytesOf(keySerde, topic, k.key, 'key');
      const out = new Uint8Array(9 + key.length);
      new DataView(out.buffer).setBigInt64(0, BigInt(k.timestamp), false);
      out[8] = k.leftSide ? 1 : 0;
      out.set(key, 9);
      return out;
    },
    deserialize: (topic, data) => {
      if (data === null || data.length < 9) throw new SerializationError('not an outer-join store key');
      const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
      return { timestamp: Number(view.getBigInt64(0, false)), leftSide: data[8] === 1, key: keySerde.deserialize(topic, data.subarray(9)) };
    },
  };
}

export function leftOrRightListSerde<VL, VR>(left: Serde<VL>, right: Serde<VR>): Serde<Array<LeftOrRightValue<VL, VR>>> {
  return {
    name: `leftOrRightList(${left.name}, ${right.name})`,
    serialize: (topic, values) => {
      const parts = values.map((v) => bytesOf((v.leftSide ? left : right) as Serde<VL | VR>, topic, v.value, 'value'));
      const out = new Uint8Array(parts.reduce((n, p) => n + 5 + p.length, 0));
      const view = new DataView(out.buffer);
      let at = 0;
      values.forEach((v, i) => {
        const p = parts[i]!;
        view.setInt32(at, p.length + 1, false);
        out[at + 4] = v.leftSide ? 1 : 0;
        out.set(p, at + 5);
        at += 5 + p.length;
      });
      return out;
    },
    deserialize: (topic, data) => {
      if (data === null) throw new SerializationError('an outer-join store value cannot be null');
      const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
      const out: Array<LeftOrRightValue<VL, VR>> = [];
      for (let at = 0; at < data.length; ) {
        const length = view.getInt32(at, false);
        const leftSide = data[at + 4] === 1;
        const bytes = data.subarray(at + 5, at + 4 + length);
        out.push({ leftSide, value: leftSide ? left.deserialize(topic, bytes) : right.deserialize(topic, bytes) });
        at += 4 + length;
      }
      return out;
    },
  };
}

/** The metered layer of the outer-join store: its composite serdes, built at init from the streams' serdes or the config's defaults. */
class MeteredOuterJoinStore<K, VL, VR> extends MeteredKeyValueStore<OuterJoinKey<K>, Array<LeftOrRightValue<VL, VR>>> {
  constructor(
    inner: KeyValueBytesStore,
    private readonly serdes: { readonly key?: Serde<K>; readonly left?: Serde<VL>; readonly right?: Serde<VR> },
  ) {
    super(inner, undefined, undefined);
  }

  protected override resolveKeySerde(context: StateStoreContext): Serde<OuterJoinKey<K>> | undefined {
    const key = this.serdes.key ?? (context.defaultKeySerde as Serde<K> | undefined);
    return key === undefined ? undefined : outerJoinKeySerde(key);
  }

  protected override resolveValueSerde(context: StateStoreContext): Serde<Array<LeftOrRightValue<VL, VR>>> | undefined {
    const left = this.serdes.left ?? (context.defaultValueSerde as Serde<VL> | undefined);
    const right = this.serdes.right ?? (context.defaultValueSerde as Serde<VR> | undefined);
    return left === undefined || right === undefined ? undefined : leftOrRightListSerde(left, right);
  }
}

/** The builder of an outer-join store: LMDB unless `inMemory`, logged, never cached (as Kafka Streams builds it). */
export class OuterJoinStoreBuilder<K, VL, VR> implements StoreBuilder<OuterJoinStore<K, VL, VR>> {
  readonly persistent: boolean;
  readonly cachingEnabled = false;
  readonly logConfig: Readonly<Record<string, string>> = Object.freeze({});

  constructor(
    readonly name: string,
    private readonly serdes: { readonly key?: Serde<K>; readonly left?: Serde<VL>; readonly right?: Serde<VR> },
    private readonly inMemory: boolean,
    readonly loggingEnabled = true,
  ) {
    this.persistent = !inMemory;
  }

  withCachingEnabled(): this {
    return this;
  }

  withCachingDisabled(): this {
    return this;
  }

  withLoggingEnabled(): OuterJoinStoreBuilder<K, VL, VR> {
    return new OuterJoinStoreBuilder(this.name, this.serdes, this.inMemory, true);
  }

  withLoggingDisabled(): OuterJoinStoreBuilder<K, VL, VR> {
    return new OuterJoinStoreBuilder(this.name, this.serdes, this.inMemory, false);
  }

  build(): OuterJoinStore<K, VL, VR> {
    const supplier: KeyValueBytesStoreSupplier = this.inMemory ? Stores.inMemoryKeyValueStore(this.name) : Stores.persistentKeyValueStore(this.name);
    const backend = supplier.get();
    return new MeteredOuterJoinStore<K, VL, VR>(this.loggingEnabled ? new ChangeLoggingKeyValueStore(backend) : backend, this.serdes);
  }
}
