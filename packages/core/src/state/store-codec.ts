// The serdes of a typed store, resolved at init: the builder's or the config's defaults, the topic they are
// given (the changelog's name, also when logging is off), and failures as StateStoreErrors naming store and task.
import { ConfigError, StateStoreError } from '../errors.js';
import type { Serde } from '../serde/serde.js';
import type { StateStoreContext } from './state-store-context.js';

export class StoreCodec<K, V> {
  private constructor(
    private readonly store: string,
    private readonly taskId: string,
    private readonly topic: string,
    private readonly keySerde: Serde<K>,
    private readonly valueSerde: Serde<V>,
  ) {}

  /** Resolves the serdes for `store` in `context`; a missing one is a ConfigError naming the setting. */
  static resolve<K, V>(
    store: string,
    context: StateStoreContext,
    keySerde: Serde<K> | undefined,
    valueSerde: Serde<V> | undefined,
    builderName: string,
  ): StoreCodec<K, V> {
    const key = keySerde ?? (context.defaultKeySerde as Serde<K> | undefined);
    if (key === undefined) throw missing(store, 'key', 'defaultKeySerde', builderName);
    if (valueSerde === undefined) throw missing(store, 'value', 'defaultValueSerde', builderName);
    const topic = context.changelogTopic(store) ?? `${context.applicationId}-${store}-changelog`;
    return new StoreCodec(store, context.taskId, topic, key, valueSerde);
  }

  keyBytes(op: string, key: K): Uint8Array {
    let bytes: Uint8Array | null;
    try {
      bytes = this.keySerde.serialize(this.topic, key);
    } catch (err) {
      throw this.failure(op, 'could not serialize the key', err);
    }
    if (bytes === null) throw this.failure(op, 'the key serialized to null');
    return bytes;
  }

  /** Null when a nullable serde maps the value to null. */
  valueBytes(op: string, value: V): Uint8Array | null {
    try {
      return this.valueSerde.serialize(this.topic, value);
    } catch (err) {
      throw this.failure(op, 'could not serialize the value', err);
    }
  }

  key(op: string, bytes: Uint8Array): K {
    try {
      return this.keySerde.deserialize(this.topic, bytes);
    } catch (err) {
      throw this.failure(op, 'could not deserialize a key', err);
    }
  }

  value(op: string, bytes: Uint8Array): V {
    try {
      return this.valueSerde.deserialize(this.topic, bytes);
    } catch (err) {
      throw this.failure(op, 'could not deserialize a value', err);
    }
  }

  failure(op: string, what: string, cause?: unknown): StateStoreError {
    const reason = cause === undefined ? '' : `: ${cause instanceof Error ? cause.message : String(cause)}`;
    return new StateStoreError(`state store '${this.store}' (task ${this.taskId}): ${op} ${what}${reason}`, { cause });
  }
}

function missing(store: string, which: string, configName: string, builderName: string): ConfigError {
  return new ConfigError(`state store '${store}' has no ${which} serde: give one to Stores.${builderName}, or set ${configName} in the config`);
}
