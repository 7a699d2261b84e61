// The punctuations scheduled by a task's processors, fired by stream time or wall-clock time.
import type { Cancellable, PunctuationType, Punctuator } from '../../processor/processor-context.js';

interface Scheduled {
  readonly type: PunctuationType;
  readonly interval: number;
  readonly punctuator: Punctuator;
  readonly node: string;
  /** When it fires next. */
  next: number;
  cancelled: boolean;
}

export class PunctuationSchedule {
  private readonly items: Scheduled[] = [];

  /**
   * As Kafka Streams: a stream-time schedule is aligned to 0, so it fires as soon as the task has data and then
   * at multiples of its interval; a wall-clock schedule fires `interval` after `now` and every interval after.
   */
  add(type: PunctuationType, interval: number, punctuator: Punctuator, node: string, now: number): Cancellable {
    if (!Number.isFinite(interval) || interval < 1) throw new RangeError(`punctuation interval must be ≥ 1 ms (got ${interval})`);
    const item: Scheduled = { type, interval, punctuator, node, next: type === 'stream-time' ? 0 : now + interval, cancelled: false };
    this.items.push(item);
    return {
      cancel: () => {
        item.cancelled = true;
        this.items.splice(this.items.indexOf(item), 1);
      },
    };
  }

  get size(): number {
    return this.items.length;
  }

  /**
   * Fires each schedule of `type` that is due at `time`, at most once per call even if several intervals
   * passed (as Kafka Streams does), then moves it to the next multiple of its interval after `time`.
   * `run` wraps each call (it sets the current node and handles errors). Returns how many fired.
   */
  fire(type: PunctuationType, time: number, run: (node: string, call: () => void) => void): number {
    let fired = 0;
    for (const item of [...this.items]) {
      if (item.type !== type || item.cancelled) continue;
      if (time < item.next) continue;
      item.next = time + item.interval - ((time - item.next) % item.interval);
      run(item.node, () => item.punctuator(time));
      fired++;
    }
    return fired;
  }
}
