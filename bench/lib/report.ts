// The bench's outputs: tables for the terminal and docs/benchmarks.md, ratios, and the SVG chart. With
// `--repeat N` every figure is the median of the N runs of a configuration (a failed run counts as failed).
import type { LatencyResult } from './run-latency.js';
import type { RestoreResult } from './run-restore.js';
import type { RunResult } from './run-one.js';

export function label(r: Pick<RunResult, 'guarantee' | 'commitMs'>): string {
  return r.guarantee === 'at_least_once' ? 'ALOS' : `EOS ${r.commitMs} ms`;
}

function median(xs: readonly number[]): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** One configuration: its runs' medians, or the failures. */
export interface Summary {
  readonly scenario: string;
  readonly group: string;
  readonly impl: string;
  readonly guarantee?: string;
  readonly commitMs?: number;
  readonly runs: number;
  readonly failed: number;
  readonly errors: string[];
  readonly recordsPerSec: number;
  readonly values: Record<string, number>;
}

function summarize<T extends { impl: string; error?: string; recordsPerSec: number }>(
  results: readonly T[],
  keyOf: (r: T) => { scenario: string; group: string; guarantee?: string; commitMs?: number },
  fields: readonly (keyof T & string)[],
): Summary[] {
  const byKey = new Map<string, T[]>();
  for (const r of results) {
    const k = keyOf(r);
    const key = `${k.scenario}|${k.group}|${r.impl}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  return [...byKey.values()].map((runs) => {
    const ok = runs.filter((r) => !r.error);
    const values: Record<string, number> = {};
    for (const f of fields) values[f] = median(ok.map((r) => Number(r[f])));
    return {
      ...keyOf(runs[0]!),
      impl: runs[0]!.impl,
      runs: runs.length,
      failed: runs.length - ok.length,
      errors: runs.flatMap((r) => (r.error ? [r.error] : [])),
      recordsPerSec: ok.length ? Math.round(median(ok.map((r) => r.recordsPerSec))) : NaN,
      values,
    };
  });
}

export function streamSummaries(results: readonly RunResult[]): Summary[] {
  return summarize(results, (r) => ({ scenario: r.scenario, group: label(r), guarantee: r.guarantee, commitMs: r.commitMs }), [
    'outputs',
    'seconds',
    'cpuSeconds',
    'peakRssMb',
    'startupSeconds',
    'tableLoadSeconds',
  ]);
}

export function restoreSummaries(results: readonly RestoreResult[]): Summary[] {
  return summarize(results, (r) => ({ scenario: 'restore', group: r.backend }), [
    'records',
    'restoreSeconds',
    'startToRestoredSeconds',
    'cpuSeconds',
    'peakRssMb',
    'peakRssAnonMb',
    'rssAnonAfterGcMb',
    'heapAfterGcMb',
  ]);
}

const fmt = (x: number, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : '-');
const status = (s: Summary) => (s.failed === 0 ? 'ok' : `**FAILED** ${s.failed}/${s.runs}`);

function markdown(rows: string[][]): string {
  return rows.map((cells) => `| ${cells.join(' | ')} |`).join('\n').replace(/\n/, `\n|${' --- |'.repeat(rows[0]!.length)}\n`);
}

export function table(results: readonly RunResult[]): string {
  const sums = streamSummaries(results);
  const repeated = sums.some((s) => s.runs > 1);
  return markdown([
    ['scenario', 'guarantee', 'implementation', 'records/s', 'seconds', 'CPU s', 'peak RSS MB', 'startup s', ...(repeated ? ['runs'] : []), 'check'],
    ...sums.map((s) => [
      s.scenario,
      s.group,
      s.impl,
      s.failed === s.runs ? 'failed' : String(s.recordsPerSec),
      fmt(s.values.seconds!, 2),
      fmt(s.values.cpuSeconds!, 1),
      fmt(s.values.peakRssMb!),
      s.scenario === 'enrich' ? `${fmt(s.values.startupSeconds!, 1)} (table ${fmt(s.values.tableLoadSeconds!, 1)})` : fmt(s.values.startupSeconds!, 1),
      ...(repeated ? [String(s.runs)] : []),
      status(s),
    ]),
  ]);
}

export function restoreTable(results: readonly RestoreResult[]): string {
  const sums = restoreSummaries(results);
  const repeated = sums.some((s) => s.runs > 1);
  return markdown([
    [
      'implementation',
      'store',
      'records',
      'restore s',
      'records/s',
      'start → restored s',
      'CPU s',
      'peak RSS MB',
      'peak RssAnon MB',
      'after GC: RssAnon / heap MB',
      ...(repeated ? ['runs'] : []),
      'check',
    ],
    ...sums.map((s) => [
      s.impl,
      s.group,
      fmt(s.values.records!),
      fmt(s.values.restoreSeconds!, 2),
      s.failed === s.runs ? 'failed' : String(s.recordsPerSec),
      fmt(s.values.startToRestoredSeconds!, 2),
      fmt(s.values.cpuSeconds!, 1),
      fmt(s.values.peakRssMb!),
      fmt(s.values.peakRssAnonMb!),
      `${fmt(s.values.rssAnonAfterGcMb!)} / ${fmt(s.values.heapAfterGcMb!)}`,
      ...(repeated ? [String(s.runs)] : []),
      status(s),
    ]),
  ]);
}

/** p50 / p99 / max end-to-end latency per scenario, guarantee and implementation (medians over repeats). */
export function latencyTable(results: readonly LatencyResult[]): string {
  const byKey = new Map<string, LatencyResult[]>();
  for (const r of results) {
    const key = `${r.scenario}|${label(r)}|${r.impl}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  const repeated = [...byKey.values()].some((runs) => runs.length > 1);
  return markdown([
    ['scenario', 'guarantee', 'implementation', 'records/s in', 'outputs measured', 'p50 ms', 'p99 ms', 'max ms', ...(repeated ? ['runs'] : []), 'check'],
    ...[...byKey.values()].map((runs) => {
      const ok = runs.filter((r) => !r.error);
      const m = (f: (r: LatencyResult) => number) => median(ok.map(f));
      const failed = runs.length - ok.length;
      const mismatched = ok.reduce((n, r) => n + r.timestampMismatches, 0);
      return [
        runs[0]!.scenario,
        label(runs[0]!),
        runs[0]!.impl,
        fmt(m((r) => r.sentPerSec)),
        fmt(m((r) => r.measured)),
        fmt(m((r) => r.p50Ms)),
        fmt(m((r) => r.p99Ms)),
        fmt(m((r) => r.maxMs)),
        ...(repeated ? [String(runs.length)] : []),
        `${failed === 0 ? 'ok' : `**FAILED** ${failed}/${runs.length}`}${mismatched ? ` (${mismatched} outputs without the input's timestamp)` : ''}`,
      ];
    }),
  ]);
}

export function latencyFailures(results: readonly LatencyResult[]): string[] {
  return results.filter((r) => r.error).map((r) => `latency ${r.scenario} ${label(r)} ${r.impl}: ${r.error}`);
}

/** Every failure, with its error, for the report. */
export function failures(results: readonly RunResult[], restores: readonly RestoreResult[]): string[] {
  return [
    ...results.filter((r) => r.error).map((r) => `${r.scenario} ${label(r)} ${r.impl}: ${r.error}`),
    ...restores.filter((r) => r.error).map((r) => `restore ${r.backend} ${r.impl}: ${r.error}`),
  ];
}

const ratio = (a: Summary | undefined, b: Summary | undefined) =>
  a && b && Number.isFinite(a.recordsPerSec) && Number.isFinite(b.recordsPerSec) ? (a.recordsPerSec / b.recordsPerSec).toFixed(2) : undefined;

/** kstreams ÷ each baseline, per scenario and guarantee, and EOS ÷ ALOS for kstreams; the same for restore. */
export function ratios(results: readonly RunResult[], restores: readonly RestoreResult[] = []): string[] {
  const lines: string[] = [];
  const sums = streamSummaries(results);
  const find = (impl: string, scenario: string, group: string) => sums.find((s) => s.impl === impl && s.scenario === scenario && s.group === group);
  for (const s of sums.filter((x) => x.impl === 'kstreams')) {
    if (s.failed === s.runs) {
      lines.push(`${s.scenario} ${s.group}: kstreams failed`);
      continue;
    }
    const parts: string[] = [];
    for (const base of ['bare-loop', 'java']) {
      const r = ratio(s, find(base, s.scenario, s.group));
      if (r) parts.push(`${r}× ${base}`);
    }
    if (s.guarantee === 'exactly_once') {
      const r = ratio(s, find('kstreams', s.scenario, 'ALOS'));
      if (r) parts.push(`EOS/ALOS ${r}`);
    }
    lines.push(`${s.scenario} ${s.group}: kstreams ${parts.join(', ')}`);
  }
  const rs = restoreSummaries(restores);
  const rfind = (impl: string, group: string) => rs.find((s) => s.impl === impl && s.group === group);
  const restoreLine = (what: string, s: Summary | undefined, bases: ReadonlyArray<Summary | undefined>) => {
    if (!s) return;
    if (s.failed === s.runs) return void lines.push(`${what}: kstreams failed`);
    const parts = bases.flatMap((b) => {
      const r = ratio(s, b);
      return r && b ? [`${r}× ${b.impl} ${b.group}`] : [];
    });
    if (parts.length) lines.push(`${what}: kstreams ${parts.join(', ')}`);
  };
  restoreLine('restore persistent (LMDB)', rfind('kstreams', 'persistent (LMDB)'), [rfind('bare-loop', 'LMDB'), rfind('java', 'persistent (RocksDB)')]);
  restoreLine('restore in-memory', rfind('kstreams', 'in-memory'), [rfind('java', 'in-memory (TreeMap)'), rfind('java', 'persistent (RocksDB)')]);
  return lines;
}

const COLORS: Record<string, string> = { kstreams: '#3b82f6', 'bare-loop': '#9ca3af', java: '#f59e0b' };

/** One panel of grouped bars (one group per label, one bar per implementation), its own scale. */
function panel(title: string, sums: readonly Summary[], groupOf: (s: Summary) => string, top: number, width: number): { svg: string; height: number } {
  const groups = [...new Set(sums.map(groupOf))];
  const impls = [...new Set(sums.map((s) => s.impl))];
  const max = Math.max(1, ...sums.map((s) => (Number.isFinite(s.recordsPerSec) ? s.recordsPerSec : 0)));
  const barW = 22;
  const groupW = Math.max(impls.length * barW + 24, (width - 150) / Math.max(1, groups.length));
  const h = 220;
  const y = (v: number) => top + 24 + (h - 24) * (1 - v / max);
  const base = top + h;
  let out = `<text x="${width / 2}" y="${top + 14}" text-anchor="middle" font-size="13">${title}</text>\n`;
  for (let t = 0; t <= 4; t++) {
    const v = (max * t) / 4;
    out += `<line x1="60" x2="${width - 10}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e7eb"/><text x="55" y="${y(v) + 4}" text-anchor="end">${Math.round(v / 1000)}k</text>\n`;
  }
  groups.forEach((g, gi) => {
    const x0 = 70 + gi * groupW;
    const present = impls.filter((impl) => sums.some((x) => groupOf(x) === g && x.impl === impl));
    present.forEach((impl, ii) => {
      const s = sums.find((x) => groupOf(x) === g && x.impl === impl)!;
      const x = x0 + ii * barW;
      if (!Number.isFinite(s.recordsPerSec)) {
        out += `<text x="${x + 9}" y="${base - 4}" text-anchor="end" transform="rotate(-90 ${x + 9} ${base - 4})" fill="#dc2626">failed</text>\n`;
        return;
      }
      out += `<rect x="${x}" y="${y(s.recordsPerSec)}" width="${barW - 4}" height="${base - y(s.recordsPerSec)}" fill="${COLORS[impl] ?? '#000'}"><title>${g} ${impl}: ${s.recordsPerSec} records/s</title></rect>\n`;
    });
    out += `<text transform="translate(${x0 + 4},${base + 10}) rotate(30)">${g}</text>\n`;
  });
  // Room for the rotated labels (about 3 px of height per character at 30°).
  return { svg: out, height: h + 30 + Math.max(...groups.map((g) => g.length)) * 3 };
}

/** Records/s of the stream scenarios (output records) and of the restores, each panel on its own scale. */
export function svgChart(results: readonly RunResult[], restores: readonly RestoreResult[] = []): string {
  const streams = streamSummaries(results);
  const rs = restoreSummaries(restores);
  const groups = new Set(streams.map((s) => `${s.scenario} · ${s.group}`)).size;
  const width = Math.max(560, 150 + groups * 90);
  let body = '';
  let top = 0;
  if (streams.length) {
    const p = panel('output records/s (higher is better)', streams, (s) => `${s.scenario} · ${s.group}`, top, width);
    body += p.svg;
    top += p.height;
  }
  if (rs.length) {
    const p = panel('restore: changelog records/s into an empty store', rs, (s) => `${s.impl} · ${s.group}`, top, Math.min(width, 700));
    body += p.svg;
    top += p.height;
  }
  const impls = [...new Set([...streams, ...rs].map((s) => s.impl))];
  impls.forEach((impl, i) => {
    body += `<rect x="${70 + i * 110}" y="${top + 4}" width="10" height="10" fill="${COLORS[impl] ?? '#000'}"/><text x="${84 + i * 110}" y="${top + 13}">${impl}</text>\n`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${top + 24}" font-family="sans-serif" font-size="11">\n<rect width="100%" height="100%" fill="#fff"/>\n${body}</svg>\n`;
}
