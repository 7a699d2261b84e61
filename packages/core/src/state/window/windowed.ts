// A key within a window, as windowed aggregations key their results (Kafka Streams' Windowed<K> and Window).

/** A time interval: `start` inclusive, `end` exclusive (ms), as Kafka Streams' TimeWindow. */
export interface Window {
  readonly start: number;
  readonly end: number;
}

export interface Windowed<K> {
  readonly key: K;
  readonly window: Window;
}

export const Windowed = Object.freeze({
  of<K>(key: K, start: number, end: number): Windowed<K> {
    return { key, window: { start, end } };
  },
  /** `key@start/end`, as Kafka Streams' `Windowed.toString()` shows it (`[key@start/end]`) without brackets. */
  toString(windowed: Windowed<unknown>): string {
    return `${String(windowed.key)}@${windowed.window.start}/${windowed.window.end}`;
  },
});
