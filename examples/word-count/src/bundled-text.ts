// The public-domain text the demo counts (see data/README.md), as lines.
import { readFileSync } from 'node:fs';

export const BUNDLED_TEXT_TITLE = 'Moby-Dick; or, The Whale (Herman Melville, 1851), chapters 1–41';

const file = new URL('../data/moby-dick-1-41.txt', import.meta.url);

/** The text's lines, without line ends (blank lines included; they hold no words). */
export function bundledLines(): string[] {
  const text = readFileSync(file, 'utf8');
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}
