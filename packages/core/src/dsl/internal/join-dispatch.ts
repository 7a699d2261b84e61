// What `KStream.join` / `leftJoin` / `outerJoin` join with, told apart by their arguments: a KTable
// `(table, joiner, options?)`, a GlobalKTable `(globalTable, keySelector, joiner, options?)`, or another KStream
// `(stream, joiner, windows, options?)`. The KStream interface's overloads type each form.
import type { KStream } from '../kstream.js';
import type { JoinedOptions, NamedOptions, StreamJoinedOptions } from '../options.js';
import { JoinWindows } from '../windows/join-windows.js';
import { dsl } from './dsl-classes.js';
import type { KStreamImpl } from './kstream-impl.js';
import type { KTableImpl } from './ktable-impl.js';
import { joinStreams, type StreamJoinKind } from './stream-stream-join.js';
import { joinStreamWithGlobalTable, joinStreamWithTable } from './stream-table-join.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the KStream overloads give each join its types
type AnyFunction = (...args: any[]) => any;

export function dispatchJoin<K, V>(
  stream: KStreamImpl<K, V>,
  kind: StreamJoinKind,
  other: unknown,
  a: AnyFunction,
  b: unknown,
  c: unknown,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): KStream<K, any> {
  if (other instanceof dsl.KStreamImpl) {
    if (!(b instanceof JoinWindows)) throw new TypeError(`${kind} join of two streams: (otherStream, joiner, JoinWindows, options?)`);
    return joinStreams(stream, other as KStreamImpl<K, unknown>, a, b, kind, c as StreamJoinedOptions<K, V, unknown> | undefined);
  }
  if (kind === 'outer') throw new TypeError('outerJoin: the first argument must be a KStream of this builder (tables join with join/leftJoin)');
  const left = kind === 'left';
  if (other instanceof dsl.GlobalKTableImpl) {
    if (typeof b !== 'function') throw new TypeError('join with a GlobalKTable: (globalTable, keySelector, joiner, options?)');
    return joinStreamWithGlobalTable(stream, other, a as (k: K, v: V) => unknown, b as AnyFunction, left, c as NamedOptions | undefined);
  }
  if (!(other instanceof dsl.KTableImpl)) throw new TypeError('join: the first argument must be a KStream, KTable or GlobalKTable of this builder');
  if (typeof b === 'function' || b instanceof JoinWindows) throw new TypeError('join with a KTable: (table, joiner, options?)');
  return joinStreamWithTable(stream, other as KTableImpl<K, unknown>, a, left, b as JoinedOptions<K, V> | undefined);
}
