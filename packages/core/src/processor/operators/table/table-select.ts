import type { ProcessorSupplier } from '../../processor.js';
import type { ProcessorContext } from '../../processor-context.js';
import type { KeyValue } from '../../../record/key-value.js';
import { logSkippedRecord } from '../skipped-record.js';
import type { Change } from './change.js';
import { sameGroupKey } from './same-group-key.js';

/**
 * KTABLE-SELECT (`KTable.groupBy`, Kafka Streams' KTableRepartitionMap): maps the old and the new value of each
 * change to `[key, value]` pairs. When both pairs fall in the same group, one change `{ new, old }` goes to the
 * repartition topic, so the aggregation subtracts and adds in one step (KIP-904); otherwise the old pair goes
 * first (to subtract) and the new pair after it (to add). Pairs with a null key or value are dropped.
 */
export function tableSelectOperator<K, V, KR, VR>(
  selector: (key: K, value: V) => KeyValue<KR, VR>,
  processorName: string,
): ProcessorSupplier<K, Change<V>, KR, Change<VR>> {
  return () => {
    let ctx: ProcessorContext<KR, Change<VR>>;
    const select = (key: K, value: V | null): KeyValue<KR, VR> | undefined => {
      if (value === null) return undefined;
      const pair = selector(key, value);
      if (pair[0] === null || pair[0] === undefined || pair[1] === null || pair[1] === undefined) {
        logSkippedRecord(ctx, processorName, 'groupBy selected a null key or value');
        return undefined;
      }
      return pair;
    };
    return {
      init: (c) => (ctx = c),
      process: (r) => {
        const oldPair = select(r.key, r.value.oldValue);
        const newPair = select(r.key, r.value.newValue);
        if (oldPair && newPair && sameGroupKey(oldPair[0], newPair[0])) {
          ctx.forward(r.withKey(newPair[0]).withValue({ newValue: newPair[1], oldValue: oldPair[1] }));
          return;
        }
        if (oldPair) ctx.forward(r.withKey(oldPair[0]).withValue({ newValue: null, oldValue: oldPair[1] }));
        if (newPair) ctx.forward(r.withKey(newPair[0]).withValue({ newValue: newPair[1], oldValue: null }));
      },
    };
  };
}
