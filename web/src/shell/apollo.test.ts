import { describe, expect, it, vi } from 'vitest';
import { gql } from '@apollo/client/core';
import { createApolloClient } from './apollo.ts';
import { createSession } from './session.ts';
import { jsonResponse as json, memoryStorage as memory, sessionFetch, type SessionAnswers } from '../testing/fetch.ts';

const PATIENTS = gql`
  query P {
    patients {
      total
    }
  }
`;
// One expiry for the whole file: a token built twice across a second boundary would differ.
const FAR_EXP = Math.floor(Date.now() / 1000) + 3600;
const farJwt = (tag: string) => `h.${btoa(JSON.stringify({ exp: FAR_EXP, tag }))}.s`;

function harness(answers: ((init: RequestInit) => Response)[], sessionAnswers: SessionAnswers = {}) {
  const calls: { headers: Record<string, string>; body: { query: string; variables: unknown } }[] = [];
  const fetchImpl = vi.fn(async (_url: string, init: RequestInit) => {
    calls.push({ headers: init.headers as Record<string, string>, body: JSON.parse(init.body as string) });
    const next = answers.shift();
    if (!next) throw new Error('unexpected request');
    return next(init);
  });
  const auth = sessionFetch({ login: [() => json({ accessToken: farJwt('a') })], ...sessionAnswers });
  const session = createSession({ authBase: 'http://test', storage: memory(), fetchImpl: auth.fetch });
  const onGraphQLError = vi.fn();
  const onNetworkError = vi.fn();
  const onSessionLost = vi.fn();
  const { client } = createApolloClient({
    session,
    httpUri: 'http://test/graphql',
    wsUrl: 'ws://test/graphql',
    fetchImpl: fetchImpl as never,
    onGraphQLError,
    onNetworkError,
    onSessionLost,
  });
  return { client, session, calls, auth: auth.calls, onGraphQLError, onNetworkError, onSessionLost };
}

describe('Apollo client', () => {
  it('sends the bearer token and the selected clinic', async () => {
    const h = harness([() => json({ data: { patients: { total: 3 } } })]);
    await h.session.login('a@b.c', 'p');
    h.session.setClinic('clinic-b');
    const r = await h.client.query({ query: PATIENTS });
    expect(r.data.patients.total).toBe(3);
    expect(h.calls[0].headers).toMatchObject({ authorization: `Bearer ${farJwt('a')}`, 'x-clinic-id': 'clinic-b' });
  });

  it('refreshes the token through /auth/refresh after an UNAUTHENTICATED answer and replays the operation once', async () => {
    const h = harness(
      [
        () => json({ data: null, errors: [{ message: 'Token expired', extensions: { code: 'UNAUTHENTICATED' } }] }),
        () => json({ data: { patients: { total: 7 } } }),
      ],
      { refresh: [() => json({ accessToken: farJwt('b') })] },
    );
    await h.session.login('a@b.c', 'p');
    const r = await h.client.query({ query: PATIENTS });
    expect(r.data.patients.total).toBe(7);
    expect(h.auth.map((c) => c.endpoint)).toEqual(['login', 'refresh']);
    expect(h.calls[1].headers.authorization).toBe(`Bearer ${farJwt('b')}`);
    expect(h.onGraphQLError).not.toHaveBeenCalled();
  });

  it('refreshes once for concurrent requests refused together, and replays each of them', async () => {
    const refused = () =>
      json({ data: null, errors: [{ message: 'Token revoked', extensions: { code: 'UNAUTHENTICATED' } }] });
    const totals = [1, 2, 3].map((total) => () => json({ data: { patients: { total } } }));
    const h = harness([refused, refused, refused, ...totals], {
      refresh: [() => json({ accessToken: farJwt('b') }), () => json({ accessToken: farJwt('c') })],
    });
    await h.session.login('a@b.c', 'p');
    const results = await Promise.all(
      [1, 2, 3].map((n) => h.client.query({ query: PATIENTS, variables: { n }, fetchPolicy: 'no-cache' })),
    );
    expect(results.map((r) => r.data.patients.total).sort()).toEqual([1, 2, 3]);
    expect(h.auth.map((c) => c.endpoint)).toEqual(['login', 'refresh']);
    expect(h.calls.slice(3).map((c) => c.headers.authorization)).toEqual(Array(3).fill(`Bearer ${farJwt('b')}`));
  });

  it('reports every error code, except those the page shows inline', async () => {
    const forbidden = { message: 'You need patients.read', extensions: { code: 'FORBIDDEN' } };
    const badInput = { message: 'firstName is required', extensions: { code: 'BAD_USER_INPUT', fields: [] } };
    const h = harness([
      () => json({ data: null, errors: [forbidden] }),
      () => json({ data: null, errors: [badInput] }),
    ]);
    await h.client.query({ query: PATIENTS });
    expect(h.onGraphQLError).toHaveBeenCalledWith(expect.objectContaining({ message: forbidden.message }), 'FORBIDDEN');
    await h.client.query({ query: PATIENTS, context: { inlineErrorCodes: ['BAD_USER_INPUT'] } }).catch(() => null);
    expect(h.onGraphQLError).toHaveBeenCalledTimes(1);
  });

  it('reports unknown codes as server errors and network failures as such', async () => {
    const h = harness([
      () => json({ data: null, errors: [{ message: 'boom', extensions: { code: 'SOMETHING_ELSE' } }] }),
      () => {
        throw new TypeError('Failed to fetch');
      },
    ]);
    await h.client.query({ query: PATIENTS });
    expect(h.onGraphQLError).toHaveBeenCalledWith(expect.anything(), 'INTERNAL_SERVER_ERROR');
    await h.client.query({ query: PATIENTS }).catch(() => null);
    expect(h.onNetworkError).toHaveBeenCalledOnce();
  });

  it('gives up and reports the lost session when the refresh cookie is refused', async () => {
    const h = harness([
      () => json({ data: null, errors: [{ message: 'Token expired', extensions: { code: 'UNAUTHENTICATED' } }] }),
    ]);
    await h.session.login('a@b.c', 'p');
    await expect(h.client.query({ query: PATIENTS })).rejects.toThrow(/session has expired/);
    expect(h.onSessionLost).toHaveBeenCalledOnce();
    expect(h.session.state.accessToken).toBeNull();
  });
});
