import type { KeyValueStore } from '../../../state/key-value-store.js';
import type { ProcessorSupplier } from '../../processor.js';
import type { ProcessorContext } from '../../processor-context.js';
import { StreamRecord } from '../../stream-record.js';
import type { ValueGetter, ValueGetterSupplier } from '../table/value-getter.js';
import { ForeignKeyCodec, type ForeignKeyJoinSerdes } from './foreign-key-codec.js';
import { combinedKey, decodeSubscription, encodeResponse, Instruction } from './subscription-wire.js';

export interface SubscriptionReceiveOptions<K, V, KO, VO> {
  readonly serdes: ForeignKeyJoinSerdes<K, V, KO, VO>;
  /** The store of subscriptions, keyed by foreign key then primary key (bytes). */
  readonly storeName: string;
  /** The right (foreign) table. */
  readonly foreignTable: ValueGetterSupplier<KO, VO>;
}

/**
 * The right side of a foreign-key join, for subscriptions (KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR): stores or
 * drops each subscription as it instructs, and answers with the foreign row's current value when asked to.
 */
export function subscriptionReceiveOperator<K, V, KO, VO>(
  o: SubscriptionReceiveOptions<K, V, KO, VO>,
): ProcessorSupplier<Uint8Array, Uint8Array, Uint8Array, Uint8Array> {
  return () => {
    let ctx: ProcessorContext<Uint8Array, Uint8Array>;
    let codec: ForeignKeyCodec<K, V, KO, VO>;
    let store: KeyValueStore<Uint8Array, Uint8Array>;
    let foreignTable: ValueGetter<KO, VO>;
    return {
      init: (c) => {
        ctx = c;
        codec = new ForeignKeyCodec(c, o.serdes);
        store = c.getStateStore<KeyValueStore<Uint8Array, Uint8Array>>(o.storeName);
        foreignTable = o.foreignTable.create(c);
      },
      process: (r) => {
        const s = decodeSubscription(r.value);
        const key = combinedKey(r.key, s.primaryKey);
        const answer = (foreignValue: Uint8Array | null) =>
          ctx.forward(new StreamRecord(s.primaryKey, encodeResponse({ hash: s.hash, foreignValue }), r.timestamp, r.headers));
        switch (s.instruction) {
          case Instruction.DELETE_KEY_AND_PROPAGATE:
            store.delete(key);
            answer(null);
            return;
          case Instruction.DELETE_KEY_NO_PROPAGATE:
            store.delete(key);
            return;
          case Instruction.PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE:
          case Instruction.PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE: {
            store.put(key, s.hash ?? new Uint8Array(0));
            const value = foreignTable.get(codec.foreignKey(r.key));
            if (value !== null) answer(codec.foreignValueBytes(value));
            else if (s.instruction === Instruction.PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE) answer(null);
            return;
          }
        }
      },
    };
  };
}
