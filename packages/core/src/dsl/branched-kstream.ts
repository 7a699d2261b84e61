// The result of `KStream.split()`: add branches, then end with `defaultBranch()` or `noDefaultBranch()`.
//
// The types follow the names: a branch is named split name + branch name (`split({ name: 'x-' })` and
// `branch(p, { name: 'big' })` give `x-big`), an unnamed branch split name + its position from 1, an unnamed
// default branch split name + `0`. The `Entries` type parameter collects one `BranchEntry` per branch, in order
// (its length numbers the next unnamed branch), and the end returns them as `Branches`, an object keyed by name.
import type { BranchOptions } from './options.js';
import type { KStream } from './kstream.js';

/** One branch as `split()` types it: its name, and what the result holds under it. */
export interface BranchEntry {
  readonly name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any stream: each entry has its own types
  readonly stream: KStream<any, any> | undefined;
}

/** The branches by name, as `defaultBranch()` and `noDefaultBranch()` return them. */
export type Branches<Entries extends readonly BranchEntry[]> = { [E in Entries[number] as E['name']]: E['stream'] };

/**
 * The entry of a branch named `Name` whose `chain` returned `Out`. A chain that returns nothing leaves the branch
 * out of the result; one that may return nothing leaves it `undefined`.
 */
type Entry<Name extends string, Out> = {
  readonly name: [Out] extends [void | undefined] ? never : Name;
  readonly stream: Exclude<Out, void | undefined> | (undefined extends Out ? undefined : never);
};

/** The own name of the next unnamed branch: its position, from 1. */
type NextPosition<Entries extends readonly BranchEntry[]> = `${[...Entries, unknown]['length']}`;

/**
 * `V` is what the next branch's predicate sees: a branch whose predicate is a type guard (`(k, v): v is Big =>
 * ...`) takes that type, and it leaves the values of later branches and of the default branch.
 */
export interface BranchedKStream<
  K,
  V,
  Prefix extends string = string,
  // The default (names known only at run time, e.g. a split built in a loop): any names, streams of K and V.
  Entries extends readonly BranchEntry[] = { readonly name: string; readonly stream: KStream<K, V> }[],
> {
  /** Records for which `predicate` is true (and no earlier branch's was) go to this branch. */
  branch<VB extends V, Name extends string = NextPosition<Entries>, Out extends KStream<K, VB> | void = KStream<K, VB>>(
    predicate: (key: K, value: V) => value is VB,
    options?: BranchOptions<K, VB, Name, Out>,
  ): BranchedKStream<K, Exclude<V, VB>, Prefix, [...Entries, Entry<`${Prefix}${Name}`, Out>]>;
  branch<Name extends string = NextPosition<Entries>, Out extends KStream<K, V> | void = KStream<K, V>>(
    predicate: (key: K, value: V) => boolean,
    options?: BranchOptions<K, V, Name, Out>,
  ): BranchedKStream<K, V, Prefix, [...Entries, Entry<`${Prefix}${Name}`, Out>]>;
  /** Records no branch took go here. Returns the branches by name. */
  defaultBranch<Name extends string = '0', Out extends KStream<K, V> | void = KStream<K, V>>(
    options?: BranchOptions<K, V, Name, Out>,
  ): Branches<[...Entries, Entry<`${Prefix}${Name}`, Out>]>;
  /** Records no branch took are dropped. Returns the branches by name. */
  noDefaultBranch(): Branches<Entries>;
}
