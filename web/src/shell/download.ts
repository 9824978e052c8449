import { inject, type InjectionKey } from 'vue';
import type { Session } from './session.ts';

/** `fetch` for the endpoints beside /graphql (documents, files): the bearer token and the selected clinic. */
export type AuthorizedFetch = (path: string, init?: RequestInit) => Promise<Response>;

export const AUTHORIZED_FETCH_KEY: InjectionKey<AuthorizedFetch> = Symbol('dentalpin.authorizedFetch');

/** Sends the session's token and clinic; a 401 refreshes the token once and tries again. */
export function createAuthorizedFetch(
  session: Pick<Session, 'state' | 'freshAccessToken' | 'refresh'>,
  fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args),
): AuthorizedFetch {
  const send = async (path: string, init: RequestInit) => {
    const token = await session.freshAccessToken();
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    if (session.state.clinicId) headers.set('x-clinic-id', session.state.clinicId);
    return fetchImpl(path, { ...init, headers, credentials: 'same-origin' });
  };
  return async (path, init = {}) => {
    const res = await send(path, init);
    if (res.status !== 401 || !(await session.refresh())) return res;
    return send(path, init);
  };
}

export function useAuthorizedFetch(): AuthorizedFetch {
  const fetcher = inject(AUTHORIZED_FETCH_KEY, null);
  if (!fetcher) throw new Error('useAuthorizedFetch() needs the host app (AUTHORIZED_FETCH_KEY).');
  return fetcher;
}

/** The error code of a refused endpoint call (`{"errors":[{"extensions":{"code"}}]}`), or a status-based one. */
export async function refusalCode(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { errors?: { extensions?: { code?: unknown } }[] } | null;
  const code = body?.errors?.[0]?.extensions?.code;
  if (typeof code === 'string') return code;
  if (res.status === 401) return 'UNAUTHENTICATED';
  if (res.status === 403) return 'FORBIDDEN';
  if (res.status === 404) return 'NOT_FOUND';
  return 'INTERNAL_SERVER_ERROR';
}

/** The file name the server gave (`filename*` first), else `fallback`. */
export function attachmentName(res: Response, fallback: string): string {
  const header = res.headers.get('content-disposition') ?? '';
  const exact = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (exact) return decodeURIComponent(exact[1]);
  const plain = /filename="([^"]+)"/i.exec(header);
  return plain ? plain[1] : fallback;
}

/** Hands a fetched file to the browser as a download (an object URL clicked through a temporary link). */
export async function saveDownload(res: Response, fallbackName: string): Promise<string> {
  const name = attachmentName(res, fallbackName);
  const url = URL.createObjectURL(await res.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: name, rel: 'noopener' });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
