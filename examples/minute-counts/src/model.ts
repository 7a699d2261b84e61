// The shapes of the example, and the output's key.

/** `page-views` topic: key = the user id (any key will do), value = one page view, as JSON. */
export interface PageView {
  readonly userId: string;
  readonly page: string;
}

/** Whether a decoded value is a page view (anything else is dropped by the topology). */
export function isPageView(v: unknown): v is PageView {
  return typeof v === 'object' && v !== null && typeof (v as PageView).page === 'string' && typeof (v as PageView).userId === 'string';
}

/** The output key of a page's window: `page@windowStart` (the window's start in epoch milliseconds). */
export function minuteKey(page: string, windowStart: number): string {
  return `${page}@${windowStart}`;
}

/** The inverse of `minuteKey` (a page may itself contain `@`: the start is after the last one). */
export function parseMinuteKey(key: string): { page: string; windowStart: number } {
  const at = key.lastIndexOf('@');
  return { page: key.slice(0, at), windowStart: Number(key.slice(at + 1)) };
}
