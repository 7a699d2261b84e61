// split(): one KSTREAM-BRANCH node routes each record to one pass-through child per branch.
import { GraphNodes } from '../../graph/graph-node.js';
import { branchOperator, type BranchRoute } from '../../processor/operators/branch.js';
import { passThroughOperator } from '../../processor/operators/pass-through.js';
import type { BranchedKStream } from '../branched-kstream.js';
import type { KStream } from '../kstream.js';
import type { BranchOptions } from '../options.js';
import type { KStreamImpl } from './kstream-impl.js';
import { dsl } from './dsl-classes.js';

/**
 * Branch names: a named split `{ name: 'route-' }` with branch `{ name: 'big' }` gives `route-big`; unnamed parts
 * are numbered from 1 in order, the default branch is `0`, and a generated split name is joined to them as is
 * (`KSTREAM-BRANCH-00000000011`), all as Kafka Streams concatenates. (`BranchedKStream`'s types spell the same
 * rule; keep them in step.)
 */
export class BranchedKStreamImpl<K, V> {
  /** Filled branch by branch; the split node reads it when a task creates it (after build()). */
  private readonly routes: BranchRoute<K, V>[] = [];
  private readonly result: Record<string, KStream<K, V>> = {};
  private ended = false;

  private constructor(
    private readonly parent: KStreamImpl<K, V>,
    private readonly splitName: string,
  ) {
    const { ctx, shape } = parent;
    ctx.graph.add(GraphNodes.processor({ name: splitName, parents: [shape.nodeName], supplier: branchOperator(this.routes), stores: [] }));
  }

  /**
   * A new split, typed as `BranchedKStream`. The interface's types (branch names, values narrowed by type guards)
   * exist only at compile time; at run time every branch is a predicate on the parent's records, which this
   * class handles with the parent's K and V, hence the one cast.
   */
  static start<K, V, Prefix extends string>(parent: KStreamImpl<K, V>, splitName: string): BranchedKStream<K, V, Prefix, []> {
    return new BranchedKStreamImpl(parent, splitName) as unknown as BranchedKStream<K, V, Prefix, []>;
  }

  branch(predicate: (key: K, value: V) => boolean, options?: BranchOptions<K, V>): this {
    this.assertOpen();
    this.add(predicate, options);
    return this;
  }

  defaultBranch(options?: BranchOptions<K, V>): Record<string, KStream<K, V>> {
    this.assertOpen();
    this.add(undefined, options);
    return this.end();
  }

  noDefaultBranch(): Record<string, KStream<K, V>> {
    this.assertOpen();
    return this.end();
  }

  private assertOpen(): void {
    if (this.ended) throw new Error(`split '${this.splitName}' already ended with defaultBranch()/noDefaultBranch()`);
  }

  private branchName(predicate: unknown, options: BranchOptions<K, V> | undefined): string {
    const own = options?.name ?? (predicate === undefined ? '0' : String(this.routes.length + 1));
    return `${this.splitName}${own}`;
  }

  /**
   * One branch, at once, as Kafka Streams' BranchedKStreamImpl does: it takes a number (named or not), its child
   * node is added, and its chain function runs now, so nodes the chain adds are numbered before the next branch's.
   */
  private add(predicate: ((key: K, value: V) => boolean) | undefined, options: BranchOptions<K, V> | undefined): void {
    const { ctx, shape } = this.parent;
    ctx.names.next('KSTREAM-BRANCH');
    const child = this.branchName(predicate, options);
    this.routes.push({ predicate, child });
    ctx.graph.add(GraphNodes.processor({ name: child, parents: [this.splitName], supplier: passThroughOperator(), stores: [] }));
    const stream: KStream<K, V> = new dsl.KStreamImpl<K, V>(ctx, { ...shape, nodeName: child });
    const chained = options?.chain ? options.chain(stream) : stream;
    if (chained) this.result[child] = chained;
  }

  private end(): Record<string, KStream<K, V>> {
    this.ended = true;
    return this.result;
  }
}
