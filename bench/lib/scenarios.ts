// The benchmark scenarios' work and input, shared by the kstreams app, the bare kafkajs loop and the runner (which
// verifies the outputs), so every implementation does exactly the same thing per record (and what
// bench/java/README.md describes for Java Kafka Streams).

export type ScenarioName = 'passthrough' | 'filter-map' | 'word-count' | 'windowed-count' | 'enrich' | 'restore';
export const SCENARIOS: readonly ScenarioName[] = ['passthrough', 'filter-map', 'word-count', 'windowed-count', 'enrich', 'restore'];
/** The scenarios measured as a stream: records in, outputs timed by a reader, under each guarantee. */
export type StreamScenario = Exclude<ScenarioName, 'restore'>;

/** Input records per scenario when `--records` is not given. */
export const DEFAULT_RECORDS: Readonly<Record<ScenarioName, number>> = {
  passthrough: 200_000,
  'filter-map': 200_000,
  'word-count': 50_000,
  'windowed-count': 200_000,
  enrich: 200_000,
  restore: 1_000_000,
};

// ---------------------------------------------------------------------------------------------------------
// passthrough, filter-map (and the stream side of enrich): orders

export interface InputOrder {
  id: number;
  user: string;
  amount: number;
  payload: string;
}

/** filter-map: parse, keep even amounts, re-key by user, drop the payload. Returns undefined to drop. */
export function filterMap(value: string): { key: string; value: string } | undefined {
  const o = JSON.parse(value) as InputOrder;
  if (o.amount % 2 !== 0) return undefined;
  return { key: o.user, value: JSON.stringify({ id: o.id, user: o.user, amount: o.amount }) };
}

/** Deterministic input: record i (fixed "seed": the index), value padded to `size` bytes. */
export function amountOf(i: number): number {
  return (i * 7919) % 100;
}

function order(i: number, user: string, size: number): string {
  const base = { id: i, user, amount: amountOf(i), payload: '' };
  const bare = JSON.stringify(base).length;
  base.payload = 'x'.repeat(Math.max(0, size - bare));
  return JSON.stringify(base);
}

export function inputRecord(i: number, size: number): { key: string; value: string } {
  return { key: `k${i}`, value: order(i, `u${i % 1000}`, size) };
}

// ---------------------------------------------------------------------------------------------------------
// word-count: lines of words; every implementation splits with `line.toLowerCase().split(/\W+/)` (Java:
// `toLowerCase(Locale.ROOT).split("\\W+")`; the lines have no leading separator, so no empty words)

export const WORDS_PER_LINE = 8;
export const VOCABULARY = 10_000;

export function splitWords(line: string): string[] {
  return line.toLowerCase().split(/\W+/);
}

/** Word n of the vocabulary: 3 or 4 lowercase letters. */
function word(n: number): string {
  let x = n + 26 * 26;
  let s = '';
  while (x > 0) {
    s = String.fromCharCode(97 + (x % 26)) + s;
    x = Math.floor(x / 26);
  }
  return s;
}

/** Line i: WORDS_PER_LINE words drawn from the vocabulary by a multiplicative hash (every word occurs). */
export function wordCountLine(i: number): { key: string; value: string } {
  const words: string[] = [];
  for (let j = 0; j < WORDS_PER_LINE; j++) {
    const h = Math.imul(i * WORDS_PER_LINE + j + 1, 0x9e3779b1) >>> 0;
    words.push(word(h % VOCABULARY));
  }
  return { key: `l${i}`, value: words.join(' ') };
}

/** The final count of every word after lines 0..records-1. */
export function expectedWordCounts(records: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < records; i++) for (const w of splitWords(wordCountLine(i).value)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

/** A count as written to the output topic: 8-byte big-endian (Java's LongSerializer, kstreams' int64Number). */
export function encodeCount(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt(n));
  return b;
}

// ---------------------------------------------------------------------------------------------------------
// windowed-count: orders keyed by user, counted per user and 1-minute tumbling window (10 s grace). Event time
// advances WINDOWED_STEP_MS per record, and each record comes up to WINDOWED_MAX_DISORDER_MS earlier than its
// place in the sequence: out of order, but never by more than the grace, so no record is late (a record is late
// once stream time, the largest timestamp its task has seen, is past its window's end + grace; stream time never
// exceeds the previous records' largest timestamp, i.e. more than WINDOWED_MAX_DISORDER_MS after its own). So
// every record updates exactly one window, and the final count per user × window is known in closed form.

export const WINDOW_SIZE_MS = 60_000;
export const WINDOW_GRACE_MS = 10_000;
/** Distinct keys (users). */
export const WINDOWED_KEYS = 1_000;
/** Event time per record: 6,000 records per window, so about 6 per user and window. */
export const WINDOWED_STEP_MS = 10;
/** The most a record's timestamp is below its place in the sequence (< WINDOW_GRACE_MS). */
export const WINDOWED_MAX_DISORDER_MS = 8_000;

/**
 * The first window start of a run of `records` records, aligned to the window size. Every timestamp is at least
 * an hour in the past: Kafka 4 brokers reject timestamps more than an hour ahead
 * (`log.message.timestamp.after.max.ms`), and records a week old would be deleted by the topics' retention.
 */
export function windowedCountBase(records: number, now: number = Date.now()): number {
  return Math.floor((now - records * WINDOWED_STEP_MS - 3_600_000) / WINDOW_SIZE_MS) * WINDOW_SIZE_MS;
}

/** Record i: its user (a multiplicative hash of i) and its timestamp. */
function windowedCountEvent(i: number, base: number): { user: string; timestamp: number } {
  const user = `u${(Math.imul(i + 1, 0x9e3779b1) >>> 0) % WINDOWED_KEYS}`;
  const disorder = (Math.imul(i + 1, 0x85ebca6b) >>> 0) % (WINDOWED_MAX_DISORDER_MS + 1);
  return { user, timestamp: base + i * WINDOWED_STEP_MS - disorder };
}

/** Record i of windowed-count: an order of `size` bytes keyed by its user, with its event timestamp. */
export function windowedCountRecord(i: number, base: number, size: number): { key: string; value: string; timestamp: string } {
  const e = windowedCountEvent(i, base);
  return { key: e.user, value: order(i, e.user, size), timestamp: String(e.timestamp) };
}

/** The start of the tumbling window holding `timestamp`. */
export function windowStartOf(timestamp: number): number {
  return timestamp - (((timestamp % WINDOW_SIZE_MS) + WINDOW_SIZE_MS) % WINDOW_SIZE_MS);
}

/** A windowed key as written to the output topic: `[key bytes][window start, int64 BE]` (Kafka Streams' bytes). */
export function encodeWindowedKey(key: string, start: number): Buffer {
  const k = Buffer.from(key);
  const b = Buffer.allocUnsafe(k.length + 8);
  k.copy(b);
  b.writeBigInt64BE(BigInt(start), k.length);
  return b;
}

/** The final count of every `user@windowStart` after records 0..records-1. */
export function expectedWindowedCounts(records: number, base: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < records; i++) {
    const e = windowedCountEvent(i, base);
    const k = `${e.user}@${windowStartOf(e.timestamp)}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------------------
// enrich: orders keyed by user, joined with a table of user profiles (a KStream–KTable join)

export const TABLE_RECORDS = 100_000;

/** Table row u: the profile of user u, about 100 bytes of JSON. */
export function tableRecord(u: number): { key: string; value: string } {
  const tiers = ['gold', 'silver', 'bronze'] as const;
  const base = { user: `u${u}`, name: `User Number ${u}`, tier: tiers[u % 3], country: String.fromCharCode(65 + (u % 26), 65 + ((u * 7) % 26)), note: '' };
  base.note = 'n'.repeat(Math.max(0, 100 - JSON.stringify(base).length));
  return { key: `u${u}`, value: JSON.stringify(base) };
}

/** Order i, keyed by its user: every user of the table gets orders (7919 is coprime to TABLE_RECORDS). */
export function enrichRecord(i: number, size: number): { key: string; value: string } {
  const user = `u${(i * 7919) % TABLE_RECORDS}`;
  return { key: user, value: order(i, user, size) };
}

/** The join: `{"order":<order>,"user":<profile>}` (string concatenation, no parsing, the same in Java). */
export function enrich(orderValue: string, profile: string): string {
  return `{"order":${orderValue},"user":${profile}}`;
}

// ---------------------------------------------------------------------------------------------------------
// restore: a changelog of distinct keys and ~100-byte values

export const RESTORE_STORE = 'restore-store';

export function restoreRecord(i: number): { key: string; value: string } {
  const key = `key-${String(i).padStart(8, '0')}`;
  const head = `value-${i}-`;
  return { key, value: head + 'v'.repeat(100 - head.length) };
}

// ---------------------------------------------------------------------------------------------------------
// Expected outputs and their checks

/** How many of the generated records a stream scenario outputs. */
export function expectedOutputs(scenario: StreamScenario, records: number): number {
  switch (scenario) {
    case 'passthrough':
    case 'enrich':
    case 'windowed-count': // no cache in front of the window store: every update, one per record
      return records;
    case 'word-count':
      return records * WORDS_PER_LINE;
    case 'filter-map': {
      let n = 0;
      for (let i = 0; i < records; i++) if (amountOf(i) % 2 === 0) n++;
      return n;
    }
  }
}

/**
 * Checks a run's outputs. `add` only keeps them (the reader runs in the runner, next to the app being measured,
 * so it must stay cheap); `result` checks everything at the end.
 */
export interface OutputCheck {
  add(key: Buffer | null, value: Buffer | null): void;
  /**
   * Whether every final result has been seen, where a scenario can tell (windowed-count): the run may end before
   * the expected number of outputs, as when Java's cache (BENCH_WINDOW_CACHE=on) writes fewer updates.
   */
  complete?(): boolean;
  /** undefined when the outputs are right, else what is wrong. */
  result(): string | undefined;
}

/**
 * The check of a stream scenario's outputs against what `records` input records must give (`windowBase`:
 * windowed-count's `windowedCountBase`).
 */
export function outputCheck(scenario: StreamScenario, records: number, size: number, windowBase = 0): OutputCheck {
  if (scenario === 'windowed-count') {
    // Each user × window's last output (one key, so one partition, in order) must be its final count. Keys are
    // compared as latin1 strings of their bytes ([user][window start, int64 BE]).
    const expected = new Map<string, number>();
    for (const [w, n] of expectedWindowedCounts(records, windowBase)) {
      const at = w.lastIndexOf('@');
      expected.set(encodeWindowedKey(w.slice(0, at), Number(w.slice(at + 1))).toString('latin1'), n);
    }
    const last = new Map<string, number | undefined>();
    let final = 0; // keys whose last output is their final count
    const countOf = (v: Buffer | null) => (v?.length === 8 ? Number(v.readBigInt64BE(0)) : undefined);
    const describe = (k: string) => {
      const b = Buffer.from(k, 'latin1');
      return b.length < 8 ? JSON.stringify(k) : `${b.subarray(0, b.length - 8).toString()}@${new Date(Number(b.readBigInt64BE(b.length - 8))).toISOString()}`;
    };
    return {
      add(key, value) {
        const k = key?.toString('latin1') ?? '';
        const n = countOf(value);
        const want = expected.get(k);
        if (want !== undefined && last.get(k) === want) final--;
        if (want !== undefined && n === want) final++;
        last.set(k, n);
      },
      complete: () => final === expected.size,
      result() {
        let wrong = 0;
        let example = '';
        for (const [k, n] of expected) {
          const got = last.get(k);
          if (got !== n && wrong++ === 0) example = `${describe(k)}: ${got ?? 'missing'} instead of ${n}`;
        }
        const extra = [...last.keys()].filter((k) => !expected.has(k));
        if (wrong > 0 || extra.length > 0) {
          return `${wrong} of ${expected.size} final window counts wrong (e.g. ${example}), ${extra.length} unexpected windowed keys${extra.length ? ` (e.g. ${describe(extra[0]!)})` : ''}`;
        }
        return undefined;
      },
    };
  }
  if (scenario === 'word-count') {
    // Each word's last output (outputs of one key are in one partition, in order) must be its final count.
    const last = new Map<string, Buffer | null>();
    return {
      add(key, value) {
        last.set(key?.toString() ?? '', value);
      },
      result() {
        const expected = expectedWordCounts(records);
        let wrong = 0;
        let example = '';
        for (const [w, n] of expected) {
          const v = last.get(w);
          const got = v?.length === 8 ? Number(v.readBigInt64BE(0)) : undefined;
          if (got !== n && wrong++ === 0) example = `${w}: ${got ?? 'missing'} instead of ${n}`;
        }
        const extra = [...last.keys()].filter((w) => !expected.has(w)).length;
        if (wrong > 0 || extra > 0) return `${wrong} of ${expected.size} final counts wrong (e.g. ${example}), ${extra} unexpected words`;
        return undefined;
      },
    };
  }
  const outputs: Array<[Buffer | null, Buffer | null]> = [];
  /** The input index an output comes from, and its expected key and value. */
  const expect = (key: string, value: string): { i: number; key: string; value: string } | undefined => {
    switch (scenario) {
      case 'passthrough': {
        const i = Number(key.slice(1));
        return Number.isInteger(i) && i >= 0 && i < records ? { i, ...inputRecord(i, size) } : undefined;
      }
      case 'filter-map': {
        const i = Number(/^\{"id":(\d+),/.exec(value)?.[1]);
        const r = Number.isInteger(i) && i >= 0 && i < records ? filterMap(inputRecord(i, size).value) : undefined;
        return r && { i, ...r };
      }
      case 'enrich': {
        const i = Number(/^\{"order":\{"id":(\d+),/.exec(value)?.[1]);
        if (!(Number.isInteger(i) && i >= 0 && i < records)) return undefined;
        const r = enrichRecord(i, size);
        return { i, key: r.key, value: enrich(r.value, tableRecord(Number(r.key.slice(1))).value) };
      }
    }
  };
  return {
    add(key, value) {
      outputs.push([key, value]);
    },
    result() {
      const seen = new Uint8Array(records);
      let dups = 0;
      let wrong = 0;
      let example = '';
      for (const [k, v] of outputs) {
        const key = k?.toString() ?? '';
        const value = v?.toString() ?? '';
        const e = expect(key, value);
        if (e && seen[e.i]) {
          dups++;
          continue;
        }
        if (e) seen[e.i] = 1;
        if (!e || e.key !== key || e.value !== value) {
          if (wrong++ === 0) example = `${key} → ${value.slice(0, 100)}`;
        }
      }
      const problems = [
        ...(wrong ? [`${wrong} wrong outputs (e.g. ${example})`] : []),
        ...(dups ? [`${dups} duplicates`] : []),
      ];
      return problems.length ? problems.join(', ') : undefined;
    },
  };
}
