import { describe, expect, it, vi } from 'vitest';
import { createSession, refreshMargin, SessionRequestError, tokenExpiry } from './session.ts';
import { jsonResponse as json, memoryStorage, sessionError, sessionFetch } from '../testing/fetch.ts';

const jwt = (expSeconds: number, iat?: number) =>
  `h.${btoa(JSON.stringify({ sub: 'u', exp: expSeconds, iat }))
    .replace(/=+$/, '')
    .replace(/\+/g, '-')
    .replace(/\//g, '_')}.s`;

/** Every value a storage saw written, to check that no token ever lands there. */
function recordingStorage() {
  const storage = memoryStorage();
  const written: string[] = [];
  return {
    written,
    getItem: storage.getItem,
    removeItem: storage.removeItem,
    setItem: (key: string, value: string) => {
      written.push(`${key}=${value}`);
      storage.setItem(key, value);
    },
  };
}

describe('session', () => {
  it('reads the expiry of a JWT', () => {
    expect(tokenExpiry(jwt(1000))).toBe(1_000_000);
    expect(tokenExpiry('not-a-token')).toBeNull();
  });

  it('refreshes a quarter of the lifetime before expiry, at most a minute before', () => {
    expect(refreshMargin(jwt(1000 + 900, 1000))).toBe(60_000);
    expect(refreshMargin(jwt(1000 + 20, 1000))).toBe(5_000);
    expect(refreshMargin(jwt(1000))).toBe(60_000);
  });

  it('logs in through /auth/login and keeps the access token in memory only, never in storage', async () => {
    const storage = recordingStorage();
    storage.setItem('dentalpin.session', JSON.stringify({ accessToken: 'old', refreshToken: 'old-refresh' }));
    const auth = sessionFetch({ login: [() => json({ accessToken: 'access-1', user: { id: 'u', email: 'a@b.c' } })] });
    const session = createSession({ storage, fetchImpl: auth.fetch });
    // Tokens an earlier version left in storage are wiped, not used.
    expect(storage.getItem('dentalpin.session')).toBeNull();
    expect(session.state.accessToken).toBeNull();

    await session.login('a@b.c', 'secret');
    session.setClinic('clinic-2');
    expect(auth.calls).toEqual([
      expect.objectContaining({ endpoint: 'login', body: { email: 'a@b.c', password: 'secret' } }),
    ]);
    expect(auth.calls[0].init.credentials).toBe('same-origin');
    expect(session.state.accessToken).toBe('access-1');
    expect(storage.written.slice(1)).toEqual(['dentalpin.clinic=clinic-2']);
    // A new page load knows the clinic, not the token: it has to ask /auth/refresh.
    expect(createSession({ storage, fetchImpl: auth.fetch }).state).toEqual({
      accessToken: null,
      clinicId: 'clinic-2',
    });
  });

  it('leaves nothing of the token in the browser storages by default', async () => {
    localStorage.clear();
    sessionStorage.clear();
    const auth = sessionFetch({
      login: [() => json({ accessToken: 'access-1' })],
      refresh: [() => json({ accessToken: 'access-2' })],
    });
    const session = createSession({ fetchImpl: auth.fetch });
    await session.login('a@b.c', 'secret');
    await session.refresh();
    session.setClinic('clinic-2');
    const stored = [localStorage, sessionStorage].flatMap((s) =>
      Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i)!)}`),
    );
    expect(stored).toEqual(['dentalpin.clinic=clinic-2']);
    expect(session.state.accessToken).toBe('access-2');
  });

  it('throws the coded refusal of /auth/login with its retry hint', async () => {
    const auth = sessionFetch({
      login: [
        () => sessionError('UNAUTHENTICATED', 'Wrong e-mail or password.'),
        () => sessionError('RATE_LIMITED', 'Too many attempts.', { retryAfterSeconds: 420 }),
      ],
    });
    const session = createSession({ storage: memoryStorage(), fetchImpl: auth.fetch });
    await expect(session.login('a@b.c', 'x')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const limited = await session.login('a@b.c', 'x').catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(SessionRequestError);
    expect(limited).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 420 });
    expect(session.state.accessToken).toBeNull();
  });

  it('keeps a token far from expiry and refreshes one about to expire through the cookie, once for concurrent callers', async () => {
    const now = 1_700_000_000_000;
    const auth = sessionFetch({
      login: [() => json({ accessToken: jwt(now / 1000 + 600) }), () => json({ accessToken: jwt(now / 1000 + 30) })],
      refresh: [() => json({ accessToken: jwt(now / 1000 + 900) })],
    });
    const session = createSession({ storage: memoryStorage(), fetchImpl: auth.fetch, now: () => now });
    await session.login('a@b.c', 'p');
    expect(await session.freshAccessToken()).toBe(jwt(now / 1000 + 600));
    expect(auth.calls.map((c) => c.endpoint)).toEqual(['login']);

    await session.login('a@b.c', 'p');
    const [a, b, c] = await Promise.all([
      session.freshAccessToken(),
      session.freshAccessToken(),
      session.freshAccessToken(),
    ]);
    expect(auth.calls.map((call) => call.endpoint)).toEqual(['login', 'login', 'refresh']);
    // The refresh token is the HttpOnly cookie: the body carries nothing.
    expect(auth.calls[2].body).toEqual({});
    expect(auth.calls[2].init.headers).toEqual({ 'content-type': 'application/json' });
    expect([a, b, c]).toEqual([jwt(now / 1000 + 900), jwt(now / 1000 + 900), jwt(now / 1000 + 900)]);
  });

  it('resumes a session on page load from the cookie, asking once', async () => {
    const auth = sessionFetch({ refresh: [() => json({ accessToken: 'from-cookie' })] });
    const session = createSession({ storage: memoryStorage(), fetchImpl: auth.fetch });
    expect(await Promise.all([session.resume(), session.resume()])).toEqual([true, true]);
    expect(session.state.accessToken).toBe('from-cookie');
    await session.logout();
    expect(await session.resume()).toBe(false);
    expect(auth.calls.map((c) => c.endpoint)).toEqual(['refresh', 'logout']);

    const onExpired = vi.fn();
    const visitor = createSession({ storage: memoryStorage(), fetchImpl: sessionFetch().fetch, onExpired });
    expect(await visitor.resume()).toBe(false);
    expect(await visitor.resume()).toBe(false);
    // Nobody was signed in: nothing expired.
    expect(onExpired).not.toHaveBeenCalled();
  });

  it('ends the session when the refresh is refused, but not on a network failure or a failing server', async () => {
    const onExpired = vi.fn();
    const storage = memoryStorage();
    const refused = createSession({
      storage,
      fetchImpl: sessionFetch({ login: [() => json({ accessToken: jwt(1) })] }).fetch,
      onExpired,
    });
    await refused.login('a@b.c', 'p');
    refused.setClinic('clinic-2');
    expect(await refused.refresh()).toBe(false);
    expect(refused.state).toEqual({ accessToken: null, clinicId: null });
    expect(storage.getItem('dentalpin.clinic')).toBeNull();
    expect(onExpired).toHaveBeenCalledOnce();

    const offline = createSession({
      storage: memoryStorage(),
      fetchImpl: (async (url: string) => {
        if (url.endsWith('/auth/login')) return json({ accessToken: 'a' });
        throw new TypeError('fetch failed');
      }) as typeof fetch,
    });
    await offline.login('a@b.c', 'p');
    expect(await offline.refresh()).toBe(false);
    expect(offline.state.accessToken).toBe('a');

    const failing = createSession({
      storage: memoryStorage(),
      fetchImpl: sessionFetch({
        login: [() => json({ accessToken: 'a' })],
        refresh: [() => new Response('<html>Bad gateway</html>', { status: 502 })],
      }).fetch,
      onExpired,
    });
    await failing.login('a@b.c', 'p');
    expect(await failing.refresh()).toBe(false);
    expect(failing.state.accessToken).toBe('a');
    expect(onExpired).toHaveBeenCalledOnce();
  });

  it('logs out on the server and forgets everything here', async () => {
    const storage = memoryStorage();
    const auth = sessionFetch({ login: [() => json({ accessToken: 'a' })], logout: [() => json({ ok: true })] });
    const session = createSession({ storage, fetchImpl: auth.fetch });
    await session.login('a@b.c', 'p');
    session.setClinic('clinic-2');
    await session.logout();
    expect(auth.calls.map((c) => c.endpoint)).toEqual(['login', 'logout']);
    expect(session.state).toEqual({ accessToken: null, clinicId: null });
    expect(createSession({ storage, fetchImpl: auth.fetch }).state).toEqual({ accessToken: null, clinicId: null });
  });
});
