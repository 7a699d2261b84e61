// A block of lines that is redrawn in place on a terminal (cursor up, clear to the end of the screen). Anywhere
// else (a pipe, a CI log) each new block is printed below the last one, and only when it changed.

export class LiveView {
  private drawn = 0;
  private last = '';
  private readonly tty: boolean;

  constructor(private readonly out: NodeJS.WriteStream) {
    this.tty = out.isTTY === true;
  }

  draw(block: readonly string[]): void {
    const text = block.join('\n');
    if (text === this.last) return;
    this.last = text;
    if (this.tty) {
      if (this.drawn > 0) this.out.write(`\x1b[${this.drawn}A\x1b[J`);
      this.drawn = block.length;
    }
    this.out.write(`${text}\n`);
  }

  /** A line printed above the block, which stays when the block is redrawn. */
  note(line: string): void {
    if (this.tty && this.drawn > 0) this.out.write(`\x1b[${this.drawn}A\x1b[J${line}\n${this.last}\n`);
    else this.out.write(`${line}\n`);
  }

  /** Leaves the last block where it is; what is printed next goes below it. */
  end(): void {
    this.drawn = 0;
  }
}
