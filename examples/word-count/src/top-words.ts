// The demo's view of the output topic: the latest count per word, their sum, and the top-N table.

export class WordCounts {
  private readonly latest = new Map<string, number>();
  private sumOfCounts = 0;
  private updates = 0;

  /** Takes one output record (`word` → its count so far). Counts only grow, so the last one read is the current one. */
  update(word: string, count: number): void {
    this.sumOfCounts += count - (this.latest.get(word) ?? 0);
    this.latest.set(word, count);
    this.updates += 1;
  }

  /** The sum of the current counts: the number of words counted so far. */
  get sum(): number {
    return this.sumOfCounts;
  }

  get distinctWords(): number {
    return this.latest.size;
  }

  /** Output records read. */
  get records(): number {
    return this.updates;
  }

  get(word: string): number | undefined {
    return this.latest.get(word);
  }

  /** The `n` most frequent words, most frequent first; ties in alphabetical order. */
  top(n: number): Array<readonly [string, number]> {
    return topOf(this.latest, n);
  }
}

export function topOf(counts: ReadonlyMap<string, number>, n: number): Array<readonly [string, number]> {
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, n);
}

const fmt = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return fmt.format(n);
}

/** A small text table: rank, word, count and a bar scaled to the first row. */
export function renderTable(rows: ReadonlyArray<readonly [string, number]>, barWidth = 30): string[] {
  if (rows.length === 0) return ['   (no counts yet)'];
  const wordWidth = Math.max(4, ...rows.map(([w]) => w.length));
  const counts = rows.map(([, c]) => formatCount(c));
  const countWidth = Math.max(5, ...counts.map((c) => c.length));
  const max = rows[0]![1];
  const lines = [`   #  ${'word'.padEnd(wordWidth)}  ${'count'.padStart(countWidth)}`];
  rows.forEach(([word, count], i) => {
    const bar = '█'.repeat(Math.max(1, Math.round((count / max) * barWidth)));
    lines.push(`  ${String(i + 1).padStart(2)}  ${word.padEnd(wordWidth)}  ${counts[i]!.padStart(countWidth)}  ${bar}`);
  });
  return lines;
}
