// TimeWindows (Kafka Streams' TimeWindows): fixed-size windows, tumbling (advance = size) or hopping (advance <
// size), aligned to the epoch: a window starts at every multiple of the advance. A record belongs to every window
// with start <= timestamp < end. A window accepts records until stream time passes its end plus the grace period;
// later ones are dropped as late (docs/windows.md).
import { TopologyError } from '../../errors.js';
import type { Window } from '../../state/window/windowed.js';

export class TimeWindows {
  private constructor(
    /** Window length (ms). */
    readonly size: number,
    /** Distance between the starts of consecutive windows (ms); `size` for tumbling windows. */
    readonly advance: number,
    /** How long after a window's end (in stream time) it still accepts records (ms). */
    readonly gracePeriodMs: number,
  ) {
    Object.freeze(this);
  }

  /** Tumbling windows of `sizeMs` that accept no record after their end (Kafka Streams 3.0+). */
  static ofSizeWithNoGrace(sizeMs: number): TimeWindows {
    return TimeWindows.ofSizeAndGrace(sizeMs, 0);
  }

  /** Tumbling windows of `sizeMs` that accept out-of-order records up to `graceMs` after their end. */
  static ofSizeAndGrace(sizeMs: number, graceMs: number): TimeWindows {
    checkMs('window size', sizeMs, 1);
    checkMs('grace period', graceMs, 0);
    return new TimeWindows(sizeMs, sizeMs, graceMs);
  }

  /** Hopping windows: a new window every `advanceMs` (0 < advance <= size). */
  advanceBy(advanceMs: number): TimeWindows {
    checkMs('advance', advanceMs, 1);
    if (advanceMs > this.size) {
      throw new TopologyError(`window advance (${advanceMs} ms) must lie within the window size (${this.size} ms)`);
    }
    return new TimeWindows(this.size, advanceMs, this.gracePeriodMs);
  }

  /** The windows that contain `timestamp`, by start time ascending (Kafka Streams' `windowsFor`). */
  windowsFor(timestamp: number): Window[] {
    const windows: Window[] = [];
    let start = Math.floor(Math.max(0, timestamp - this.size + this.advance) / this.advance) * this.advance;
    for (; start <= timestamp; start += this.advance) windows.push({ start, end: start + this.size });
    return windows;
  }
}

function checkMs(what: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new TopologyError(`${what} must be an integer number of ms ${min === 0 ? '>= 0' : '> 0'} (got ${value})`);
  }
}
