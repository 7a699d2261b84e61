// The result of `KStream.split()`: add branches, then end with `defaultBranch()` or `noDefaultBranch()`.
import type { BranchOptions } from './options.js';
import type { KStream } from './kstream.js';

export interface BranchedKStream<K, V> {
  /** Records for which `predicate` is true (and no earlier branch's was) go to this branch. */
  branch(predicate: (key: K, value: V) => boolean, options?: BranchOptions<K, V>): BranchedKStream<K, V>;
  /** Records no branch took go here. Returns the branches by name. */
  defaultBranch(options?: BranchOptions<K, V>): Record<string, KStream<K, V>>;
  /** Records no branch took are dropped. Returns the branches by name. */
  noDefaultBranch(): Record<string, KStream<K, V>>;
}
