// The word splitter the topology uses, and the one the demo and the tests count with: lowercase, split on every
// character that is not a letter (any script), empty pieces dropped. So "Ahab’s" is "ahab" and "s", and
// "sea-captain" is "sea" and "captain".

const NON_LETTERS = /[^\p{L}]+/u;

/** The lowercase words of a line, in order. */
export function wordsOf(line: string): string[] {
  return line.toLowerCase().split(NON_LETTERS).filter((w) => w.length > 0);
}

/** How many times each word occurs in the lines. */
export function countWords(lines: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) for (const w of wordsOf(line)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}
