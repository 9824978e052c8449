import { reactive } from 'vue';

export interface SessionState {
  /** Held in memory only: a page load starts without it and asks `/auth/refresh` (the HttpOnly cookie). */
  accessToken: string | null;
  /** The clinic sent as `x-clinic-id`; null = the server's default (the first membership). */
  clinicId: string | null;
}

/** A request refreshes the access token when it expires within a quarter of its lifetime, at most a minute. */
const MAX_REFRESH_MARGIN_MS = 60_000;
/** The selected clinic is a preference, not a credential: it is the only thing the session stores. */
const CLINIC_KEY = 'dentalpin.clinic';
/** Where earlier versions kept both tokens; removed on load so no refresh token lingers in storage. */
const LEGACY_TOKENS_KEY = 'dentalpin.session';

function claims(token: string): { exp?: unknown; iat?: unknown } {
  try {
    const payload = token.split('.')[1];
    return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return {};
  }
}

/** The `exp` claim of a JWT in epoch milliseconds, or null when the token cannot be read. */
export function tokenExpiry(token: string): number | null {
  const { exp } = claims(token);
  return typeof exp === 'number' ? exp * 1000 : null;
}

/** How long before expiry the token is refreshed: a quarter of its lifetime (`exp - iat`), at most a minute. */
export function refreshMargin(token: string): number {
  const { exp, iat } = claims(token);
  if (typeof exp !== 'number' || typeof iat !== 'number') return MAX_REFRESH_MARGIN_MS;
  return Math.min(MAX_REFRESH_MARGIN_MS, ((exp - iat) * 1000) / 4);
}

/** A coded refusal of a web session endpoint (`{"errors":[{"message","extensions":{"code",…}}]}`). */
export class SessionRequestError extends Error {
  constructor(
    message: string,
    readonly code: string,
    /** Set with `RATE_LIMITED`: how long until the next attempt is accepted. */
    readonly retryAfterSeconds: number | null,
  ) {
    super(message);
    this.name = 'SessionRequestError';
  }
}

interface EndpointErrorBody {
  errors?: { message?: string; extensions?: { code?: unknown; retryAfterSeconds?: unknown } }[];
}

export interface SessionOptions {
  /** Origin (and path prefix) of the `/auth/*` endpoints; default: the page's own origin. */
  authBase?: string;
  /** Keeps the selected clinic across page loads; default: localStorage. */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  fetchImpl?: typeof fetch;
  now?: () => number;
  /** Called when a signed-in session could not be refreshed (the user must log in again). */
  onExpired?: () => void;
}

export type Session = ReturnType<typeof createSession>;

/**
 * The signed-in user's session. The access token lives in memory; the refresh token is an HttpOnly
 * cookie the browser sends only to `/auth/*`, so no script can read it. `refresh` exchanges the cookie
 * for a new access token (one exchange at a time), before expiry (`freshAccessToken`), after the
 * server rejects the token, and once per page load (`resume`).
 */
export function createSession(options: SessionOptions = {}) {
  const storage = options.storage ?? globalThis.localStorage;
  const fetchImpl = options.fetchImpl ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const now = options.now ?? Date.now;
  const authBase = options.authBase ?? '';
  storage.removeItem(LEGACY_TOKENS_KEY);
  const state = reactive<SessionState>({ accessToken: null, clinicId: storage.getItem(CLINIC_KEY) });
  let inflight: Promise<boolean> | null = null;
  let resumed: Promise<boolean> | null = null;

  /** POSTs JSON to a session endpoint; a coded refusal is thrown as SessionRequestError. */
  async function post<T>(path: string, body: unknown): Promise<T> {
    const res = await fetchImpl(`${authBase}/auth/${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await res.json().catch(() => ({}))) as T & EndpointErrorBody;
    const error = answer.errors?.[0];
    if (res.ok && !error) return answer;
    const retryAfter = error?.extensions?.retryAfterSeconds;
    throw new SessionRequestError(
      error?.message ?? `The server answered ${res.status}.`,
      typeof error?.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR',
      typeof retryAfter === 'number' ? retryAfter : null,
    );
  }

  function forget() {
    state.accessToken = null;
    state.clinicId = null;
    storage.removeItem(CLINIC_KEY);
  }

  /** Signs in through `/auth/login`; refusals (UNAUTHENTICATED, RATE_LIMITED) throw SessionRequestError. */
  async function login(email: string, password: string): Promise<void> {
    const answer = await post<{ accessToken: string }>('login', { email, password });
    state.accessToken = answer.accessToken;
  }

  /** Ends the session on the server (the cookie is cleared) and here; signing out works offline too. */
  async function logout(): Promise<void> {
    forget();
    await post('logout', {}).catch(() => undefined);
  }

  function setClinic(clinicId: string | null) {
    state.clinicId = clinicId;
    if (clinicId) storage.setItem(CLINIC_KEY, clinicId);
    else storage.removeItem(CLINIC_KEY);
  }

  /** A new access token from the refresh cookie; concurrent callers share one request. False when signed out. */
  function refresh(): Promise<boolean> {
    inflight ??= (async () => {
      const hadSession = !!state.accessToken;
      try {
        const answer = await post<{ accessToken: string }>('refresh', {});
        state.accessToken = answer.accessToken;
        return true;
      } catch (error) {
        // Only a refused session ends it: network trouble or a failing server keeps the token, and
        // the request fails visibly instead.
        if (!(error instanceof SessionRequestError) || error.code !== 'UNAUTHENTICATED') return false;
        forget();
        if (hadSession) options.onExpired?.();
        return false;
      } finally {
        inflight = null;
      }
    })();
    return inflight;
  }

  /** On page load: a refresh cookie left by an earlier visit signs the user in again. Asked once per load. */
  async function resume(): Promise<boolean> {
    if (state.accessToken) return true;
    resumed ??= refresh();
    await resumed;
    // Signed out since (logout, refused refresh): the cookie is gone, asking again would not help.
    return !!state.accessToken;
  }

  /** The access token to send now, refreshed first when it is expired or about to be. */
  async function freshAccessToken(): Promise<string | null> {
    if (!state.accessToken) return null;
    const exp = tokenExpiry(state.accessToken);
    if (exp !== null && exp - now() < refreshMargin(state.accessToken)) await refresh();
    return state.accessToken;
  }

  return { state, login, logout, setClinic, refresh, resume, freshAccessToken };
}
