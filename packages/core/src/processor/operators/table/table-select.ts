import { Headers } from '../../headers.js';
import type { ProcessorSupplier } from '../../processor.js';
import type { ProcessorContext } from '../../processor-context.js';
import { StreamRecord } from '../../stream-record.js';
import type { KeyValue } from '../map.js';
import { logSkippedRecord } from '../skipped-record.js';
import type { Change } from './change.js';

/**
 * The header that marks the two halves of a table update on a KGroupedTable's repartition topic: `old` (the
 * aggregation subtracts the value) or `new` (it adds it). A Change cannot cross a topic as one record without a
 * serde for the pair, and the value serde may be the config's default, known only at run time; two plain
 * records with a marker need nothing but the value serde. The aggregation removes the header again.
 */
export const CHANGE_HEADER = '__kstreams.change';

export function markedHeaders(headers: Headers, half: 'old' | 'new'): Headers {
  return new Headers(headers).remove(CHANGE_HEADER).add(CHANGE_HEADER, half);
}

/**
 * KTABLE-SELECT (`KTable.groupBy`): maps the old value and the new value of each change to `[key, value]` pairs
 * and forwards the old pair (to subtract) before the new one (to add), as Kafka Streams does. Pairs with a null
 * key or value are dropped.
 */
export function tableSelectOperator<K, V, KR, VR>(
  selector: (key: K, value: V) => KeyValue<KR, VR>,
  processorName: string,
): ProcessorSupplier<K, Change<V>, KR, VR> {
  return () => {
    let ctx: ProcessorContext<KR, VR>;
    const emit = (r: StreamRecord<K, Change<V>>, value: V, half: 'old' | 'new') => {
      const [k, v] = selector(r.key, value);
      if (k === null || k === undefined || v === null || v === undefined) {
        logSkippedRecord(ctx, processorName, 'groupBy selected a null key or value');
        return;
      }
      ctx.forward(new StreamRecord(k, v, r.timestamp, markedHeaders(r.headers, half)));
    };
    return {
      init: (c) => (ctx = c),
      process: (r) => {
        if (r.value.oldValue !== null) emit(r, r.value.oldValue, 'old');
        if (r.value.newValue !== null) emit(r, r.value.newValue, 'new');
      },
    };
  };
}
