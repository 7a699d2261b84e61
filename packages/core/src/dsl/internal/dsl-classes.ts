// The DSL's classes refer to one another (a stream becomes a table, a table a stream, both group and join), so
// their modules would import each other in a cycle. Instead each module creates and recognizes the others'
// objects through this table, which streams-builder.ts fills once (register-dsl-classes.ts) before any DSL
// object exists. Only types are imported here: the modules' imports form no value cycle (tools/check-layers.mjs).
import type { BranchedKStreamImpl } from './branched-kstream-impl.js';
import type { GlobalKTableImpl } from './global-ktable-impl.js';
import type { KGroupedStreamImpl } from './kgrouped-stream-impl.js';
import type { KGroupedTableImpl } from './kgrouped-table-impl.js';
import type { KStreamImpl } from './kstream-impl.js';
import type { KTableImpl } from './ktable-impl.js';

export interface DslClasses {
  readonly KStreamImpl: typeof KStreamImpl;
  readonly KTableImpl: typeof KTableImpl;
  readonly KGroupedStreamImpl: typeof KGroupedStreamImpl;
  readonly KGroupedTableImpl: typeof KGroupedTableImpl;
  readonly BranchedKStreamImpl: typeof BranchedKStreamImpl;
  readonly GlobalKTableImpl: typeof GlobalKTableImpl;
}

const registered: Partial<DslClasses> = {};

/** The DSL's classes, once registered. */
export const dsl = registered as DslClasses;

export function registerDslClasses(classes: DslClasses): void {
  Object.assign(registered, classes);
}
