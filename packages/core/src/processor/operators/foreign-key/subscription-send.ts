import type { ProcessorSupplier } from '../../processor.js';
import type { ProcessorContext } from '../../processor-context.js';
import { StreamRecord } from '../../stream-record.js';
import { logSkippedRecord } from '../skipped-record.js';
import type { Change } from '../table/change.js';
import { ForeignKeyCodec, type ForeignKeyJoinSerdes } from './foreign-key-codec.js';
import { bytesEqual, encodeResponse, encodeSubscription, Instruction } from './subscription-wire.js';

export interface SubscriptionSendOptions<K, V, KO, VO> {
  readonly foreignKeyExtractor: (value: V, key: K) => KO | null | undefined;
  readonly leftJoin: boolean;
  readonly serdes: ForeignKeyJoinSerdes<K, V, KO, VO>;
  /** The child that writes to the subscription topic. */
  readonly subscriptionSink: string;
  /** The response resolver: rows without a foreign key are answered locally. */
  readonly resolver: string;
  readonly processorName: string;
}

/**
 * The left side of a foreign-key join (KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION): for each change of the left
 * table (it needs old values, to find the previous foreign key) it subscribes the row to its new foreign key,
 * unsubscribes it from the old one, and answers rows without a foreign key itself (null: no match).
 */
export function subscriptionSendOperator<K, V, KO, VO>(
  o: SubscriptionSendOptions<K, V, KO, VO>,
): ProcessorSupplier<K, Change<V>, Uint8Array, Uint8Array> {
  return () => {
    let ctx: ProcessorContext<Uint8Array, Uint8Array>;
    let codec: ForeignKeyCodec<K, V, KO, VO>;
    const foreignKeyOf = (value: V | null, key: K): KO | null => (value === null ? null : (o.foreignKeyExtractor(value, key) ?? null));
    return {
      init: (c) => {
        ctx = c;
        codec = new ForeignKeyCodec(c, o.serdes);
      },
      process: (r) => {
        if (r.key === null || r.key === undefined) {
          logSkippedRecord(ctx, o.processorName, 'a table record needs a key');
          return;
        }
        const { newValue, oldValue } = r.value;
        const primaryKey = codec.primaryKeyBytes(r.key);
        const subscribe = (foreignKey: Uint8Array, instruction: Instruction, hash: Uint8Array | null) =>
          ctx.forward(new StreamRecord(foreignKey, encodeSubscription({ instruction, hash, primaryKey }), r.timestamp, r.headers), o.subscriptionSink);
        const answerLocally = (hash: Uint8Array | null) =>
          ctx.forward(new StreamRecord(primaryKey, encodeResponse({ hash, foreignValue: null }), r.timestamp, r.headers), o.resolver);

        const oldKey = foreignKeyOf(oldValue, r.key);
        const oldForeignKey = oldKey === null ? null : codec.foreignKeyBytes(oldKey);
        if (newValue === null) {
          if (oldForeignKey !== null) subscribe(oldForeignKey, Instruction.DELETE_KEY_AND_PROPAGATE, null);
          else if (oldValue !== null) answerLocally(null);
          return;
        }
        const hash = codec.valueHash(newValue);
        const newKey = foreignKeyOf(newValue, r.key);
        if (newKey === null) {
          if (oldForeignKey !== null) subscribe(oldForeignKey, Instruction.DELETE_KEY_NO_PROPAGATE, null);
          answerLocally(hash);
          return;
        }
        const newForeignKey = codec.foreignKeyBytes(newKey);
        if (oldForeignKey !== null && !bytesEqual(oldForeignKey, newForeignKey)) {
          subscribe(oldForeignKey, Instruction.DELETE_KEY_NO_PROPAGATE, null);
        }
        // A row that may have had a result must be answered even without a match, to unset that result.
        const instruction =
          o.leftJoin || oldValue !== null
            ? Instruction.PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE
            : Instruction.PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE;
        subscribe(newForeignKey, instruction, hash);
      },
    };
  };
}
