import type { ProcessorSupplier } from '../../processor.js';
import type { ProcessorContext } from '../../processor-context.js';
import type { ValueGetter, ValueGetterSupplier } from '../table/value-getter.js';
import { ForeignKeyCodec, type ForeignKeyJoinSerdes } from './foreign-key-codec.js';
import { bytesEqual, type Response } from './subscription-wire.js';

export interface ResponseResolverOptions<K, V, KO, VO, VR> {
  readonly serdes: ForeignKeyJoinSerdes<K, V, KO, VO>;
  /** The left (primary) table. */
  readonly table: ValueGetterSupplier<K, V>;
  readonly joiner: (value: V, foreignValue: VO | null) => VR;
  readonly leftJoin: boolean;
}

/**
 * The end of a foreign-key join (KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-RESOLVER-PROCESSOR, Kafka Streams'
 * ResponseJoinProcessorSupplier): a response counts only if the left row still has the value it was sent for
 * (same hash; a stale one is dropped, a newer response is on its way). It then forwards the joined value, or
 * null (a delete) when there is no foreign value and, for an inner join, always, for a left join, when the left
 * row is gone. The record keeps the response's timestamp.
 */
export function responseResolverOperator<K, V, KO, VO, VR>(
  o: ResponseResolverOptions<K, V, KO, VO, VR>,
): ProcessorSupplier<Uint8Array, Response, K, VR | null> {
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
        const key = codec.primaryKey(r.key, r.headers);
        const current = table.get(key);
        const currentHash = current === null ? null : codec.valueHash(current, r.headers);
        if (!bytesEqual(r.value.hash, currentHash)) return;
        const foreign = r.value.foreignValue === null ? null : codec.foreignValue(r.value.foreignValue, r.headers);
        const result = foreign === null && (!o.leftJoin || current === null) ? null : o.joiner(current as V, foreign);
        ctx.forward(r.withKey(key).withValue(result));
      },
    };
  };
}
