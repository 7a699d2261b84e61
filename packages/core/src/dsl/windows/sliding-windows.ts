// SlidingWindows (Kafka Streams' SlidingWindows): windows of a fixed time difference that slide with the records
// instead of the clock. A window `[start, start + timeDifference]` (both ends inclusive) exists only where it holds
// records: each record at t makes its left window `[t − timeDifference, t]` and, when a later record falls within
// timeDifference of it, its right window `[t + 1, t + 1 + timeDifference]`. A window accepts records until stream
// time passes its end plus the grace period (docs/windows.md).
import { TopologyError } from '../../errors.js';

export class SlidingWindows {
  private constructor(
    /** The largest distance between two records of one window (ms): a window spans `[start, start + timeDifference]`. */
    readonly timeDifferenceMs: number,
    /** How long after a window's end (in stream time) it still accepts records (ms). */
    readonly gracePeriodMs: number,
  ) {
    Object.freeze(this);
  }

  /** Sliding windows of `timeDifferenceMs` that accept no record after their end. */
  static ofTimeDifferenceWithNoGrace(timeDifferenceMs: number): SlidingWindows {
    return SlidingWindows.ofTimeDifferenceAndGrace(timeDifferenceMs, 0);
  }

  /** Sliding windows of `timeDifferenceMs` that accept out-of-order records up to `graceMs` after their end. */
  static ofTimeDifferenceAndGrace(timeDifferenceMs: number, graceMs: number): SlidingWindows {
    // Kafka Streams accepts a time difference of 0, then fails on the first record (a window [t, t] is not a valid
    // time window there); kstreams refuses it up front.
    if (!Number.isSafeInteger(timeDifferenceMs) || timeDifferenceMs < 1) {
      throw new TopologyError(`window time difference must be an integer number of ms > 0 (got ${timeDifferenceMs})`);
    }
    if (!Number.isSafeInteger(graceMs) || graceMs < 0) throw new TopologyError(`grace period must be an integer number of ms >= 0 (got ${graceMs})`);
    return new SlidingWindows(timeDifferenceMs, graceMs);
  }
}
