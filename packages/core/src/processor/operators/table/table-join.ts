import { ValueAndTimestamp } from '../../../state/value-and-timestamp.js';
import type { ProcessorSupplier } from '../../processor.js';
import type { ProcessorContext } from '../../processor-context.js';
import type { Change } from './change.js';
import { TableStoreForwarder } from './table-store-forwarder.js';
import { valueGetter, type ValueGetter, type ValueGetterSupplier } from './value-getter.js';

export type TableJoinKind = 'inner' | 'left' | 'outer';

/** The joiner seen from one side: `value` is this side's, `otherValue` the other side's (already swapped). */
type SideJoiner<K, V, VO, VR> = (value: V | null, otherValue: VO | null, key: K) => VR;

export interface TableJoinSideOptions<K, V, VO, VR> {
  /** Whether this side's rows are kept without a match (left join: the left side; outer: both). */
  readonly preserveThis: boolean;
  /** Whether the other side's rows are kept without a match. */
  readonly preserveOther: boolean;
  readonly other: ValueGetterSupplier<K, VO>;
  readonly joiner: SideJoiner<K, V, VO, VR>;
  readonly sendOldValues: () => boolean;
}

/** The joined value of one row, or null when the join has no row for it. */
function joinRow<K, V, VO, VR>(o: TableJoinSideOptions<K, V, VO, VR>, key: K, value: V | null, other: VO | null): VR | null {
  if (value !== null && other !== null) return o.joiner(value, other, key);
  if (value !== null) return o.preserveThis ? o.joiner(value, null, key) : null;
  if (other !== null) return o.preserveOther ? o.joiner(null, other, key) : null;
  return null;
}

/**
 * One side of a KTable–KTable join (KTABLE-JOINTHIS / KTABLE-JOINOTHER): a change of this side is joined with the
 * other side's current value (its getter); the old result is the old value joined with the same other value.
 * Inner joins emit nothing while the other side has no row and this side is not preserved; an update that
 * touches no row on either side (a delete of an absent key) emits nothing. The result's timestamp is the larger
 * of the record's and the other side's row's (the record's when the other side has none), as Kafka Streams'
 * KTableKTable{Inner,Left,Right,Outer}Join do, deletions included.
 */
export function tableJoinSideOperator<K, V, VO, VR>(o: TableJoinSideOptions<K, V, VO, VR>): ProcessorSupplier<K, Change<V>, K, Change<VR>> {
  return () => {
    let ctx: ProcessorContext<K, Change<VR>>;
    let other: ValueGetter<K, VO>;
    let sendOld = false;
    return {
      init: (c) => {
        ctx = c;
        other = o.other.create(c);
        sendOld = o.sendOldValues();
      },
      process: (r) => {
        if (r.key === null || r.key === undefined) return;
        const otherRow = other.getWithTimestamp(r.key);
        const otherValue = otherRow?.value ?? null;
        if (otherValue === null && !o.preserveThis) return;
        const { newValue, oldValue } = r.value;
        if (otherValue === null && newValue === null && oldValue === null) return;
        const timestamp = otherRow === null ? r.timestamp : Math.max(r.timestamp, otherRow.timestamp);
        ctx.forward(
          r
            .withValue({
              newValue: joinRow(o, r.key, newValue, otherValue),
              oldValue: sendOld ? joinRow(o, r.key, oldValue, otherValue) : null,
            })
            .withTimestamp(timestamp),
        );
      },
    };
  };
}

/**
 * The value a non-materialized join result has for a key, from both sides' getters, with the larger timestamp
 * of the sides that have a row.
 */
export function tableJoinValueGetter<K, V, VO, VR>(
  kind: TableJoinKind,
  left: ValueGetterSupplier<K, V>,
  right: ValueGetterSupplier<K, VO>,
  joiner: SideJoiner<K, V, VO, VR>,
): ValueGetterSupplier<K, VR> {
  return {
    get storeNames() {
      return [...new Set([...left.storeNames, ...right.storeNames])]; // read when a join uses this getter
    },
    create: (context) => {
      const l = left.create(context);
      const r = right.create(context);
      const row = { preserveThis: kind !== 'inner', preserveOther: kind === 'outer', joiner } as TableJoinSideOptions<K, V, VO, VR>;
      return valueGetter((key) => {
        const thisRow = l.getWithTimestamp(key);
        const otherRow = r.getWithTimestamp(key);
        const value = joinRow(row, key, thisRow?.value ?? null, otherRow?.value ?? null);
        return ValueAndTimestamp.make(value, Math.max(thisRow?.timestamp ?? -1, otherRow?.timestamp ?? -1));
      });
    },
  };
}

/**
 * KTABLE-MERGE: the single output of a KTable–KTable join, fed by both sides. Materialized, it stores each
 * result (the old value then comes from its store); otherwise it passes the changes on.
 */
export function tableJoinMergeOperator<K, V>(
  storeName: string | undefined,
  sendOldValues: () => boolean,
): ProcessorSupplier<K, Change<V>, K, Change<V>> {
  return () => {
    let ctx: ProcessorContext<K, Change<V>>;
    const table = storeName === undefined ? undefined : new TableStoreForwarder<K, V>();
    return {
      init: (c) => {
        ctx = c;
        table?.init(c, storeName!, sendOldValues());
      },
      process: (r) => {
        if (table === undefined) ctx.forward(r);
        else table.put(r, r.key, r.value.newValue, table.get(r.key));
      },
    };
  };
}
