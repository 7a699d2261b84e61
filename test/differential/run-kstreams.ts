// The kstreams half of the differential suite: builds a spec's topology with the kstreams DSL, describes it, pipes
// its inputs through kstreams' TopologyTestDriver and reads its output topics. The Java program in java/ does the
// same on Kafka Streams; differential.test.ts compares the two.
/* eslint-disable @typescript-eslint/no-explicit-any -- the interpreter works on values whose types the spec gives */
import {
  BufferConfig,
  EmitStrategy,
  JoinWindows,
  Materialized,
  Serdes,
  SessionWindows,
  SlidingWindows,
  Stores,
  StreamsBuilder,
  Suppressed,
  TimeWindows,
  Windowed,
  WindowedSerdes,
  type Serde,
} from '@kstreams/core';
import { TopologyTestDriver } from '@kstreams/test-utils';
import { fn, keySelector } from './functions.js';
import { fixedKeyProcessorSupplier, processorShape, processorSupplier } from './processors.js';
import type { JoinWindowsSpec, OutputRecord, SerdeName, Spec, SpecResult, Step, SuppressSpec, WindowsSpec } from './spec.js';
import { describedTopology, type DescribedTopology } from './topology-description.js';

type Kind = 'stream' | 'table' | 'global' | 'groupedStream' | 'groupedTable' | 'windowedStream' | 'sessionWindowedStream';

/** What a step id stands for: a DSL object, what kind it is, and the serdes of its keys and values. */
interface Built {
  readonly kind: Kind;
  readonly obj: any;
  readonly key: SerdeName;
  readonly value: SerdeName;
}

/** Raw bytes shown as lowercase hex (the `bytes` serde), so outputs compare the exact bytes. */
const hexSerde: Serde<string | null> = Serdes.nullable(
  Serdes.from<string>(
    'hex',
    (_topic, hex) => Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16)),
    (_topic, bytes) => Buffer.from(bytes).toString('hex'),
  ),
);

/** `windowed-<inner>:<sizeMs>` as [inner serde name, window size], else undefined. */
export function windowedSerde(name: SerdeName | undefined): [SerdeName, number] | undefined {
  const m = /^windowed-(string|long):([0-9]+)$/.exec(name ?? '');
  return m ? [m[1] as SerdeName, Number(m[2])] : undefined;
}

/** `session-<inner>` as its inner serde name, else undefined. */
export function sessionSerde(name: SerdeName | undefined): SerdeName | undefined {
  const m = /^session-(string|long)$/.exec(name ?? '');
  return m ? (m[1] as SerdeName) : undefined;
}

export function serdeOf(name: SerdeName | undefined): Serde<any> {
  const session = sessionSerde(name);
  if (session) return Serdes.nullable(WindowedSerdes.sessionWindowedSerdeFrom(serdeOf(session)));
  const windowed = windowedSerde(name);
  if (windowed) return Serdes.nullable(WindowedSerdes.timeWindowedSerdeFrom(serdeOf(windowed[0]), windowed[1]));
  if (name === 'bytes') return hexSerde;
  if (name !== undefined && name !== 'long' && name !== 'string') throw new Error(`unknown serde: ${name}`);
  return name === 'long' ? Serdes.nullable(Serdes.int64Number()) : Serdes.nullable(Serdes.string());
}

function outputSerdeOf(name: SerdeName | undefined): Serde<any> {
  if (windowedSerde(name) || sessionSerde(name)) throw new Error(`an output's serde is string, long or bytes, not ${name}`);
  return serdeOf(name);
}

function sessionWindows(w: WindowsSpec & { sessionGapMs: number }): SessionWindows {
  return w.graceMs === undefined
    ? SessionWindows.ofInactivityGapWithNoGrace(w.sessionGapMs)
    : SessionWindows.ofInactivityGapAndGrace(w.sessionGapMs, w.graceMs);
}

function slidingWindows(w: WindowsSpec & { timeDifferenceMs: number }): SlidingWindows {
  return w.graceMs === undefined
    ? SlidingWindows.ofTimeDifferenceWithNoGrace(w.timeDifferenceMs)
    : SlidingWindows.ofTimeDifferenceAndGrace(w.timeDifferenceMs, w.graceMs);
}

function timeWindows(w: WindowsSpec | undefined): TimeWindows {
  if (!w) throw new Error('windowedBy needs "windows"');
  if (w.sizeMs === undefined) throw new Error('time windows need "sizeMs"');
  const windows = w.graceMs === undefined ? TimeWindows.ofSizeWithNoGrace(w.sizeMs) : TimeWindows.ofSizeAndGrace(w.sizeMs, w.graceMs);
  return w.advanceMs === undefined ? windows : windows.advanceBy(w.advanceMs);
}

function joinWindows(w: JoinWindowsSpec | undefined): JoinWindows {
  if (!w) throw new Error('a stream–stream join needs "joinWindows"');
  let windows =
    w.graceMs === undefined ? JoinWindows.ofTimeDifferenceWithNoGrace(w.timeDifferenceMs) : JoinWindows.ofTimeDifferenceAndGrace(w.timeDifferenceMs, w.graceMs);
  if (w.beforeMs !== undefined) windows = windows.before(w.beforeMs);
  if (w.afterMs !== undefined) windows = windows.after(w.afterMs);
  return windows;
}

/**
 * The step's `suppress` as Java's SuppressSteps builds it: no bound is BufferConfig.unbounded() (strict), a bound
 * is maxRecords / maxBytes (emit early), `whenFull` overrides; untilWindowCloses makes an unset `whenFull` strict.
 */
function suppressed(s: SuppressSpec | undefined): Suppressed {
  if (!s) throw new Error('suppress needs "suppress"');
  const untilWindowCloses = s.untilWindowCloses === true;
  if (untilWindowCloses === (s.untilTimeLimitMs !== undefined)) throw new Error('"suppress" needs either "untilWindowCloses": true or "untilTimeLimitMs"');
  let buffer: BufferConfig;
  if (s.maxRecords === undefined && s.maxBytes === undefined) buffer = BufferConfig.unbounded();
  else if (s.maxRecords !== undefined) buffer = s.maxBytes === undefined ? BufferConfig.maxRecords(s.maxRecords) : { ...BufferConfig.maxRecords(s.maxRecords), maxBytes: s.maxBytes };
  else buffer = BufferConfig.maxBytes(s.maxBytes!);
  if (s.whenFull === 'shut-down' || (untilWindowCloses && s.whenFull === undefined)) buffer = BufferConfig.shutDownWhenFull(buffer);
  else if (s.whenFull === 'emit-early') buffer = BufferConfig.emitEarlyWhenFull(buffer);
  else if (s.whenFull !== undefined) throw new Error(`"whenFull" is emit-early or shut-down, not ${String(s.whenFull)}`);
  const result = untilWindowCloses ? Suppressed.untilWindowCloses(buffer) : Suppressed.untilTimeLimit(s.untilTimeLimitMs!, buffer);
  return s.name === undefined ? result : Suppressed.withName(result, s.name);
}

export function runKStreams(spec: Spec): SpecResult {
  let driver: TopologyTestDriver | undefined;
  let topology: DescribedTopology | undefined;
  let topologyError: string | undefined;
  try {
    const emitInterval = spec.config?.outerJoinEmitIntervalMs;
    const builder = new StreamsBuilder();
    const sources = new Map<string, { key: SerdeName; value: SerdeName }>();
    const built = new Map<string, Built>();
    for (const step of spec.topology) applyStep(builder, step, built, sources);
    const builtTopology = builder.build({ optimization: spec.config?.optimization ?? 'none' });
    // a describe() the harness cannot read fails the names test, not the outputs
    try {
      topology = describedTopology(builtTopology.describe());
    } catch (e) {
      topologyError = e instanceof Error ? e.message : String(e);
    }
    driver = new TopologyTestDriver(builtTopology, {
      applicationId: `differential-${spec.name}`,
      // as Java's DriverConfig: String default serdes (used where a step has no serde of its own, e.g. suppress
      // after a table mapValues)
      defaultKeySerde: serdeOf('string'),
      defaultValueSerde: serdeOf('string'),
      ...(spec.config?.cacheMaxBytes !== undefined ? { cacheMaxBytes: spec.config.cacheMaxBytes } : {}),
      ...(emitInterval !== undefined ? { outerJoinEmitIntervalMs: emitInterval } : {}),
      ...(spec.config?.maxTaskIdleMs !== undefined ? { maxTaskIdleMs: spec.config.maxTaskIdleMs } : {}),
    });
    for (const input of spec.inputs) {
      if ('advanceWallClockMs' in input) {
        driver.advanceWallClockTime(input.advanceWallClockMs);
        continue;
      }
      const serdes = sources.get(input.topic);
      if (!serdes) throw new Error(`spec input topic '${input.topic}' is read by no source step`);
      driver
        .createInputTopic(input.topic, serdeOf(serdes.key), serdeOf(serdes.value))
        .pipeInput(input.key, input.value, { timestamp: input.timestamp });
    }
    const outputs: Record<string, OutputRecord[]> = {};
    for (const out of spec.outputs) {
      const topic = driver.createOutputTopic(out.topic, outputSerdeOf(out.keySerde), outputSerdeOf(out.valueSerde));
      outputs[out.topic] = topic.readRecordsToList().map((r) => ({ key: r.key, value: r.value, timestamp: r.timestamp }));
    }
    for (const { name } of spec.stores ?? []) {
      const store = driver.getTimestampedWindowStore<unknown, unknown>(name);
      if (!store) throw new Error(`no timestamped window store named ${name}`);
      outputs[`store:${name}`] = [...store.all()].map(([w, v]) => ({ key: Windowed.toString(w), value: v.value as OutputRecord['value'], timestamp: v.timestamp }));
    }
    return { outputs, ...described() };
  } catch (e) {
    return { error: e instanceof Error ? `${e.name}: ${e.message}` : String(e), ...described() };
  } finally {
    driver?.close();
  }

  function described(): { topology?: DescribedTopology; topologyError?: string } {
    return { ...(topology === undefined ? {} : { topology }), ...(topologyError === undefined ? {} : { topologyError }) };
  }
}

function applyStep(builder: StreamsBuilder, step: Step, built: Map<string, Built>, sources: Map<string, { key: SerdeName; value: SerdeName }>): void {
  const get = (id: string | undefined): Built => {
    const b = id === undefined ? undefined : built.get(id);
    if (!b) throw new Error(`step '${step.op}' refers to unknown id '${id}'`);
    return b;
  };
  const put = (kind: Kind, obj: any, key: SerdeName, value: SerdeName): void => {
    if (step.id === undefined) throw new Error(`step '${step.op}' needs an id`);
    built.set(step.id, { kind, obj, key, value });
  };
  const key = step.keySerde ?? 'string';
  const value = step.valueSerde ?? 'string';
  const caching = step.caching === false ? { cachingEnabled: false } : {};
  const materialized = (k: SerdeName, v: SerdeName) =>
    step.materialized === undefined ? undefined : Materialized.as(step.materialized, { keySerde: serdeOf(k), valueSerde: serdeOf(v), ...caching });
  /** Materialized.as(name) when the step names a store, else Materialized.with(k, v) (Java's asOrWith). */
  const asOrWith = (k: SerdeName, v: SerdeName) => materialized(k, v) ?? { ...Materialized.with(serdeOf(k), serdeOf(v)), ...caching };
  const timestampExtractor = step.timestampExtractor === undefined ? {} : { timestampExtractor: fn(step.timestampExtractor) };
  // "groupedStream.windowedBy": an op may name the kind of its `from`, which must then be that kind
  const dot = step.op.indexOf('.');
  const op = dot < 0 ? step.op : step.op.slice(dot + 1);
  if (dot >= 0) {
    const kind = get(step.from).kind;
    if ((kind === 'global' ? 'globalTable' : kind) !== step.op.slice(0, dot)) throw new Error(`op '${step.op}' on a ${kind}`);
  }
  const fromKind = step.from === undefined ? undefined : built.get(step.from)?.kind;
  if (fromKind === 'windowedStream' || fromKind === 'sessionWindowedStream') return applyWindowed(op, step, get(step.from), put);

  switch (op) {
    case 'stream': {
      const topics = step.topics ?? [step.topic!];
      for (const t of topics) sources.set(t, { key, value });
      put('stream', builder.stream(topics, { keySerde: serdeOf(key), valueSerde: serdeOf(value), ...timestampExtractor }), key, value);
      return;
    }
    case 'table':
      sources.set(step.topic!, { key, value });
      put(
        'table',
        builder.table(step.topic!, { keySerde: serdeOf(key), valueSerde: serdeOf(value), materialized: materialized(key, value), ...timestampExtractor }),
        key,
        value,
      );
      return;
    case 'globalTable':
      sources.set(step.topic!, { key, value });
      put(
        'global',
        builder.globalTable(step.topic!, {
          keySerde: serdeOf(key),
          valueSerde: serdeOf(value),
          materialized: materialized(key, value),
          ...timestampExtractor,
        }),
        key,
        value,
      );
      return;
    case 'filter':
    case 'filterNot': {
      const from = get(step.from);
      const options = from.kind === 'table' ? { materialized: materialized(from.key, from.value) } : undefined;
      put(from.kind, from.obj[op](fn(step.fn), options), from.key, from.value);
      return;
    }
    case 'map': {
      const from = get(step.from);
      put('stream', from.obj.map(fn(step.fn)), key, value);
      return;
    }
    case 'mapValues': {
      const from = get(step.from);
      const options = from.kind === 'table' ? { materialized: materialized(from.key, value) } : undefined;
      put(from.kind, from.obj.mapValues(fn(step.fn), options), from.key, value);
      return;
    }
    case 'flatMap':
      put('stream', get(step.from).obj.flatMap(fn(step.fn)), key, value);
      return;
    case 'flatMapValues': {
      const from = get(step.from);
      put('stream', from.obj.flatMapValues(fn(step.fn)), from.key, value);
      return;
    }
    case 'selectKey': {
      const from = get(step.from);
      put('stream', from.obj.selectKey(keySelector(step.fn)), key, from.value);
      return;
    }
    case 'peek': {
      const from = get(step.from);
      put('stream', from.obj.peek(() => {}), from.key, from.value);
      return;
    }
    case 'foreach':
      get(step.from).obj.foreach(() => {});
      return;
    case 'process':
    case 'processValues': {
      const from = get(step.from);
      const shape = processorShape(step.processor, from.key, from.value);
      if (shape.needsStore) {
        if (step.store === undefined) throw new Error(`processor needs a "store"`);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(step.store), serdeOf(from.key), serdeOf(shape.valueSerde)));
      }
      const options = step.store === undefined ? undefined : { stores: [step.store] };
      const result =
        op === 'process'
          ? from.obj.process(processorSupplier(step.processor, step.store), options)
          : from.obj.processValues(fixedKeyProcessorSupplier(step.processor, step.store), options);
      put('stream', result, shape.keySerde, shape.valueSerde);
      return;
    }
    case 'split':
      return applySplit(step, get(step.from), built);
    case 'merge': {
      const from = get(step.from);
      put('stream', from.obj.merge(get(step.other).obj), from.key, from.value);
      return;
    }
    case 'repartition': {
      const from = get(step.from);
      const k = step.keySerde ?? from.key;
      const v = step.valueSerde ?? from.value;
      const partitions = step.numberOfPartitions === undefined ? {} : { numberOfPartitions: step.numberOfPartitions };
      put('stream', from.obj.repartition({ name: step.name, keySerde: serdeOf(k), valueSerde: serdeOf(v), ...partitions }), k, v);
      return;
    }
    case 'to': {
      const from = get(step.from);
      const target = step.topicFn !== undefined ? fn(step.topicFn) : step.topic!;
      from.obj.to(target, { keySerde: serdeOf(step.keySerde ?? from.key), valueSerde: serdeOf(step.valueSerde ?? from.value) });
      return;
    }
    case 'toTable': {
      const from = get(step.from);
      // Java's toTable() is toTable(Materialized.with(k, v)): serdes, no store name
      put('table', from.obj.toTable({ materialized: asOrWith(from.key, from.value) }), from.key, from.value);
      return;
    }
    case 'toStream': {
      const from = get(step.from);
      put('stream', from.obj.toStream(), from.key, from.value);
      return;
    }
    case 'groupByKey': {
      const from = get(step.from);
      const k = step.keySerde ?? from.key;
      const v = step.valueSerde ?? from.value;
      put('groupedStream', from.obj.groupByKey({ keySerde: serdeOf(k), valueSerde: serdeOf(v) }), k, v);
      return;
    }
    case 'groupBy': {
      const from = get(step.from);
      const kind = from.kind === 'table' ? 'groupedTable' : 'groupedStream';
      const v = from.kind === 'table' ? value : (step.valueSerde ?? from.value);
      put(kind, from.obj.groupBy(from.kind === 'table' ? fn(step.fn) : keySelector(step.fn), { keySerde: serdeOf(key), valueSerde: serdeOf(v) }), key, v);
      return;
    }
    case 'count': {
      const from = get(step.from);
      // As GroupedSteps.java: count() without a store name, count(Materialized.as(name)...) with one (Kafka Streams'
      // count(Materialized) takes one more number than count()).
      const named = materialized(from.key, 'long');
      put('table', named === undefined ? from.obj.count() : from.obj.count({ materialized: named }), from.key, 'long');
      return;
    }
    case 'reduce': {
      const from = get(step.from);
      const v = step.valueSerde ?? from.value;
      const options = { materialized: asOrWith(from.key, v) };
      const table = from.kind === 'groupedTable' ? from.obj.reduce(fn(step.fn), fn(step.subtractor), options) : from.obj.reduce(fn(step.fn), options);
      put('table', table, from.key, v);
      return;
    }
    case 'suppress': {
      const from = get(step.from);
      if (from.kind !== 'table') throw new Error(`suppress on a ${from.kind}`);
      put('table', from.obj.suppress(suppressed(step.suppress)), from.key, from.value);
      return;
    }
    case 'windowedBy': {
      const from = get(step.from);
      if (from.kind !== 'groupedStream') throw new Error(`windowedBy on a ${from.kind}`);
      if (step.windows?.sessionGapMs !== undefined) {
        const session = sessionWindows({ ...step.windows, sessionGapMs: step.windows.sessionGapMs });
        put('sessionWindowedStream', from.obj.windowedBy(session), `session-${from.key}` as SerdeName, from.value);
        return;
      }
      if (step.windows?.timeDifferenceMs !== undefined) {
        const sliding = slidingWindows({ ...step.windows, timeDifferenceMs: step.windows.timeDifferenceMs });
        put('windowedStream', from.obj.windowedBy(sliding), `windowed-${from.key}:${sliding.timeDifferenceMs}` as SerdeName, from.value);
        return;
      }
      const windows = timeWindows(step.windows);
      put('windowedStream', from.obj.windowedBy(windows), `windowed-${from.key}:${windows.size}` as SerdeName, from.value);
      return;
    }
    case 'aggregate': {
      const from = get(step.from);
      const options = { materialized: asOrWith(from.key, value) };
      const table =
        from.kind === 'groupedTable'
          ? from.obj.aggregate(fn(step.initializer), fn(step.fn), fn(step.subtractor), options)
          : from.obj.aggregate(fn(step.initializer), fn(step.fn), options);
      put('table', table, from.key, value);
      return;
    }
    case 'join':
    case 'leftJoin':
    case 'outerJoin':
      return applyJoin({ ...step, op }, get(step.from), get(step.other), materialized, put);
    default:
      throw new Error(`unknown op '${step.op}'`);
  }
}

/**
 * count / reduce / aggregate of a TimeWindowedKStream or a SessionWindowedKStream (whose aggregate also takes a
 * merger). Its tracked key serde is the result's, `windowed-<inner>:<size>` / `session-<inner>`; the store gets
 * the inner one. Always a materialized with serdes, as on the Java side.
 */
function applyWindowed(op: string, step: Step, from: Built, put: (kind: Kind, obj: any, key: SerdeName, value: SerdeName) => void): void {
  const session = from.kind === 'sessionWindowedStream';
  const inner = session ? sessionSerde(from.key)! : windowedSerde(from.key)![0];
  const materialized = (v: SerdeName) => ({
    ...(step.materialized === undefined ? {} : { storeName: step.materialized }),
    keySerde: serdeOf(inner),
    valueSerde: serdeOf(v),
    ...(step.caching === false ? { cachingEnabled: false } : {}),
    ...(step.retentionMs === undefined ? {} : { retentionMs: step.retentionMs }),
  });
  switch (op) {
    case 'emitStrategy': {
      if (step.emit !== 'onWindowClose' && step.emit !== 'onWindowUpdate') throw new Error(`"emit" is onWindowClose or onWindowUpdate, not ${String(step.emit)}`);
      const strategy = step.emit === 'onWindowClose' ? EmitStrategy.onWindowClose() : EmitStrategy.onWindowUpdate();
      put(from.kind, from.obj.emitStrategy(strategy), from.key, from.value);
      return;
    }
    case 'count':
      put('table', from.obj.count({ materialized: materialized('long') }), from.key, 'long');
      return;
    case 'reduce': {
      const v = step.valueSerde ?? from.value;
      put('table', from.obj.reduce(fn(step.fn), { materialized: materialized(v) }), from.key, v);
      return;
    }
    case 'aggregate': {
      // as Java's ResultSerdes.ofInitializer: a `zero` initializer makes longs
      const init = step.initializer === undefined ? undefined : typeof step.initializer === 'string' ? step.initializer : step.initializer.name;
      const v = step.valueSerde ?? (init === 'zero' ? 'long' : 'string');
      const options = { materialized: materialized(v) };
      const table = session
        ? from.obj.aggregate(fn(step.initializer), fn(step.fn), fn(step.merger), options)
        : from.obj.aggregate(fn(step.initializer), fn(step.fn), options);
      put('table', table, from.key, v);
      return;
    }
    default:
      throw new Error(`op '${step.op}' is not supported on a ${from.kind}`);
  }
}

function applySplit(step: Step, from: Built, built: Map<string, Built>): void {
  if (step.unnamedSplit) {
    let unnamed = from.obj.split();
    for (const b of step.branches ?? []) unnamed = unnamed.branch(fn(b.fn));
    const result: Record<string, unknown> = step.defaultId !== undefined ? unnamed.defaultBranch() : unnamed.noDefaultBranch();
    // Generated names: `KSTREAM-BRANCH-<10 digits>` then the position (the default branch: 0).
    const byPosition = new Map(Object.entries(result).map(([name, stream]) => [name.replace(/^KSTREAM-BRANCH-\d{10}/, ''), stream]));
    const positions = [...(step.branches ?? []).map((b, i) => [b.id, String(i + 1)] as const), ...(step.defaultId !== undefined ? [[step.defaultId, '0'] as const] : [])];
    for (const [id, position] of positions) {
      const stream = byPosition.get(position);
      if (!stream) throw new Error(`split: no branch at position ${position} in [${Object.keys(result).join(', ')}]`);
      built.set(id, { kind: 'stream', obj: stream, key: from.key, value: from.value });
    }
    return;
  }
  let branched = from.obj.split({ name: 'split-' });
  for (const b of step.branches ?? []) branched = branched.branch(fn(b.fn), { name: b.id });
  const result = step.defaultId !== undefined ? branched.defaultBranch({ name: step.defaultId }) : branched.noDefaultBranch();
  const ids = [...(step.branches ?? []).map((b) => b.id), ...(step.defaultId !== undefined ? [step.defaultId] : [])];
  for (const id of ids) {
    const stream = result[`split-${id}`];
    if (!stream) throw new Error(`split: no branch 'split-${id}' in [${Object.keys(result).join(', ')}]`);
    built.set(id, { kind: 'stream', obj: stream, key: from.key, value: from.value });
  }
}

function applyJoin(
  step: Step,
  from: Built,
  other: Built,
  materialized: (k: SerdeName, v: SerdeName) => unknown,
  put: (kind: Kind, obj: any, key: SerdeName, value: SerdeName) => void,
): void {
  const joiner = fn(step.joiner);
  const op = step.op;
  if (from.kind === 'stream' && other.kind === 'stream') {
    const k = step.keySerde ?? from.key;
    const options = {
      keySerde: serdeOf(k),
      valueSerde: serdeOf(step.valueSerde ?? from.value),
      otherValueSerde: serdeOf(step.otherValueSerde ?? other.value),
      ...(step.storeName === undefined ? {} : { storeName: step.storeName }),
      ...(step.storeType === undefined ? {} : { storeType: step.storeType }),
    };
    put('stream', from.obj[op](other.obj, joiner, joinWindows(step.joinWindows), options), k, 'string');
  } else if (from.kind === 'stream' && other.kind === 'global') {
    put('stream', from.obj[op](other.obj, keySelector(step.keySelector), joiner), from.key, 'string');
  } else if (from.kind === 'stream' && other.kind === 'table') {
    put('stream', from.obj[op](other.obj, joiner, { keySerde: serdeOf(from.key), valueSerde: serdeOf(from.value) }), from.key, 'string');
  } else if (from.kind === 'table' && other.kind === 'table' && step.foreignKey !== undefined) {
    const method = op === 'join' ? 'joinOnForeignKey' : 'leftJoinOnForeignKey';
    put('table', from.obj[method](other.obj, fn(step.foreignKey), joiner, { materialized: materialized(from.key, 'string') }), from.key, 'string');
  } else if (from.kind === 'table' && other.kind === 'table') {
    put('table', from.obj[op](other.obj, joiner, { materialized: materialized(from.key, 'string') }), from.key, 'string');
  } else {
    throw new Error(`${op}: cannot join a ${from.kind} with a ${other.kind}`);
  }
}
