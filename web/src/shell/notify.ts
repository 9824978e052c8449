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
