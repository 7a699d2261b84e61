// The bench's outputs: a table for the terminal, JSON for bench/results, an SVG chart and docs/benchmarks.md.
import type { RunResult } from './run-one.js';

export function label(r: Pick<RunResult, 'guarantee' | 'commitMs'>): string {
  return r.guarantee === 'at_least_once' ? 'ALOS' : `EOS ${r.commitMs} ms`;
}

export function table(results: readonly RunResult[]): string {
  const rows = [
    ['scenario', 'guarantee', 'implementation', 'records/s', 'seconds', 'CPU s', 'peak RSS MB', 'startup s'],
    ...results.map((r) => [
      r.scenario,
      label(r),
      r.impl,
      String(r.recordsPerSec),
      r.seconds.toFixed(2),
      r.cpuSeconds.toFixed(1),
      String(r.peakRssMb),
      Number.isFinite(r.startupSeconds) ? r.startupSeconds.toFixed(1) : '-',
    ]),
  ];
  return rows.map((cells) => `| ${cells.join(' | ')} |`).join('\n').replace(/\n/, `\n|${' --- |'.repeat(rows[0]!.length)}\n`);
}

/** kstreams ÷ each baseline, per scenario and guarantee, and EOS ÷ ALOS for kstreams. */
export function ratios(results: readonly RunResult[]): string[] {
  const lines: string[] = [];
  const find = (impl: string, scenario: string, guarantee: string, commitMs: number) =>
    results.find((r) => r.impl === impl && r.scenario === scenario && r.guarantee === guarantee && r.commitMs === commitMs);
  for (const r of results.filter((x) => x.impl === 'kstreams')) {
    const parts: string[] = [];
    for (const base of ['bare-loop', 'java'] as const) {
      const b = find(base, r.scenario, r.guarantee, r.commitMs);
      if (b) parts.push(`${(r.recordsPerSec / b.recordsPerSec).toFixed(2)}× ${base}`);
    }
    if (r.guarantee === 'exactly_once') {
      const alos = results.find((x) => x.impl === 'kstreams' && x.scenario === r.scenario && x.guarantee === 'at_least_once');
      if (alos) parts.push(`EOS/ALOS ${(r.recordsPerSec / alos.recordsPerSec).toFixed(2)}`);
    }
    lines.push(`${r.scenario} ${label(r)}: kstreams ${parts.join(', ')}`);
  }
  return lines;
}

const COLORS: Record<string, string> = { kstreams: '#3b82f6', 'bare-loop': '#9ca3af', java: '#f59e0b' };

/** A grouped bar chart of records/s: one group per scenario × guarantee, one bar per implementation. */
export function svgChart(results: readonly RunResult[]): string {
  const groups = [...new Set(results.map((r) => `${r.scenario} · ${label(r)}`))];
  const impls = [...new Set(results.map((r) => r.impl))];
  const max = Math.max(1, ...results.map((r) => r.recordsPerSec));
  const barW = 22;
  const groupW = impls.length * barW + 24;
  const h = 260;
  const w = 70 + groups.length * groupW + 20;
  const y = (v: number) => 20 + (h - 20) * (1 - v / max);
  let out = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h + 90}" font-family="sans-serif" font-size="11">\n`;
  out += `<text x="${w / 2}" y="14" text-anchor="middle" font-size="13">records/s (higher is better)</text>\n`;
  for (let t = 0; t <= 4; t++) {
    const v = (max * t) / 4;
    out += `<line x1="60" x2="${w - 10}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e7eb"/><text x="55" y="${y(v) + 4}" text-anchor="end">${Math.round(v / 1000)}k</text>\n`;
  }
  groups.forEach((g, gi) => {
    const x0 = 70 + gi * groupW;
    impls.forEach((impl, ii) => {
      const r = results.find((x) => `${x.scenario} · ${label(x)}` === g && x.impl === impl);
      if (!r) return;
      out += `<rect x="${x0 + ii * barW}" y="${y(r.recordsPerSec)}" width="${barW - 4}" height="${h - y(r.recordsPerSec)}" fill="${COLORS[impl] ?? '#000'}"><title>${impl}: ${r.recordsPerSec}</title></rect>\n`;
    });
    out += `<text transform="translate(${x0 + 4},${h + 10}) rotate(30)">${g}</text>\n`;
  });
  impls.forEach((impl, i) => {
    out += `<rect x="${70 + i * 110}" y="${h + 72}" width="10" height="10" fill="${COLORS[impl] ?? '#000'}"/><text x="${84 + i * 110}" y="${h + 81}">${impl}</text>\n`;
  });
  return `${out}</svg>\n`;
}
