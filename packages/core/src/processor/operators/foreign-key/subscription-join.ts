import type { ProcessorSupplier } from '../../processor.js';
import type { ProcessorContext } from '../../processor-context.js';
import type { ValueGetter, ValueGetterSupplier } from '../table/value-getter.js';
import { ForeignKeyCodec, type ForeignKeyJoinSerdes } from './foreign-key-codec.js';
import { Instruction, type Response, type Subscription } from './subscription-wire.js';

export interface SubscriptionJoinOptions<K, V, KO, VO> {
  readonly serdes: ForeignKeyJoinSerdes<K, V, KO, VO>;
  /** The right (foreign) table. */
  readonly foreignTable: ValueGetterSupplier<KO, VO>;
}

/**
 * Answers a subscription with the foreign row's current value (KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR, Kafka
 * Streams' SubscriptionJoinProcessorSupplier), as its instruction says: DELETE_KEY_AND_PROPAGATE with null,
 * PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE always, PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE only when the foreign row
 * exists, DELETE_KEY_NO_PROPAGATE never. The response goes to the left row's key and partition, with the larger
 * of the subscription's and the foreign row's timestamps.
 */
export function subscriptionJoinOperator<K, V, KO, VO>(
  o: SubscriptionJoinOptions<K, V, KO, VO>,
): ProcessorSupplier<Uint8Array | null, Subscription, Uint8Array, Response> {
  return () => {
    let ctx: ProcessorContext<Uint8Array, Response>;
    let codec: ForeignKeyCodec<K, V, KO, VO>;
    let foreignTable: ValueGetter<KO, VO>;
    return {
      init: (c) => {
        ctx = c;
        codec = new ForeignKeyCodec(c, o.serdes);
        foreignTable = o.foreignTable.create(c);
      },
      process: (r) => {
        const s = r.value;
        if (s.instruction === Instruction.DELETE_KEY_NO_PROPAGATE) return;
        const foreign = r.key === null ? null : foreignTable.getWithTimestamp(codec.foreignKey(r.key, r.headers));
        if (foreign === null && s.instruction === Instruction.PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE) return;
        const answered = s.instruction !== Instruction.DELETE_KEY_AND_PROPAGATE && foreign !== null;
        const value = answered ? codec.foreignValueBytes(foreign.value, r.headers) : null;
        const timestamp = foreign === null ? r.timestamp : Math.max(r.timestamp, foreign.timestamp);
        const response: Response = { hash: s.hash, foreignValue: value, primaryPartition: s.primaryPartition };
        ctx.forward(r.withKey(s.primaryKey).withValue(response).withTimestamp(timestamp));
      },
    };
  };
}

