// split(): one KSTREAM-BRANCH node routes each record to one pass-through child per branch.
import { GraphNodes } from '../../graph/graph-node.js';
import { branchOperator, type BranchRoute } from '../../processor/operators/branch.js';
import { passThroughOperator } from '../../processor/operators/pass-through.js';
import type { BranchedKStream } from '../branched-kstream.js';
import type { KStream } from '../kstream.js';
import type { BranchOptions } from '../options.js';
import type { KStreamImpl } from './kstream-impl.js';
import { dsl } from './dsl-classes.js';

interface PendingBranch<K, V> {
  readonly predicate: ((key: K, value: V) => boolean) | undefined;
  readonly options: BranchOptions<K, V> | undefined;
}

/**
 * Branch names: a named split `{ name: 'route-' }` with branch `{ name: 'big' }` gives `route-big` (as Kafka
 * Streams concatenates). Unnamed parts are numbered from 1 in order, the default branch is `0`, and a generated
 * split name is joined to them with `-`. (`BranchedKStream`'s types spell the same rule; keep them in step.)
 */
export class BranchedKStreamImpl<K, V> {
  private readonly branches: PendingBranch<K, V>[] = [];
  private ended = false;

  private constructor(
    private readonly parent: KStreamImpl<K, V>,
    private readonly splitName: string,
    private readonly splitNamed: boolean,
  ) {}

  /**
   * A new split, typed as `BranchedKStream`. The interface's types (branch names, values narrowed by type guards)
   * exist only at compile time; at run time every branch is a predicate on the parent's records, which this
   * class handles with the parent's K and V, hence the one cast.
   */
  static start<K, V, Prefix extends string>(parent: KStreamImpl<K, V>, splitName: string, splitNamed: boolean): BranchedKStream<K, V, Prefix, []> {
    return new BranchedKStreamImpl(parent, splitName, splitNamed) as unknown as BranchedKStream<K, V, Prefix, []>;
  }

  branch(predicate: (key: K, value: V) => boolean, options?: BranchOptions<K, V>): this {
    this.assertOpen();
    this.branches.push({ predicate, options });
    return this;
  }

  defaultBranch(options?: BranchOptions<K, V>): Record<string, KStream<K, V>> {
    this.assertOpen();
    this.branches.push({ predicate: undefined, options });
    return this.end();
  }

  noDefaultBranch(): Record<string, KStream<K, V>> {
    this.assertOpen();
    return this.end();
  }

  private assertOpen(): void {
    if (this.ended) throw new Error(`split '${this.splitName}' already ended with defaultBranch()/noDefaultBranch()`);
  }

  private branchName(b: PendingBranch<K, V>, index: number): string {
    const own = b.options?.name ?? (b.predicate === undefined ? '0' : String(index + 1));
    return this.splitNamed ? `${this.splitName}${own}` : `${this.splitName}-${own}`;
  }

  private end(): Record<string, KStream<K, V>> {
    this.ended = true;
    const { ctx, shape } = this.parent;
    const named = this.branches.map((b, i) => ({ ...b, child: this.branchName(b, i) }));
    const routes: BranchRoute<K, V>[] = named.map((b) => ({ predicate: b.predicate, child: b.child }));
    ctx.graph.add(
      GraphNodes.processor({ name: this.splitName, parents: [shape.nodeName], supplier: branchOperator(routes), stores: [] }),
    );
    const result: Record<string, KStream<K, V>> = {};
    for (const b of named) {
      ctx.graph.add(
        GraphNodes.processor({ name: b.child, parents: [this.splitName], supplier: passThroughOperator(), stores: [] }),
      );
      const stream: KStream<K, V> = new dsl.KStreamImpl<K, V>(ctx, { ...shape, nodeName: b.child });
      const chained = b.options?.chain ? b.options.chain(stream) : stream;
      if (chained) result[b.child] = chained;
    }
    return result;
  }
}
