import { describe, expect, it, vi } from 'vitest';
import { createSession, refreshMargin, tokenExpiry } from './session.ts';

const jwt = (expSeconds: number, iat?: number) =>
  `h.${btoa(JSON.stringify({ sub: 'u', exp: expSeconds, iat }))
    .replace(/=+$/, '')
    .replace(/\+/g, '-')
    .replace(/\//g, '_')}.s`;

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
    data,
  };
}
const answer = (body: unknown) =>
  Promise.resolve(new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }));

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

  it('keeps a token that is far from expiry and refreshes one about to expire, once for concurrent callers', async () => {
    const now = 1_700_000_000_000;
    const storage = memoryStorage();
    const fetchImpl = vi.fn(() =>
      answer({ data: { refreshToken: { accessToken: jwt(now / 1000 + 900), refreshToken: 'r2' } } }),
    );
    const session = createSession({ endpoint: '/graphql', storage, fetchImpl: fetchImpl as never, now: () => now });
    session.signIn({ accessToken: jwt(now / 1000 + 600), refreshToken: 'r1' });
    expect(await session.freshAccessToken()).toBe(jwt(now / 1000 + 600));
    expect(fetchImpl).not.toHaveBeenCalled();

    session.signIn({ accessToken: jwt(now / 1000 + 30), refreshToken: 'r1' });
    const [a, b] = await Promise.all([session.freshAccessToken(), session.freshAccessToken()]);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    expect(
      JSON.parse((fetchImpl.mock.calls[0] as unknown as [string, RequestInit])[1].body as string).variables,
    ).toEqual({ refreshToken: 'r1' });
    expect(a).toBe(jwt(now / 1000 + 900));
    expect(b).toBe(a);
    expect(session.state.refreshToken).toBe('r2');
    // Persisted for the next page load.
    expect(createSession({ endpoint: '/graphql', storage, fetchImpl: fetchImpl as never }).state.refreshToken).toBe(
      'r2',
    );
  });

  it('ends the session when the refresh token is refused, but not on a network failure', async () => {
    const onExpired = vi.fn();
    const refused = createSession({
      endpoint: '/graphql',
      storage: memoryStorage(),
      fetchImpl: (() =>
        answer({ data: null, errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }] })) as never,
      onExpired,
    });
    refused.signIn({ accessToken: jwt(1), refreshToken: 'r' });
    expect(await refused.refresh()).toBe(false);
    expect(refused.state.accessToken).toBeNull();
    expect(onExpired).toHaveBeenCalledOnce();

    const offline = createSession({
      endpoint: '/graphql',
      storage: memoryStorage(),
      fetchImpl: (() => Promise.reject(new TypeError('fetch failed'))) as never,
    });
    offline.signIn({ accessToken: jwt(1), refreshToken: 'r' });
    expect(await offline.refresh()).toBe(false);
    expect(offline.state.refreshToken).toBe('r');
  });

  it('remembers the selected clinic and forgets everything on sign out', () => {
    const storage = memoryStorage();
    const session = createSession({ endpoint: '/graphql', storage });
    session.signIn({ accessToken: 'a', refreshToken: 'r' });
    session.setClinic('clinic-2');
    expect(createSession({ endpoint: '/graphql', storage }).state.clinicId).toBe('clinic-2');
    session.signOut();
    expect(createSession({ endpoint: '/graphql', storage }).state).toEqual({
      accessToken: null,
      refreshToken: null,
      clinicId: null,
    });
  });
});
