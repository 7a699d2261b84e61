import { Serdes } from '../../../serde/serdes.js';
import type { KeyValueStore } from '../../../state/key-value-store.js';
import type { ProcessorSupplier } from '../../processor.js';
import type { ProcessorContext } from '../../processor-context.js';
import { logSkippedRecord } from '../skipped-record.js';
import type { Change } from '../table/change.js';
import { ForeignKeyCodec, type ForeignKeyJoinSerdes } from './foreign-key-codec.js';
import { combinedKeyPrefix, decodeSubscription, type Response } from './subscription-wire.js';

export interface ForeignTableJoinOptions<K, V, KO, VO> {
  readonly serdes: ForeignKeyJoinSerdes<K, V, KO, VO>;
  /** The store of subscriptions, keyed by foreign key then primary key (bytes). */
  readonly storeName: string;
  readonly processorName: string;
}

/**
 * The right side of a foreign-key join, for changes of the right table (KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR,
 * Kafka Streams' ForeignTableJoinProcessorSupplier): every record of the right table answers every left row
 * subscribed to its key (found by a prefix scan of the subscription store) with its new value, null for a delete,
 * even when the value did not change or the key had no row: each answer re-emits the row's result. The answers
 * keep the right record's timestamp.
 */
export function foreignTableJoinOperator<K, V, KO, VO>(
  o: ForeignTableJoinOptions<K, V, KO, VO>,
): ProcessorSupplier<KO, Change<VO>, Uint8Array, Response> {
  return () => {
    let ctx: ProcessorContext<Uint8Array, Response>;
    let codec: ForeignKeyCodec<K, V, KO, VO>;
    let store: KeyValueStore<Uint8Array, Uint8Array>;
    return {
      init: (c) => {
        ctx = c;
        codec = new ForeignKeyCodec(c, o.serdes);
        store = c.getStateStore<KeyValueStore<Uint8Array, Uint8Array>>(o.storeName);
      },
      process: (r) => {
        if (r.key === null || r.key === undefined) {
          logSkippedRecord(ctx, o.processorName, 'a table record needs a key');
          return;
        }
        const newValue = r.value.newValue;
        const prefix = combinedKeyPrefix(codec.foreignKeyBytes(r.key, r.headers));
        const subscribers = [...store.prefixScan(prefix, Serdes.bytes())];
        if (subscribers.length === 0) return;
        const foreignValue = newValue === null ? null : codec.foreignValueBytes(newValue, r.headers);
        for (const [key, value] of subscribers) {
          const { hash, primaryPartition } = decodeSubscription(value);
          ctx.forward(r.withKey(key.subarray(prefix.length)).withValue<Response>({ hash, foreignValue, primaryPartition }));
        }
      },
    };
  };
}
