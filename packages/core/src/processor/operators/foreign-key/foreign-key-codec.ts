// The serdes a foreign-key join's processors use, resolved at `init`: the tables' own serdes when the DSL knows
// them, else the config's defaults when the context offers them (`context.keySerde()` / `valueSerde()`, as
// Kafka Streams' ProcessorContext does).
import { createHash } from 'node:crypto';
import { TopologyError } from '../../../errors.js';
import type { Serde } from '../../../serde/serde.js';
import type { ProcessorContext } from '../../processor-context.js';

export interface ForeignKeyJoinSerdes<K, V, KO, VO> {
  /** The join's name, for error messages. */
  readonly joinName: string;
  /** The subscription topic (without the application id): foreign keys are serialized for it. */
  readonly subscriptionTopic: string;
  /** The response topic (without the application id): primary keys and foreign values are serialized for it. */
  readonly responseTopic: string;
  readonly primaryKeySerde: Serde<K> | undefined;
  /** The left table's values: hashed to tell a current response from a stale one. */
  readonly valueSerde: Serde<V> | undefined;
  readonly foreignKeySerde: Serde<KO> | undefined;
  readonly foreignValueSerde: Serde<VO> | undefined;
}

type Context = Pick<ProcessorContext, 'applicationId'>;

export class ForeignKeyCodec<K, V, KO, VO> {
  private readonly subscriptionTopic: string;
  private readonly responseTopic: string;
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
  }

  primaryKeyBytes(key: K): Uint8Array {
    this.pkSerde ??= this.resolve(this.serdes.primaryKeySerde, 'key', "the left table's key serde");
    return this.bytes(this.pkSerde.serialize(this.responseTopic, key));
  }

  primaryKey(bytes: Uint8Array): K {
    this.pkSerde ??= this.resolve(this.serdes.primaryKeySerde, 'key', "the left table's key serde");
    return this.pkSerde.deserialize(this.responseTopic, bytes);
  }

  foreignKeyBytes(key: KO): Uint8Array {
    this.fkSerde ??= this.resolve(this.serdes.foreignKeySerde, 'key', "the right table's key serde");
    return this.bytes(this.fkSerde.serialize(this.subscriptionTopic, key));
  }

  foreignKey(bytes: Uint8Array): KO {
    this.fkSerde ??= this.resolve(this.serdes.foreignKeySerde, 'key', "the right table's key serde");
    return this.fkSerde.deserialize(this.subscriptionTopic, bytes);
  }

  foreignValueBytes(value: VO): Uint8Array {
    this.foSerde ??= this.resolve(this.serdes.foreignValueSerde, 'value', "the right table's value serde");
    return this.bytes(this.foSerde.serialize(this.responseTopic, value));
  }

  foreignValue(bytes: Uint8Array): VO {
    this.foSerde ??= this.resolve(this.serdes.foreignValueSerde, 'value', "the right table's value serde");
    return this.foSerde.deserialize(this.responseTopic, bytes);
  }

  /** A 128-bit hash of a left value's bytes (MD5; Kafka Streams uses murmur3-128). */
  valueHash(value: V): Uint8Array {
    this.vSerde ??= this.resolve(this.serdes.valueSerde, 'value', "the left table's value serde");
    return createHash('md5').update(this.bytes(this.vSerde.serialize(`${this.subscriptionTopic}-vh`, value))).digest();
  }

  private bytes(data: Uint8Array | null): Uint8Array {
    if (data === null) throw new TopologyError(`foreign-key join '${this.serdes.joinName}': a serde returned null bytes for a key or value`);
    return data;
  }

  private resolve<T>(explicit: Serde<T> | undefined, which: 'key' | 'value', what: string): Serde<T> {
    if (explicit !== undefined) return explicit;
    const get = (this.context as { keySerde?: () => unknown; valueSerde?: () => unknown })[which === 'key' ? 'keySerde' : 'valueSerde'];
    const fallback = typeof get === 'function' ? (get.call(this.context) as Serde<T> | undefined) : undefined;
    if (fallback !== undefined) return fallback;
    throw new TopologyError(
      `foreign-key join '${this.serdes.joinName}' needs ${what}: give the tables their serdes (builder.table options, or Materialized.with)`,
    );
  }
}
