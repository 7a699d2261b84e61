// The shapes of the example, and the output's key.

/** `page-views` topic: key = the user id, value = one page view, as JSON. */
export interface PageView {
  readonly userId: string;
  readonly page: string;
}

/** A page view with its time (the record's timestamp, epoch ms): what the session aggregation folds in. */
export interface TimedPageView extends PageView {
  readonly at: number;
}

/** Whether a decoded value is a page view. */
export function isPageView(v: unknown): v is PageView {
  return typeof v === 'object' && v !== null && typeof (v as PageView).page === 'string' && typeof (v as PageView).userId === 'string';
}

/**
 * Whether a record is a view the topology keeps: a page view keyed by its own user id. Sessions are per key, so
 * a record without a key, or keyed by another user, would put the view into a session that is not its user's.
 */
export function isValidView(userId: string | null, view: unknown): boolean {
  return userId !== null && isPageView(view) && view.userId === userId;
}

/**
 * The output key of a final session: `userId@sessionStart` (the session's first view, epoch ms). A user's final
 * sessions never overlap, so it names one session; the topology writes each of them once.
 */
export function sessionKey(userId: string, sessionStart: number): string {
  return `${userId}@${sessionStart}`;
}

/** The inverse of `sessionKey` (a user id may itself contain `@`, an e-mail address say: the start is after the last one). */
export function parseSessionKey(key: string): { userId: string; sessionStart: number } {
  const at = key.lastIndexOf('@');
  return { userId: key.slice(0, at), sessionStart: Number(key.slice(at + 1)) };
}
