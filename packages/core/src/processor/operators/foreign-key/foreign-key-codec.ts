// The serdes a foreign-key join's processors use, resolved on first use: the tables' own serdes when the DSL
// knows them, else the config's defaults (`context.keySerde()` / `valueSerde()`, as Kafka Streams' processors
// fall back to). Each serializes for the topic Kafka Streams serializes it for, so topic-aware serdes (a schema
// registry's) see the same subjects.
import { TopologyError } from '../../../errors.js';
import type { Serde } from '../../../serde/serde.js';
import type { Headers } from '../../../record/headers.js';
import type { ProcessorContext } from '../../processor-context.js';
import { murmur3Hash128 } from './murmur3.js';

export interface ForeignKeyJoinSerdes<K, V, KO, VO> {
  /** The join's name, for error messages. */
  readonly joinName: string;
  /** The subscription topic (without the application id). */
  readonly subscriptionTopic: string;
  /** The response topic (without the application id). */
  readonly responseTopic: string;
  readonly primaryKeySerde: Serde<K> | undefined;
  /** The left table's values: hashed to tell a current response from a stale one. */
  readonly valueSerde: Serde<V> | undefined;
  readonly foreignKeySerde: Serde<KO> | undefined;
  readonly foreignValueSerde: Serde<VO> | undefined;
}

type Context = Pick<ProcessorContext, 'applicationId' | 'keySerde' | 'valueSerde'>;

export class ForeignKeyCodec<K, V, KO, VO> {
  /** The subscription topic: foreign keys are serialized for it (they are its records' keys). */
  private readonly subscriptionTopic: string;
  /** The response topic: foreign values are serialized for it. */
  private readonly responseTopic: string;
  /** Primary keys inside subscriptions: `<subscription topic>-pk`. */
  private readonly primaryKeyTopic: string;
  /** Left values, for their hash: `<subscription topic>-vh`. */
  private readonly valueHashTopic: string;
  private pkSerde: Serde<K> | undefined;
  private vSerde: Serde<V> | undefined;
  private fkSerde: Serde<KO> | undefined;
  private foSerde: Serde<VO> | undefined;

  constructor(
    private readonly context: Context,
    private readonly serdes: ForeignKeyJoinSerdes<K, V, KO, VO>,
  ) {
    this.subscriptionTopic = `${context.applicationId}-${serdes.subscriptionTopic}`;
    this.responseTopic = `${context.applicationId}-${serdes.responseTopic}`;
    this.primaryKeyTopic = `${this.subscriptionTopic}-pk`;
    this.valueHashTopic = `${this.subscriptionTopic}-vh`;
  }

  primaryKeyBytes(key: K, headers?: Headers): Uint8Array {
    return this.bytes(this.primaryKeySerde().serialize(this.primaryKeyTopic, key, headers));
  }

  primaryKey(bytes: Uint8Array, headers?: Headers): K {
    return this.primaryKeySerde().deserialize(this.primaryKeyTopic, bytes, headers);
  }

  foreignKeyBytes(key: KO, headers?: Headers): Uint8Array {
    this.fkSerde ??= this.resolve(this.serdes.foreignKeySerde, 'key', "the right table's key serde");
    return this.bytes(this.fkSerde.serialize(this.subscriptionTopic, key, headers));
  }

  foreignKey(bytes: Uint8Array, headers?: Headers): KO {
    this.fkSerde ??= this.resolve(this.serdes.foreignKeySerde, 'key', "the right table's key serde");
    return this.fkSerde.deserialize(this.subscriptionTopic, bytes, headers);
  }

  foreignValueBytes(value: VO, headers?: Headers): Uint8Array {
    this.foSerde ??= this.resolve(this.serdes.foreignValueSerde, 'value', "the right table's value serde");
    return this.bytes(this.foSerde.serialize(this.responseTopic, value, headers));
  }

  foreignValue(bytes: Uint8Array, headers?: Headers): VO {
    this.foSerde ??= this.resolve(this.serdes.foreignValueSerde, 'value', "the right table's value serde");
    return this.foSerde.deserialize(this.responseTopic, bytes, headers);
  }

  /** Murmur3.hash128 of a left value's bytes, as Kafka Streams computes it. */
  valueHash(value: V, headers?: Headers): Uint8Array {
    this.vSerde ??= this.resolve(this.serdes.valueSerde, 'value', "the left table's value serde");
    return murmur3Hash128(this.bytes(this.vSerde.serialize(this.valueHashTopic, value, headers)));
  }

  private primaryKeySerde(): Serde<K> {
    this.pkSerde ??= this.resolve(this.serdes.primaryKeySerde, 'key', "the left table's key serde");
    return this.pkSerde;
  }

  private bytes(data: Uint8Array | null): Uint8Array {
    if (data === null) {
      throw new TopologyError(`foreign-key join '${this.serdes.joinName}': a serde returned null bytes for a key or value`);
    }
    return data;
  }

  private resolve<T>(explicit: Serde<T> | undefined, which: 'key' | 'value', what: string): Serde<T> {
    if (explicit !== undefined) return explicit;
    const fallback = (which === 'key' ? this.context.keySerde() : this.context.valueSerde()) as Serde<T> | undefined;
    if (fallback !== undefined) return fallback;
    throw new TopologyError(
      `foreign-key join '${this.serdes.joinName}' needs ${what}: give the tables their serdes (builder.table options, ` +
        'or Materialized.with), or set a default in the config',
    );
  }
}
