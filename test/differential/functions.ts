// The function vocabulary of the differential specs (README.md, "Functions"), in TypeScript. The Java program
// implements the same names the same way; a spec names a function and, for some, gives an argument.
import type { Windowed } from '@kstreams/core';
import type { FnRef } from './spec.js';

type Value = string | number | null;
type Fn = (...args: never[]) => unknown;

const str = (v: Value): string | null => (v === null ? null : String(v));
const firstWord = (v: Value): string | null => {
  const s = str(v);
  if (s === null) return null;
  const i = s.indexOf(' ');
  return i < 0 ? s : s.slice(0, i);
};
const words = (v: Value): string[] => (v === null ? [] : String(v).split(' ').filter((w) => w.length > 0));
const length = (v: Value): number | null => (v === null ? null : String(v).length);
const asText = (v: unknown): string => (v === null || v === undefined ? 'null' : String(v));
/** The timestamp a value "<ts>:<text>" carries: its text before the first ':' when that is an integer, else null. */
const prefixTimestamp = (v: unknown): number | null => {
  if (v === null || v === undefined) return null;
  const s = String(v);
  const i = s.indexOf(':');
  return i >= 0 && /^-?[0-9]+$/.test(s.slice(0, i)) ? Number(s.slice(0, i)) : null;
};
type SourceRecord = { readonly value: unknown; readonly timestamp: number };

const vocabulary: Record<string, (arg: string | number | undefined) => Fn> = {
  // predicates (key, value) => boolean
  lengthGt: (n) => (_k: Value, v: Value) => v !== null && String(v).length > Number(n),
  keyEquals: (x) => (k: Value) => k === x,
  valueContains: (x) => (_k: Value, v: Value) => v !== null && String(v).includes(String(x)),
  valueStartsWith: (x) => (_k: Value, v: Value) => v !== null && String(v).startsWith(String(x)),
  isEven: () => (_k: Value, v: Value) => v !== null && Number(v) % 2 === 0,
  always: () => () => true,
  never: () => () => false,
  // value mappers (value, key) => value
  upper: () => (v: Value) => (v === null ? null : String(v).toUpperCase()),
  append: (x) => (v: Value) => (v === null ? null : `${String(v)}${String(x)}`),
  length: () => (v: Value) => length(v),
  firstWord: () => (v: Value) => firstWord(v),
  valueOrNull: () => (v: Value) => (v === 'null' ? null : v),
  // key selectors (key, value) => key
  keyFirstChar: () => (k: Value) => (k === null ? null : String(k).slice(0, 1)),
  valueAsKey: () => (_k: Value, v: Value) => v,
  nullKey: () => () => null,
  windowedKey: () => (k: Windowed<Value> | null) => (k === null ? null : `${asText(k.key)}@${k.window.start}/${k.window.end}`),
  // key-value mappers (key, value) => [key, value]
  swap: () => (k: Value, v: Value) => [v, k] as const,
  firstWordAndValue: () => (_k: Value, v: Value) => [firstWord(v), v] as const,
  firstWordAndLength: () => (_k: Value, v: Value) => [firstWord(v), length(v)] as const,
  upperKey: () => (k: Value, v: Value) => [k === null ? null : String(k).toUpperCase(), v] as const,
  firstWordOrNullAndValue: () => (_k: Value, v: Value) => [firstWord(v) === 'null' ? null : firstWord(v), v] as const,
  // flat mappers
  words: () => (v: Value) => words(v),
  wordsAsKeys: () => (_k: Value, v: Value) => words(v).map((w) => [w, v] as const),
  // topic-name extractor (key, value) => topic
  topicByFirstChar: () => (_k: Value, v: Value) => `out-${String(v).slice(0, 1)}`,
  // timestamp extractors (record, partitionTime) => timestamp
  valuePrefix: () => (r: SourceRecord) => prefixTimestamp(r.value) ?? r.timestamp,
  valuePrefixOrPartitionTime: () => (r: SourceRecord, partitionTime: number) => prefixTimestamp(r.value) ?? partitionTime,
  // joiners (left, right) => value
  concat: () => (l: Value, r: Value) => `${asText(l)}|${asText(r)}`,
  // reducers (aggregate, value) => aggregate
  concatReduce: () => (agg: Value, v: Value) => `${asText(agg)}+${asText(v)}`,
  sum: () => (agg: Value, v: Value) => Number(agg) + Number(v),
  subtract: () => (agg: Value, v: Value) => Number(agg) - Number(v),
  // initializers
  zero: () => () => 0,
  emptyString: () => () => '',
  // aggregators and subtractors (key, value, aggregate) => aggregate
  sumLength: () => (_k: Value, v: Value, agg: Value) => Number(agg) + (length(v) ?? 0),
  subLength: () => (_k: Value, v: Value, agg: Value) => Number(agg) - (length(v) ?? 0),
  concatAgg: () => (_k: Value, v: Value, agg: Value) => (agg === '' || agg === null ? asText(v) : `${asText(agg)},${asText(v)}`),
  removeAgg: () => (_k: Value, v: Value, agg: Value) => {
    const parts = agg === null || agg === '' ? [] : String(agg).split(',');
    const i = parts.indexOf(asText(v));
    if (i >= 0) parts.splice(i, 1);
    return parts.join(',');
  },
  // session mergers (key, aggregate1, aggregate2) => aggregate
  sumMerger: () => (_k: Value, a: Value, b: Value) => Number(a) + Number(b),
  concatMerger: () => (_k: Value, a: Value, b: Value) => `${asText(a)}|${asText(b)}`,
};

/** Value mappers that also serve as key selectors; as such they get `(key, value)` and read the value. */
const valueFunctions = new Set(['upper', 'append', 'length', 'firstWord', 'valueOrNull']);

/** A key selector (selectKey, a stream's groupBy, a global-table join's key selector): `(key, value) => key`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function keySelector(ref: FnRef | undefined): any {
  const f = fn(ref);
  const name = typeof ref === 'string' ? ref : ref?.name;
  return valueFunctions.has(name ?? '') ? (_k: Value, v: Value) => f(v) : f;
}

/** The function a spec names; throws for an unknown name so a typo fails the spec instead of passing it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function fn(ref: FnRef | undefined): any {
  if (ref === undefined) throw new Error('a step lacks a function');
  const { name, arg } = typeof ref === 'string' ? { name: ref, arg: undefined } : ref;
  const make = vocabulary[name];
  if (!make) throw new Error(`unknown function '${name}'`);
  return make(arg);
}
