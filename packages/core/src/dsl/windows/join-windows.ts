// JoinWindows (Kafka Streams' JoinWindows): how far apart in time two records of a stream–stream join may be. A
// record of this stream at t joins the other stream's records of its key with timestamps in
// [t − before, t + after]; `ofTimeDifference…` sets both to the same difference. The grace period is how long
// after a window's end (in stream time) records are still joined, and how long a left or outer join waits before
// it emits a record that found no partner (docs/windows.md).
import { TopologyError } from '../../errors.js';

export class JoinWindows {
  private constructor(
    readonly beforeMs: number,
    readonly afterMs: number,
    readonly gracePeriodMs: number,
  ) {
    Object.freeze(this);
  }

  static ofTimeDifferenceWithNoGrace(timeDifferenceMs: number): JoinWindows {
    return JoinWindows.ofTimeDifferenceAndGrace(timeDifferenceMs, 0);
  }

  static ofTimeDifferenceAndGrace(timeDifferenceMs: number, graceMs: number): JoinWindows {
    check('time difference', timeDifferenceMs);
    check('grace period', graceMs);
    return new JoinWindows(timeDifferenceMs, timeDifferenceMs, graceMs);
  }

  /** Joins records of the other stream up to `timeDifferenceMs` before this one's (may be negative, as in Kafka Streams). */
  before(timeDifferenceMs: number): JoinWindows {
    if (!Number.isSafeInteger(timeDifferenceMs)) throw new TopologyError(`before must be an integer number of ms (got ${timeDifferenceMs})`);
    if (timeDifferenceMs + this.afterMs < 0) throw new TopologyError('the window size (before + after) must not be negative');
    return new JoinWindows(timeDifferenceMs, this.afterMs, this.gracePeriodMs);
  }

  /** Joins records of the other stream up to `timeDifferenceMs` after this one's (may be negative, as in Kafka Streams). */
  after(timeDifferenceMs: number): JoinWindows {
    if (!Number.isSafeInteger(timeDifferenceMs)) throw new TopologyError(`after must be an integer number of ms (got ${timeDifferenceMs})`);
    if (this.beforeMs + timeDifferenceMs < 0) throw new TopologyError('the window size (before + after) must not be negative');
    return new JoinWindows(this.beforeMs, timeDifferenceMs, this.gracePeriodMs);
  }

  /** before + after. */
  get size(): number {
    return this.beforeMs + this.afterMs;
  }
}

function check(what: string, ms: number): void {
  if (!Number.isSafeInteger(ms) || ms < 0) throw new TopologyError(`${what} must be an integer number of ms >= 0 (got ${ms})`);
}
