// SessionWindows (Kafka Streams' SessionWindows): a key's session is a run of records no further apart than the
// inactivity gap; a record within the gap of one or more sessions merges them into one. A session accepts records
// until stream time passes its end plus the grace period (docs/windows.md).
import { TopologyError } from '../../errors.js';

export class SessionWindows {
  private constructor(
    /** The longest gap between two records of one session (ms). */
    readonly inactivityGap: number,
    /** How long after a session's end (in stream time) it still accepts records (ms). */
    readonly gracePeriodMs: number,
  ) {
    Object.freeze(this);
  }

  static ofInactivityGapWithNoGrace(inactivityGapMs: number): SessionWindows {
    return SessionWindows.ofInactivityGapAndGrace(inactivityGapMs, 0);
  }

  static ofInactivityGapAndGrace(inactivityGapMs: number, graceMs: number): SessionWindows {
    if (!Number.isSafeInteger(inactivityGapMs) || inactivityGapMs <= 0) {
      throw new TopologyError(`inactivity gap must be an integer number of ms > 0 (got ${inactivityGapMs})`);
    }
    if (!Number.isSafeInteger(graceMs) || graceMs < 0) throw new TopologyError(`grace period must be an integer number of ms >= 0 (got ${graceMs})`);
    return new SessionWindows(inactivityGapMs, graceMs);
  }
}
