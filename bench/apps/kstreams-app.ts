// The benchmark topologies on kstreams. argv: scenario bootstrap applicationId input output guarantee commitMs
// env: BENCH_STATE_DIR (stateDir), BENCH_TABLE_TOPIC and BENCH_TABLE_RECORDS (enrich), BENCH_STORE
// (restore: persistent | in-memory) and BENCH_RESTORE_RECORDS (restore: what the store must hold).
// stdout: RUNNING; enrich: TABLE_LOADED once the table's records are processed; restore: `RESTORED <records>
// <ms from start()> <ms from the first restore event>` when the last store finished restoring, then
// `MEMORY <heap used MB> <external MB>` after a full GC (when run with --expose-gc, as the runner does for
// restore: the memory still held with the store full), then `VERIFIED <entries>` or `VERIFY_FAILED <why>`.
import {
  KafkaStreams,
  Materialized,
  Serdes,
  Stores,
  StreamsBuilder,
  TimeWindows,
  WindowedSerdes,
  type KeyValueStore,
  type ProcessingGuarantee,
  type RestoreProgress,
} from '@kstreams/core';
import { pino } from 'pino';
import {
  RESTORE_STORE,
  WINDOW_GRACE_MS,
  WINDOW_SIZE_MS,
  enrich,
  filterMap,
  restoreRecord,
  splitWords,
  type ScenarioName,
} from '../lib/scenarios.js';

const [scenario, bootstrap, applicationId, input, output, guarantee, commitMs] = process.argv.slice(2) as [
  ScenarioName, string, string, string, string, ProcessingGuarantee, string,
];
const env = process.env;
const say = (line: string) => process.stdout.write(`${line}\n`);
const S = Serdes.string();
const b = new StreamsBuilder();
const restoreStores: KeyValueStore<string, string>[] = [];
let cacheMaxBytes: number | undefined;

switch (scenario) {
  case 'passthrough':
    b.stream(input, { keySerde: S, valueSerde: S })
      .mapValues((v) => v)
      .to(output, { keySerde: S, valueSerde: S });
    break;
  case 'filter-map':
    b.stream(input, { keySerde: S, valueSerde: S })
      .mapValues((v) => filterMap(v))
      .filter((_k, r) => r !== undefined)
      .map((_k, r) => [r!.key, r!.value] as const)
      .to(output, { keySerde: S, valueSerde: S });
    break;
  case 'word-count':
    // Every updated count goes out (no cache), as the bare loop and Java (statestore.cache.max.bytes=0) do.
    cacheMaxBytes = 0;
    b.stream(input, { keySerde: S, valueSerde: S })
      .flatMapValues((line) => splitWords(line))
      .groupBy((_k, word) => word, { keySerde: S, valueSerde: S, name: 'words' })
      .count({ materialized: Materialized.as('counts') })
      .toStream()
      .to(output, { keySerde: S, valueSerde: Serdes.nullable(Serdes.int64Number()) });
    break;
  case 'windowed-count':
    // Window stores have no cache yet: every update goes out (Java: withCachingDisabled()). No repartition: the
    // input is keyed by user already.
    b.stream(input, { keySerde: S, valueSerde: S })
      .groupByKey()
      .windowedBy(TimeWindows.ofSizeAndGrace(WINDOW_SIZE_MS, WINDOW_GRACE_MS))
      .count({ materialized: { storeName: 'windowed-counts' } })
      .toStream()
      .to(output, { keySerde: WindowedSerdes.timeWindowedSerdeFrom(S, WINDOW_SIZE_MS), valueSerde: Serdes.nullable(Serdes.int64Number()) });
    break;
  case 'enrich': {
    const users = b.table(env.BENCH_TABLE_TOPIC!, { keySerde: S, valueSerde: S, materialized: Materialized.as('users') });
    b.stream(input, { keySerde: S, valueSerde: S })
      .join(users, (order, profile) => enrich(order, profile))
      .to(output, { keySerde: S, valueSerde: S });
    break;
  }
  case 'restore': {
    const supplier = env.BENCH_STORE === 'in-memory' ? Stores.inMemoryKeyValueStore(RESTORE_STORE) : Stores.persistentKeyValueStore(RESTORE_STORE);
    b.addStateStore(Stores.keyValueStoreBuilder(supplier, S, S));
    b.stream(input, { keySerde: S, valueSerde: S }).process<never, never>(
      () => ({
        init(ctx) {
          restoreStores.push(ctx.getStateStore<KeyValueStore<string, string>>(RESTORE_STORE));
        },
        process() {},
      }),
      { stores: [RESTORE_STORE] },
    );
    break;
  }
}

const app = new KafkaStreams(b.build(), {
  applicationId,
  bootstrapServers: bootstrap,
  processingGuarantee: guarantee,
  commitIntervalMs: Number(commitMs),
  stateDir: env.BENCH_STATE_DIR,
  ...(cacheMaxBytes !== undefined ? { cacheMaxBytes } : {}),
  logger: pino({ level: 'warn' }, pino.destination(2)),
});

const t0 = Date.now();
let firstRestore = 0;
let lastDone = 0;
const restores = new Map<string, RestoreProgress>();
app.restoreProgress$.subscribe((p) => {
  const now = Date.now();
  if (firstRestore === 0) firstRestore = now;
  restores.set(`${p.storeName}:${p.partition}`, p);
  if (p.done) lastDone = now;
});

let running = false;
app.onStateChange((s) => {
  if (s !== 'RUNNING' || running) return;
  running = true;
  say('RUNNING');
  if (scenario === 'restore') reportRestore();
});
app.closeOnSignals();

if (scenario === 'enrich') {
  const tableRecords = Number(env.BENCH_TABLE_RECORDS);
  const poll = setInterval(() => {
    if (app.metrics().processedTotal >= tableRecords) {
      clearInterval(poll);
      say('TABLE_LOADED');
    }
  }, 20);
}

await app.start();

/** RUNNING comes after the restore; the figures, then a check of the stores' content. */
function reportRestore(): void {
  const expected = Number(env.BENCH_RESTORE_RECORDS);
  const done = [...restores.values()].filter((p) => p.done);
  const restored = done.reduce((n, p) => n + p.restored, 0);
  say(`RESTORED ${restored} ${lastDone - t0} ${lastDone - firstRestore}`);
  setTimeout(() => {
    try {
      let entries = 0;
      for (const store of restoreStores) for (const _ of store.all()) entries++;
      const wrong: string[] = [];
      for (let i = 0; i < expected; i += 9973) {
        const r = restoreRecord(i);
        if (!restoreStores.some((s) => s.get(r.key) === r.value)) wrong.push(r.key);
      }
      reportMemory();
      if (entries !== expected || wrong.length > 0) say(`VERIFY_FAILED ${entries} entries (expected ${expected}), ${wrong.length} sampled keys wrong or missing (${wrong.slice(0, 3).join(', ')})`);
      else say(`VERIFIED ${entries}`);
    } catch (e) {
      say(`VERIFY_FAILED ${String(e)}`);
    }
  }, 0);
}

function reportMemory(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return;
  gc();
  const m = process.memoryUsage();
  say(`MEMORY ${Math.round(m.heapUsed / 2 ** 20)} ${Math.round(m.external / 2 ** 20)}`);
}
