import type { KeyValueStore } from '../../../state/key-value-store.js';
import type { ProcessorSupplier } from '../../processor.js';
import type { ProcessorContext } from '../../processor-context.js';
import { logSkippedRecord } from '../skipped-record.js';
import { combinedKey, decodeSubscription, Instruction, type Subscription } from './subscription-wire.js';

export interface SubscriptionReceiveOptions {
  /** The store of subscriptions, keyed by foreign key then primary key (bytes). */
  readonly storeName: string;
  readonly processorName: string;
}

/**
 * The right side of a foreign-key join, for subscriptions (KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR, Kafka Streams'
 * SubscriptionReceiveProcessorSupplier): stores or deletes each subscription as it instructs, and passes it on to
 * the join (subscription-join.ts) with its foreign key. A subscription without a foreign key (a left join's delete
 * or row without one) is only passed on, to be answered with null; other instructions without one are dropped.
 */
export function subscriptionReceiveOperator(
  o: SubscriptionReceiveOptions,
): ProcessorSupplier<Uint8Array | null, Uint8Array, Uint8Array | null, Subscription> {
  return () => {
    let ctx: ProcessorContext<Uint8Array | null, Subscription>;
    let store: KeyValueStore<Uint8Array, Uint8Array>;
    return {
      init: (c) => {
        ctx = c;
        store = c.getStateStore<KeyValueStore<Uint8Array, Uint8Array>>(o.storeName);
      },
      process: (r) => {
        const subscription = decodeSubscription(r.value);
        const foreignKey = r.key ?? null;
        if (foreignKey === null) {
          if (subscription.instruction !== Instruction.PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE) {
            logSkippedRecord(ctx, o.processorName, 'its foreign key is null');
            return;
          }
        } else {
          const key = combinedKey(foreignKey, subscription.primaryKey);
          if (
            subscription.instruction === Instruction.DELETE_KEY_AND_PROPAGATE ||
            subscription.instruction === Instruction.DELETE_KEY_NO_PROPAGATE
          ) {
            store.delete(key);
          } else {
            store.put(key, r.value);
          }
        }
        ctx.forward(r.withValue(subscription));
      },
    };
  };
}
