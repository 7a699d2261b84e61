// DSL objects are plain values, not thenables: `await`ing one, or returning one from an async function, gives it
// back. (KStreamImpl once had a private method named `then`, so awaiting a stream never settled.)
import { describe, expect, it } from 'vitest';
import { Serdes, StreamsBuilder } from '@kstreams/core';

const S = Serdes.string();

/** Settles with what `value` awaits to, or rejects if that takes longer than 1 s (a thenable that never calls back). */
function settle<T>(value: T): Promise<Awaited<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('awaiting the DSL object never settled: it is a thenable')), 1000);
  });
  return Promise.race([(async () => await value)(), timeout]).finally(() => clearTimeout(timer));
}

describe('DSL objects are not thenables', () => {
  it('awaits a stream to itself', { timeout: 5000 }, async () => {
    const b = new StreamsBuilder();
    const stream = b.stream('in', { keySerde: S, valueSerde: S }).filter((_k, v) => v.length > 0);
    await expect(settle(stream)).resolves.toBe(stream);
  });

  it('returns a stream, and a table, from an async function', { timeout: 5000 }, async () => {
    const b = new StreamsBuilder();
    const lowerCase = async () => b.stream('words', { keySerde: S, valueSerde: S }).mapValues((v) => v.toLowerCase());
    const words = await settle(lowerCase());
    const countWords = async () => words.groupBy((_k, w) => w).count({ name: 'word-counts' });
    const counts = await settle(countWords());
    counts.toStream().to('counts', { valueSerde: Serdes.nullable(Serdes.int64Number()) });
    expect(b.build().describe().toString()).toContain('word-counts');
  });

  it('has no `then` on any DSL object', () => {
    const b = new StreamsBuilder();
    const stream = b.stream('in', { keySerde: S, valueSerde: S });
    const table = b.table('t', { keySerde: S, valueSerde: S });
    const objects = {
      builder: b,
      stream,
      table,
      globalTable: b.globalTable('g', { keySerde: S, valueSerde: S }),
      groupedStream: stream.groupByKey(),
      groupedTable: table.groupBy((k, v) => [k, v]),
      split: stream.split(),
      topology: b.build(),
    };
    for (const [name, object] of Object.entries(objects)) {
      expect({ name, then: (object as { then?: unknown }).then }).toEqual({ name, then: undefined });
    }
  });
});
