export type Severity = 'success' | 'info' | 'warn' | 'error';

export interface Notice {
  severity: Severity;
  summary: string;
  detail?: string;
  /** Error code, when the notice reports a GraphQL error (tests and screenshots read it). */
  code?: string;
}

type Listener = (notice: Notice) => void;

const listeners = new Set<Listener>();
/** Notices sent before a listener (the toast host) exists are kept and delivered when it arrives. */
const pending: Notice[] = [];

export function notify(notice: Notice): void {
  if (!listeners.size) pending.push(notice);
  for (const l of listeners) l(notice);
}

export function onNotice(listener: Listener): () => void {
  listeners.add(listener);
  pending.splice(0).forEach(listener);
  return () => listeners.delete(listener);
}

/** How long a toast stays: errors long enough to read the explanation. */
export const noticeLife = (notice: Notice): number => (notice.severity === 'error' ? 8000 : 4000);

/**
 * For the toast host: `admit(notice)` is false while an identical notice (same severity, summary and
 * detail) is still on screen, so repeated failures (a retried query, a double click) do not stack
 * copies; `release(notice)` when the person closes it, so the next one shows again.
 */
export function noticeFilter(now: () => number = Date.now) {
  const shownUntil = new Map<string, number>();
  const keyOf = (n: Pick<Notice, 'severity' | 'summary' | 'detail'>) =>
    JSON.stringify([n.severity, n.summary, n.detail ?? '']);
  return {
    admit(notice: Notice): boolean {
      const key = keyOf(notice);
      const at = now();
      if ((shownUntil.get(key) ?? 0) > at) return false;
      for (const [k, until] of shownUntil) if (until <= at) shownUntil.delete(k);
      shownUntil.set(key, at + noticeLife(notice));
      return true;
    },
    release(notice: Pick<Notice, 'severity' | 'summary' | 'detail'>): void {
      shownUntil.delete(keyOf(notice));
    },
  };
}
