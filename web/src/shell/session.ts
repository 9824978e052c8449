import { reactive } from 'vue';

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
}

export interface SessionState {
  accessToken: string | null;
  refreshToken: string | null;
  /** The clinic sent as `x-clinic-id`; null = the server's default (the first membership). */
  clinicId: string | null;
}

/** A request refreshes the access token when it expires within a quarter of its lifetime, at most a minute. */
const MAX_REFRESH_MARGIN_MS = 60_000;
const STORAGE_KEY = 'dentalpin.session';

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

const REFRESH_MUTATION = `mutation RefreshToken($refreshToken: String!) {
  refreshToken(refreshToken: $refreshToken) { accessToken refreshToken }
}`;

export interface SessionOptions {
  endpoint: string;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  fetchImpl?: typeof fetch;
  now?: () => number;
  /** Called when the refresh token no longer works (the user must log in again). */
  onExpired?: () => void;
}

export type Session = ReturnType<typeof createSession>;

/**
 * The tokens of the signed-in user, kept in local storage. The access token is refreshed with the
 * refresh token shortly before it expires (`freshAccessToken`) and after the server rejects it (`refresh`).
 */
export function createSession(options: SessionOptions) {
  const storage = options.storage ?? globalThis.localStorage;
  const fetchImpl = options.fetchImpl ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const now = options.now ?? Date.now;
  const saved = (() => {
    try {
      return JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null') as SessionState | null;
    } catch {
      return null;
    }
  })();
  const state = reactive<SessionState>({
    accessToken: saved?.accessToken ?? null,
    refreshToken: saved?.refreshToken ?? null,
    clinicId: saved?.clinicId ?? null,
  });
  const persist = () => storage.setItem(STORAGE_KEY, JSON.stringify(state));
  let inflight: Promise<boolean> | null = null;

  function signIn(tokens: SessionTokens) {
    state.accessToken = tokens.accessToken;
    state.refreshToken = tokens.refreshToken;
    persist();
  }

  function signOut() {
    state.accessToken = null;
    state.refreshToken = null;
    state.clinicId = null;
    storage.removeItem(STORAGE_KEY);
  }

  function setClinic(clinicId: string | null) {
    state.clinicId = clinicId;
    persist();
  }

  /** Exchanges the refresh token for new tokens; one exchange at a time. False when the session is over. */
  function refresh(): Promise<boolean> {
    if (!state.refreshToken) return Promise.resolve(false);
    inflight ??= (async () => {
      try {
        const res = await fetchImpl(options.endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: REFRESH_MUTATION, variables: { refreshToken: state.refreshToken } }),
        });
        const body = (await res.json()) as { data?: { refreshToken?: SessionTokens } | null };
        const tokens = body.data?.refreshToken;
        if (!tokens) {
          signOut();
          options.onExpired?.();
          return false;
        }
        signIn(tokens);
        return true;
      } catch {
        // Network trouble is not an expired session: keep the tokens and let the request fail visibly.
        return false;
      } finally {
        inflight = null;
      }
    })();
    return inflight;
  }

  /** The access token to send now, refreshed first when it is expired or about to be. */
  async function freshAccessToken(): Promise<string | null> {
    if (!state.accessToken) return null;
    const exp = tokenExpiry(state.accessToken);
    if (exp !== null && exp - now() < refreshMargin(state.accessToken) && state.refreshToken) await refresh();
    return state.accessToken;
  }

  return { state, signIn, signOut, setClinic, refresh, freshAccessToken };
}
