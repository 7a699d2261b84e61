// Fills the table of DSL classes (dsl-classes.ts); imported by streams-builder.ts, the DSL's entry.
import { BranchedKStreamImpl } from './branched-kstream-impl.js';
import { registerDslClasses } from './dsl-classes.js';
import { GlobalKTableImpl } from './global-ktable-impl.js';
import { KGroupedStreamImpl } from './kgrouped-stream-impl.js';
import { KGroupedTableImpl } from './kgrouped-table-impl.js';
import { KStreamImpl } from './kstream-impl.js';
import { KTableImpl } from './ktable-impl.js';

registerDslClasses({ KStreamImpl, KTableImpl, KGroupedStreamImpl, KGroupedTableImpl, BranchedKStreamImpl, GlobalKTableImpl });
