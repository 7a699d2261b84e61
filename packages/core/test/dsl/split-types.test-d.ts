// split() types its result by branch name (split name + branch name), and a type-guard predicate narrows its
// branch and the branches after it.
import { describe, expectTypeOf, it } from 'vitest';
import { StreamsBuilder, type BranchedKStream, type KStream } from '@kstreams/core';

interface Circle {
  kind: 'circle';
  r: number;
}
interface Square {
  kind: 'square';
  side: number;
}
type Shape = Circle | Square;

describe('split types', () => {
  const b = new StreamsBuilder();
  const numbers = b.stream<string, number>('numbers');
  const shapes = b.stream<string, Shape>('shapes');

  it('names the branches split name + branch name', () => {
    const branches = numbers
      .split({ name: 'x-' })
      .branch((_k, v) => v > 100, { name: 'big' })
      .branch((_k, v) => v < 10, { name: 'small' })
      .defaultBranch({ name: 'rest' });
    expectTypeOf(branches).toEqualTypeOf<{ 'x-big': KStream<string, number>; 'x-small': KStream<string, number>; 'x-rest': KStream<string, number> }>();
    expectTypeOf<keyof typeof branches>().toEqualTypeOf<'x-big' | 'x-small' | 'x-rest'>();
    // @ts-expect-error no branch of that name
    void branches['x-medium'];
    // @ts-expect-error the split name is part of the branch name
    void branches['big'];
  });

  it('numbers unnamed branches from 1 by position, and an unnamed default branch is 0', () => {
    const branches = numbers
      .split({ name: 'n-' })
      .branch((_k, v) => v > 100)
      .branch((_k, v) => v > 10, { name: 'ten' })
      .branch((_k, v) => v > 0)
      .defaultBranch();
    expectTypeOf<keyof typeof branches>().toEqualTypeOf<'n-1' | 'n-ten' | 'n-3' | 'n-0'>();
    expectTypeOf(numbers.split({ name: 'n-' }).branch(() => true).noDefaultBranch()).toEqualTypeOf<{ 'n-1': KStream<string, number> }>();
  });

  it('starts the names of an unnamed split with the generated name', () => {
    const branches = numbers.split().branch((_k, v) => v > 100, { name: 'big' }).defaultBranch();
    expectTypeOf<keyof typeof branches>().toEqualTypeOf<`KSTREAM-BRANCH-${string}big` | `KSTREAM-BRANCH-${string}0`>();
    // A pattern, so a name may be absent (noUncheckedIndexedAccess).
    expectTypeOf(branches['KSTREAM-BRANCH-0000000001big']).toEqualTypeOf<KStream<string, number> | undefined>();
  });

  it('narrows a type-guarded branch, and takes its type from the later branches', () => {
    const branches = shapes
      .split({ name: 's-' })
      .branch((_k, v): v is Circle => v.kind === 'circle', { name: 'circle' })
      .defaultBranch({ name: 'other' });
    expectTypeOf(branches['s-circle']).toEqualTypeOf<KStream<string, Circle>>();
    expectTypeOf(branches['s-other']).toEqualTypeOf<KStream<string, Square>>();
    shapes
      .split()
      .branch((_k, v): v is Circle => v.kind === 'circle')
      // @ts-expect-error circles went to the first branch: the second sees only squares
      .branch((_k, v) => v.kind === 'circle');
  });

  it('types chain: its stream is the branch, what it returns is the result', () => {
    const branches = shapes
      .split({ name: 's-' })
      .branch((_k, v): v is Circle => v.kind === 'circle', { name: 'c', chain: (s) => s.filter((_k, c) => c.r > 1) })
      .branch((_k, v) => v.kind === 'square', { name: 'sq', chain: (s) => s.to('squares') })
      .defaultBranch({ name: 'd', chain: (s) => (Math.random() > 0.5 ? s : undefined) });
    expectTypeOf(branches).toEqualTypeOf<{ 's-c': KStream<string, Circle>; 's-d': KStream<string, Square> | undefined }>();
    // @ts-expect-error a chain keeps the branch's key and value types
    shapes.split().branch(() => true, { chain: (s) => s.mapValues((v) => v.kind) });
  });

  it('a loop can build a split of names known only at run time', () => {
    let split: BranchedKStream<string, number> = numbers.split({ name: 'n-' });
    for (const limit of [1, 10, 100]) split = split.branch((_k, v) => v < limit, { name: `below-${limit}` });
    const branches = split.defaultBranch({ name: 'rest' });
    expectTypeOf(branches['n-below-1']).toEqualTypeOf<KStream<string, number> | undefined>();
    expectTypeOf(branches['n-rest']).toEqualTypeOf<KStream<string, number> | undefined>();
  });
});
