import { Serdes } from '../../../serde/serdes.js';
import type { KeyValueStore } from '../../../state/key-value-store.js';
import type { ProcessorSupplier } from '../../processor.js';
import type { ProcessorContext } from '../../processor-context.js';
import { StreamRecord } from '../../stream-record.js';
import type { Change } from '../table/change.js';
import { ForeignKeyCodec, type ForeignKeyJoinSerdes } from './foreign-key-codec.js';
import { bytesEqual, combinedKeyPrefix, encodeResponse } from './subscription-wire.js';

/**
 * The right side of a foreign-key join, for changes of the right table (KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR):
 * every left row subscribed to the changed foreign key gets a response with the new value (null: deleted),
 * found by a prefix scan of the subscription store. It needs the right table's old values: a delete must reach
 * the subscribers, and an update that changes nothing need not.
 */
export function foreignTableChangeOperator<K, V, KO, VO>(
  serdes: ForeignKeyJoinSerdes<K, V, KO, VO>,
  storeName: string,
): ProcessorSupplier<KO, Change<VO>, Uint8Array, Uint8Array> {
  return () => {
    let ctx: ProcessorContext<Uint8Array, Uint8Array>;
    let codec: ForeignKeyCodec<K, V, KO, VO>;
    let store: KeyValueStore<Uint8Array, Uint8Array>;
    return {
      init: (c) => {
        ctx = c;
        codec = new ForeignKeyCodec(c, serdes);
        store = c.getStateStore<KeyValueStore<Uint8Array, Uint8Array>>(storeName);
      },
      process: (r) => {
        if (r.key === null || r.key === undefined) return;
        const { newValue, oldValue } = r.value;
        if (newValue === null && oldValue === null) return;
        const foreignValue = newValue === null ? null : codec.foreignValueBytes(newValue);
        // An update to the same bytes changes no join result: skip the scan (old values are asked for).
        if (foreignValue !== null && oldValue !== null && bytesEqual(foreignValue, codec.foreignValueBytes(oldValue))) return;
        const prefix = combinedKeyPrefix(codec.foreignKeyBytes(r.key));
        const subscribers = [...store.prefixScan(prefix, Serdes.bytes())];
        for (const [key, hash] of subscribers) {
          const response = encodeResponse({ hash: hash.length === 0 ? null : hash, foreignValue });
          ctx.forward(new StreamRecord(key.subarray(prefix.length), response, r.timestamp, r.headers));
        }
      },
    };
  };
}
