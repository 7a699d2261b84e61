// CPU time and peak RSS of a running process, from /proc (Linux).
import { readFileSync } from 'node:fs';

const CLOCK_TICKS = 100; // sysconf(_SC_CLK_TCK) on Linux

export interface ProcessStats {
  cpuSeconds: number;
  /** VmHWM: the peak resident set, anonymous and file-backed (e.g. LMDB's memory map) pages together. */
  peakRssMb: number;
  /** RssAnon now: heap and other private memory, without file-backed pages. */
  rssAnonMb: number;
  /** VmRSS now. */
  rssMb: number;
}

export function processStats(pid: number): ProcessStats | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => {
      const m = new RegExp(`${name}:\\s+(\\d+) kB`).exec(status);
      return m ? Number(m[1]) / 1024 : NaN;
    };
    return { cpuSeconds: ticks / CLOCK_TICKS, peakRssMb: kb('VmHWM'), rssAnonMb: kb('RssAnon'), rssMb: kb('VmRSS') };
  } catch {
    return undefined;
  }
}

/** Samples a process every `everyMs`: the last readings, and the largest RssAnon seen. */
export class StatsSampler {
  last: ProcessStats | undefined;
  peakRssAnonMb = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    everyMs = 100,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  sample(): ProcessStats | undefined {
    const s = processStats(this.pid);
    if (s) {
      this.last = s;
      if (s.rssAnonMb > this.peakRssAnonMb) this.peakRssAnonMb = s.rssAnonMb;
    }
    return this.last;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
