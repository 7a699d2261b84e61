// The processor vocabulary of the differential specs (README.md, "Processors"), for `process` and
// `processValues`. The Java program (Processors.java) implements the same names the same way. Each processor
// keeps the record's timestamp and headers unless its description says otherwise.
/* eslint-disable @typescript-eslint/no-explicit-any -- processors work on the spec's string / long values */
import { StreamRecord, type FixedKeyProcessorSupplier, type KeyValueStore, type ProcessorSupplier } from '@kstreams/core';
import type { FnRef, SerdeName } from './spec.js';

type Value = string | number | null;
/** Forwards a record; `base` is the input record (its headers carry over), undefined inside a punctuation. */
type Emit = (key: Value, value: Value, timestamp: number) => void;

interface Logic {
  /** Runs once per task; `emit` here forwards records without an input record (punctuations). */
  init?(ctx: { getStateStore(name: string): any; schedule(ms: number, type: 'stream-time', p: (ts: number) => void): unknown }, emit: Emit): void;
  process(key: Value, value: Value, timestamp: number, emit: Emit): void;
}

interface Definition {
  /** Changes keys or forwards from a punctuation, so `process` only (not `processValues`). */
  readonly processOnly: boolean;
  /** The key serde of its output, given the input's. */
  readonly keySerde: (input: SerdeName) => SerdeName;
  /** The value serde of its output and of its store, given the input's. */
  readonly valueSerde: (input: SerdeName) => SerdeName;
  readonly needsStore: boolean;
  readonly make: (arg: string | number | undefined, store: string | undefined) => Logic;
}

const vocabulary: Record<string, Definition> = {
  // two records per record, keys suffixed "-1" and "-2" (a null key stays null)
  duplicateWithSuffix: {
    processOnly: true,
    keySerde: () => 'string',
    valueSerde: (v) => v,
    needsStore: false,
    make: () => ({
      process: (k, v, ts, emit) => {
        emit(k === null ? null : `${String(k)}-1`, v, ts);
        emit(k === null ? null : `${String(k)}-2`, v, ts);
      },
    }),
  },
  // the value's length as a long (null stays null)
  valueLength: {
    processOnly: false,
    keySerde: (k) => k,
    valueSerde: () => 'long',
    needsStore: false,
    make: () => ({ process: (k, v, ts, emit) => emit(k, v === null ? null : String(v).length, ts) }),
  },
  // the record with its timestamp plus arg
  shiftTimestamp: {
    processOnly: false,
    keySerde: (k) => k,
    valueSerde: (v) => v,
    needsStore: false,
    make: (arg) => ({ process: (k, v, ts, emit) => emit(k, v, ts + Number(arg)) }),
  },
  // counts records per key in the store (a long) and forwards the new count; a record with a null key is dropped
  countPerKey: {
    processOnly: false,
    keySerde: (k) => k,
    valueSerde: () => 'long',
    needsStore: true,
    make: (_arg, storeName) => {
      let store: KeyValueStore<Value, number>;
      return {
        init: (ctx) => (store = ctx.getStateStore(storeName!)),
        process: (k, _v, ts, emit) => {
          if (k === null) return;
          const count = (store.get(k) ?? 0) + 1;
          store.put(k, count);
          emit(k, count, ts);
        },
      };
    },
  },
  // keeps each key's latest value in the store (a null value deletes it; a null key is dropped) and forwards
  // nothing per record; every arg ms of stream time a punctuation forwards every entry in key order, with the
  // punctuation's timestamp
  punctuateLatest: {
    processOnly: true,
    keySerde: (k) => k,
    valueSerde: (v) => v,
    needsStore: true,
    make: (arg, storeName) => {
      let store: KeyValueStore<Value, Value>;
      return {
        init: (ctx, emit) => {
          store = ctx.getStateStore(storeName!);
          ctx.schedule(Number(arg), 'stream-time', (ts) => {
            for (const [k, v] of store.all()) emit(k, v, ts);
          });
        },
        process: (k, v) => {
          if (k !== null) store.put(k, v);
        },
      };
    },
  },
};

function definition(ref: FnRef | undefined): { def: Definition; arg: string | number | undefined } {
  if (ref === undefined) throw new Error('a process step lacks a processor');
  const { name, arg } = typeof ref === 'string' ? { name: ref, arg: undefined } : ref;
  const def = vocabulary[name];
  if (!def) throw new Error(`unknown processor '${name}'`);
  return { def, arg };
}

/** The serdes of the processor's output (the value serde is also its store's), and whether it needs a store. */
export function processorShape(
  ref: FnRef | undefined,
  key: SerdeName,
  value: SerdeName,
): { keySerde: SerdeName; valueSerde: SerdeName; needsStore: boolean } {
  const { def } = definition(ref);
  return { keySerde: def.keySerde(key), valueSerde: def.valueSerde(value), needsStore: def.needsStore };
}

export function processorSupplier(ref: FnRef | undefined, store: string | undefined): ProcessorSupplier<Value, Value, Value, Value> {
  const { def, arg } = definition(ref);
  return () => {
    const logic = def.make(arg, store);
    let ctx: any;
    let current: StreamRecord<Value, Value> | undefined;
    const emit: Emit = (k, v, ts) =>
      ctx.forward(current ? new StreamRecord(k, v, ts, current.headers) : new StreamRecord(k, v, ts));
    return {
      init: (c) => {
        ctx = c;
        logic.init?.(c as any, emit);
      },
      process: (record) => {
        current = record;
        try {
          logic.process(record.key, record.value, record.timestamp, emit);
        } finally {
          current = undefined;
        }
      },
    };
  };
}

export function fixedKeyProcessorSupplier(ref: FnRef | undefined, store: string | undefined): FixedKeyProcessorSupplier<Value, Value, Value> {
  const { def, arg } = definition(ref);
  if (def.processOnly) throw new Error(`processor '${typeof ref === 'string' ? ref : ref?.name}' cannot run in processValues`);
  return () => {
    const logic = def.make(arg, store);
    let ctx: any;
    return {
      init: (c) => {
        ctx = c;
        logic.init?.(c as any, () => {
          throw new Error('processValues cannot forward without an input record');
        });
      },
      process: (record) =>
        logic.process(record.key, record.value, record.timestamp, (_k, v, ts) => ctx.forward(record.withValue(v).withTimestamp(ts))),
    };
  };
}
