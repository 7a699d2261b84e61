// The GlobalKTable behind the interface: the name of its global store and the getter stream joins read it with.
import type { ValueGetterSupplier } from '../../processor/operators/table/value-getter.js';
import type { GlobalKTable } from '../global-ktable.js';
import type { BuilderContext } from './builder-context.js';

export class GlobalKTableImpl<K, V> implements GlobalKTable<K, V> {
  constructor(
    readonly ctx: BuilderContext,
    readonly queryableStoreName: string,
    readonly valueGetter: ValueGetterSupplier<K, V>,
  ) {}
}
