import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import LoginPage from './LoginPage.vue';
import ForgotPasswordPage from './ForgotPasswordPage.vue';
import ResetPasswordPage from './ResetPasswordPage.vue';
import ChangePasswordCard from './settings/ChangePasswordCard.vue';
import { SHELL_KEY, type ShellController } from '../shell/controller.ts';
import { createSession } from '../shell/session.ts';
import {
  jsonResponse as json,
  memoryStorage,
  mountLayer,
  sessionError,
  sessionFetch,
  settle,
  type GraphQLAnswers,
  type SessionAnswers,
} from '../testing/index.ts';

const Blank = defineComponent({ render: () => h('div') });

/** A memory-history router with the pages' link targets, opened at `path`. */
async function routerAt(path: string): Promise<Router> {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: ['/', '/patients', '/login', '/forgot-password', '/reset-password'].map((p) => ({
      path: p,
      name: p === '/' ? 'dashboard' : p.slice(1),
      component: Blank,
    })),
  });
  await router.push(path);
  await router.isReady();
  return router;
}

/** Mounts a page with a shell whose sign-in goes through a real session against mock `/auth/*` endpoints. */
async function mountPage(
  page: Parameters<typeof mountLayer>[0],
  options: { path?: string; auth?: SessionAnswers; fetch?: GraphQLAnswers; locale?: string } = {},
) {
  const router = await routerAt(options.path ?? '/login');
  const auth = sessionFetch(options.auth);
  const session = createSession({ storage: memoryStorage(), fetchImpl: auth.fetch });
  const shell: Pick<ShellController, 'signIn'> = { signIn: (email, password) => session.login(email, password) };
  const mounted = mountLayer(page, {
    plugins: [router],
    provide: { [SHELL_KEY as symbol]: shell },
    fetch: options.fetch,
    locale: options.locale,
    attach: true,
  });
  await settle();
  return { ...mounted, router, session, auth: auth.calls };
}

const type = async (selector: string, value: string) => {
  const el = document.querySelector<HTMLInputElement>(selector)!;
  el.value = value;
  el.dispatchEvent(new Event('input'));
  await settle();
};
const submit = async (form: string) => {
  document.querySelector(`[data-test=${form}]`)!.dispatchEvent(new Event('submit'));
  await settle();
};
const text = (selector: string) => document.querySelector(selector)?.textContent?.trim();
const badInput = (message: string, fields?: { field: string; message: string }[]) =>
  json({ data: null, errors: [{ message, extensions: { code: 'BAD_USER_INPUT', ...(fields ? { fields } : {}) } }] });

describe('login page', () => {
  it('signs in through /auth/login and goes where the person was going', async () => {
    const page = await mountPage(LoginPage, {
      path: '/login?redirect=/patients',
      auth: { login: [() => json({ accessToken: 'access-1', user: { id: 'u', email: 'ada@clinic.test' } })] },
    });
    await type('#login-email', ' ada@clinic.test ');
    await type('#login-password', 'right password');
    await submit('login-form');
    expect(page.auth).toEqual([
      expect.objectContaining({ endpoint: 'login', body: { email: 'ada@clinic.test', password: 'right password' } }),
    ]);
    expect(page.session.state.accessToken).toBe('access-1');
    expect(page.router.currentRoute.value.fullPath).toBe('/patients');
  });

  it('shows wrong credentials and the attempt lock next to the form, with the wait in minutes', async () => {
    const page = await mountPage(LoginPage, {
      auth: {
        login: [
          () => sessionError('UNAUTHENTICATED', 'Wrong e-mail or password.'),
          () => sessionError('RATE_LIMITED', 'Too many failed attempts.', { retryAfterSeconds: 401 }),
        ],
      },
    });
    await type('#login-email', 'ada@clinic.test');
    await type('#login-password', 'wrong');
    await submit('login-form');
    expect(text('[data-test=login-error]')).toBe('Wrong e-mail or password.');
    await submit('login-form');
    expect(text('[data-test=login-error]')).toBe('Too many failed attempts. Try again in 7 minutes.');
    expect(page.router.currentRoute.value.name).toBe('login');
    expect(page.notices).toEqual([]);
  });

  it('says the wait in Spanish, in the singular under a minute', async () => {
    await mountPage(LoginPage, {
      locale: 'es',
      auth: { login: [() => sessionError('RATE_LIMITED', 'Too many failed attempts.', { retryAfterSeconds: 20 })] },
    });
    await submit('login-form');
    expect(text('[data-test=login-error]')).toBe('Demasiados intentos fallidos. Vuelve a intentarlo en 1 minuto.');
  });

  it('links to the forgotten-password page', async () => {
    const page = await mountPage(LoginPage);
    document.querySelector<HTMLAnchorElement>('[data-test=forgot-password]')!.click();
    await settle();
    expect(page.router.currentRoute.value.name).toBe('forgot-password');
  });
});

describe('password pages', () => {
  it('asks for a reset link and answers the same whatever the address', async () => {
    const page = await mountPage(ForgotPasswordPage, {
      path: '/forgot-password',
      fetch: { RequestPasswordReset: () => json({ data: { requestPasswordReset: true } }) },
    });
    await type('#forgot-email', 'nobody@clinic.test');
    await submit('forgot-form');
    expect(page.sent.map((o) => [o.operationName, o.variables])).toEqual([
      ['RequestPasswordReset', { email: 'nobody@clinic.test' }],
    ]);
    expect(text('[data-test=reset-sent]')).toBe(
      'If nobody@clinic.test belongs to an account, a link to choose a new password is on its way. It works once and expires soon.',
    );
    expect(document.querySelector('[data-test=forgot-form]')).toBeNull();
  });

  it('sets the new password from the link’s token, shows refusals next to the field, then signs in', async () => {
    const page = await mountPage(ResetPasswordPage, {
      path: '/reset-password?token=link-token',
      fetch: [
        () => badInput('newPassword is too short', [{ field: 'newPassword', message: 'must have 12 characters' }]),
        () =>
          json({
            data: {
              resetPassword: { __typename: 'AuthPayload', user: { __typename: 'User', email: 'ada@clinic.test' } },
            },
          }),
      ],
      auth: { login: [() => json({ accessToken: 'access-1' })] },
    });
    await type('#reset-password', 'short');
    await submit('reset-form');
    expect(text('[data-test=error-newPassword]')).toBe('must have 12 characters');
    expect(page.auth).toEqual([]);

    await type('#reset-password', 'a long new password');
    await submit('reset-form');
    expect(page.sent.map((o) => o.variables)).toEqual([
      { token: 'link-token', newPassword: 'short' },
      { token: 'link-token', newPassword: 'a long new password' },
    ]);
    expect(page.auth).toEqual([
      expect.objectContaining({
        endpoint: 'login',
        body: { email: 'ada@clinic.test', password: 'a long new password' },
      }),
    ]);
    expect(page.session.state.accessToken).toBe('access-1');
    expect(page.router.currentRoute.value.fullPath).toBe('/');
  });

  it('shows an expired link’s refusal on the form', async () => {
    await mountPage(ResetPasswordPage, {
      path: '/reset-password?token=used',
      fetch: [() => badInput('This link has expired or was already used. Ask for a new one.')],
    });
    await type('#reset-password', 'a long new password');
    await submit('reset-form');
    expect(text('[data-test=reset-error]')).toBe('This link has expired or was already used. Ask for a new one.');
  });

  it('offers a new link instead of the form when the link has no token', async () => {
    await mountPage(ResetPasswordPage, { path: '/reset-password' });
    expect(text('[data-test=reset-missing-token]')).toContain('This link is incomplete');
    expect(document.querySelector('[data-test=reset-form]')).toBeNull();
  });

  it('changes the password: refusals show under their fields, success clears the form', async () => {
    const card = await mountPage(ChangePasswordCard, {
      path: '/',
      fetch: [
        // The server names the one field a message is about…
        () =>
          json({
            data: null,
            errors: [
              {
                message: 'The current password is wrong.',
                extensions: { code: 'BAD_USER_INPUT', field: 'currentPassword' },
              },
            ],
          }),
        () => badInput('newPassword is too short', [{ field: 'newPassword', message: 'must have 12 characters' }]),
        // …and a BAD_USER_INPUT naming none is the contract's wrong current password.
        () => badInput('Wrong current password.'),
        () => json({ data: { changePassword: true } }),
      ],
    });
    await type('#current-password', 'wrong');
    await type('#new-password', 'a long new password');
    await submit('change-password-form');
    expect(text('[data-test=error-currentPassword]')).toBe('The current password is wrong.');
    expect(text('[data-test=error-newPassword]')).toBeUndefined();

    await submit('change-password-form');
    expect(text('[data-test=error-currentPassword]')).toBeUndefined();
    expect(text('[data-test=error-newPassword]')).toBe('must have 12 characters');

    await submit('change-password-form');
    expect(text('[data-test=error-currentPassword]')).toBe('Wrong current password.');

    await submit('change-password-form');
    expect(card.sent[3].variables).toEqual({ currentPassword: 'wrong', newPassword: 'a long new password' });
    expect(document.querySelector<HTMLInputElement>('#current-password')!.value).toBe('');
    expect(card.notices.at(-1)).toMatchObject({
      severity: 'success',
      summary: expect.stringContaining('Password changed'),
    });
    expect(card.errorToasts).toEqual([]);
  });
});
