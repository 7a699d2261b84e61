import type { ProcessorSupplier } from '../../processor.js';
import type { ProcessorContext } from '../../processor-context.js';
import { StreamRecord } from '../../stream-record.js';
import type { ValueGetter, ValueGetterSupplier } from '../table/value-getter.js';
import { ForeignKeyCodec, type ForeignKeyJoinSerdes } from './foreign-key-codec.js';
import { bytesEqual, decodeResponse } from './subscription-wire.js';

export interface ResponseResolverOptions<K, V, KO, VO, VR> {
  readonly serdes: ForeignKeyJoinSerdes<K, V, KO, VO>;
  /** The left (primary) table. */
  readonly table: ValueGetterSupplier<K, V>;
  readonly joiner: (value: V, foreignValue: VO | null) => VR;
  readonly leftJoin: boolean;
}

/**
 * The end of a foreign-key join (KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-RESOLVER-PROCESSOR): a response counts only
 * if the left row still has the value it was sent for (same hash); a stale one is dropped, since a newer
 * response is on its way. Forwards the joined value, or null (delete) when there is no left row or, for an inner
 * join, no foreign row.
 */
export function responseResolverOperator<K, V, KO, VO, VR>(
  o: ResponseResolverOptions<K, V, KO, VO, VR>,
): ProcessorSupplier<Uint8Array, Uint8Array, K, VR | null> {
  return () => {
    let ctx: ProcessorContext<K, VR | null>;
    let codec: ForeignKeyCodec<K, V, KO, VO>;
    let table: ValueGetter<K, V>;
    return {
      init: (c) => {
        ctx = c;
        codec = new ForeignKeyCodec(c, o.serdes);
        table = o.table.create(c);
      },
      process: (r) => {
        const response = decodeResponse(r.value);
        const key = codec.primaryKey(r.key);
        const current = table.get(key);
        const currentHash = current === null ? null : codec.valueHash(current);
        if (!bytesEqual(response.hash, currentHash)) return;
        const foreign = response.foreignValue === null ? null : codec.foreignValue(response.foreignValue);
        const result = current === null || (foreign === null && !o.leftJoin) ? null : o.joiner(current, foreign);
        ctx.forward(new StreamRecord(key, result, r.timestamp, r.headers));
      },
    };
  };
}
