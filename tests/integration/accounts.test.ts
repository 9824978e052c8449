import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, scryptSync } from 'node:crypto';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import {
  eventually,
  startTestPlatform,
  TEST_PASSWORD,
  type GraphQLResult,
  type TestPlatform,
} from '@dentalpin/core/testing';
import { passwordWork } from '../../core/src/auth/passwords.ts';

const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken user { id } } }`;
const ME = `{ me { user { email } role } }`;
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id email fullName } }`;
const CLINIC_USERS = `{ clinicUsers { id email fullName role isProfessional isActive } }`;

describe('accounts and sessions through real HTTP', () => {
  let t: TestPlatform;
  let base: string;
  let admin: { token: string; clinicId: string; userId: string };
  let addresses = 0;
  /** A fresh client address (the platform trusts loopback as a proxy here, so X-Forwarded-For names it). */
  const newAddress = () => `198.51.${Math.floor(++addresses / 250)}.${addresses % 250}`;

  const gqlFrom = async <T = Record<string, any>>(
    address: string,
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<GraphQLResult<T>> => {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-forwarded-for': address };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(t.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as GraphQLResult<T>;
  };
  const codeOf = (r: GraphQLResult) => r.errors?.[0]?.extensions?.code;
  const health = async () => (await fetch(`${base}/health`)).status;
  const newUser = async (role: string, password = TEST_PASSWORD) => {
    const email = `${role}.${randomBytes(4).toString('hex')}@accounts.test`;
    const created = await t.data(
      CREATE_USER,
      { input: { email, password, firstName: role, lastName: 'Tester', role } },
      { token: admin.token },
    );
    const login = await gqlFrom(newAddress(), LOGIN, { e: email, p: password });
    return { id: created.createUser.id as string, email, token: login.data!.login.accessToken as string };
  };

  beforeAll(async () => {
    process.env.DENTALPIN_TRUST_PROXY = 'loopback';
    t = await startTestPlatform();
    base = t.url.replace(/\/graphql$/, '');
    admin = await t.setup();
  });
  afterAll(async () => {
    delete process.env.DENTALPIN_TRUST_PROXY;
    await t.close();
  });

  describe('login abuse', () => {
    it('checks at most 5 of 40 parallel wrong passwords, while the process keeps answering', async () => {
      const victim = await newUser('dentist');
      const attacker = newAddress();
      const before = passwordWork.hashes;
      const probes: number[] = [];
      const attack = Promise.all(
        Array.from({ length: 40 }, () => gqlFrom(attacker, LOGIN, { e: victim.email, p: 'wrong-guess-1' })),
      );
      probes.push(await health());
      const answers = await attack;
      const checked = passwordWork.hashes - before;
      expect(probes).toEqual([200]);
      expect(checked).toBeLessThanOrEqual(5);
      expect(answers.filter((a) => codeOf(a) === 'UNAUTHENTICATED')).toHaveLength(checked);
      const limited = answers.filter((a) => codeOf(a) === 'RATE_LIMITED');
      expect(limited).toHaveLength(40 - checked);
      expect(limited[0]!.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);

      // Locked for that address, even with the right password; the owner elsewhere is not.
      expect(codeOf(await gqlFrom(attacker, LOGIN, { e: victim.email, p: TEST_PASSWORD }))).toBe('RATE_LIMITED');
      const owner = await gqlFrom(newAddress(), LOGIN, { e: victim.email, p: TEST_PASSWORD });
      expect(owner.data?.login.user.id).toBe(victim.id);
    });

    it('stops spraying 30 accounts from one address at the per-address ceiling', async () => {
      const accounts = await Promise.all(Array.from({ length: 30 }, () => newUser('assistant')));
      const sprayer = newAddress();
      const before = passwordWork.hashes;
      const codes: unknown[] = [];
      for (const a of accounts) codes.push(codeOf(await gqlFrom(sprayer, LOGIN, { e: a.email, p: 'Spring2026' })));
      expect(codes.slice(0, 20)).toEqual(Array(20).fill('UNAUTHENTICATED'));
      expect(codes.slice(20)).toEqual(Array(10).fill('RATE_LIMITED'));
      expect(passwordWork.hashes - before).toBe(20);
      // The sprayed owners still log in from their own addresses.
      const owner = await gqlFrom(newAddress(), LOGIN, { e: accounts[29]!.email, p: TEST_PASSWORD });
      expect(owner.data?.login.user.id).toBe(accounts[29]!.id);
    });

    it('does the same work for an unknown e-mail as for a known one', async () => {
      const known = await newUser('hygienist');
      const work = async (email: string) => {
        const before = passwordWork.hashes;
        const r = await gqlFrom(newAddress(), LOGIN, { e: email, p: 'wrong-guess-1' });
        expect(r.errors?.[0]).toMatchObject({ message: 'Wrong email or password.' });
        return passwordWork.hashes - before;
      };
      expect(await work(known.email)).toBe(1);
      expect(await work('nobody.here@accounts.test')).toBe(1);
    });

    it('accepts an old scrypt hash once and stores an Argon2id hash instead', async () => {
      const user = await newUser('receptionist');
      const salt = randomBytes(16);
      const key = scryptSync(TEST_PASSWORD, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
      await t.platform.db
        .knex('users')
        .where({ id: user.id })
        .update({ password_hash: `scrypt$32768$8$1$${salt.toString('base64')}$${key.toString('base64')}` });
      expect((await gqlFrom(newAddress(), LOGIN, { e: user.email, p: TEST_PASSWORD })).data?.login.user.id).toBe(
        user.id,
      );
      const { password_hash } = await t.platform.db.knex('users').where({ id: user.id }).first('password_hash');
      expect(password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect((await gqlFrom(newAddress(), LOGIN, { e: user.email, p: TEST_PASSWORD })).data?.login.user.id).toBe(
        user.id,
      );
    });
  });

  describe('web session endpoints', () => {
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${base}/auth/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    const cookieOf = (res: Response) => res.headers.get('set-cookie') ?? '';
    const refreshValue = (res: Response) => /dentalpin_refresh=([^;]*)/.exec(cookieOf(res))?.[1] ?? '';

    it('logs in with an HttpOnly, Secure, SameSite=Strict cookie on /auth, rotates it, and logs out', async () => {
      const user = await newUser('dentist');
      const login = await post('login', { email: user.email, password: TEST_PASSWORD });
      expect(login.status).toBe(200);
      const body = await login.json();
      expect(body).toEqual({ accessToken: expect.any(String), user: { id: user.id, email: user.email } });
      const cookie = cookieOf(login);
      expect(cookie).toMatch(/dentalpin_refresh=[^;]+/);
      for (const flag of ['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/auth']) expect(cookie).toContain(flag);
      expect((await t.data(ME, {}, { token: body.accessToken })).me.user.email).toBe(user.email);

      const first = refreshValue(login);
      const refreshed = await post('refresh', {}, { cookie: `dentalpin_refresh=${first}` });
      expect(refreshed.status).toBe(200);
      const second = refreshValue(refreshed);
      expect(second).not.toBe(first);
      const { accessToken } = await refreshed.json();
      expect((await t.data(ME, {}, { token: accessToken })).me.user.email).toBe(user.email);

      // The cookie two rotations back (the one just replaced is still taken for 30 s, for a refresh whose answer
      // was lost): the whole session ends, the newest cookie with it.
      const third = refreshValue(await post('refresh', {}, { cookie: `dentalpin_refresh=${second}` }));
      const reused = await post('refresh', {}, { cookie: `dentalpin_refresh=${first}` });
      expect(reused.status).toBe(401);
      expect((await reused.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await post('refresh', {}, { cookie: `dentalpin_refresh=${third}` })).status).toBe(401);
      expect(codeOf(await t.gql(ME, {}, { token: accessToken }))).toBe('UNAUTHENTICATED');

      const again = await post('login', { email: user.email, password: TEST_PASSWORD });
      const token = (await again.json()).accessToken;
      const logout = await post('logout', {}, { cookie: `dentalpin_refresh=${refreshValue(again)}` });
      expect(await logout.json()).toEqual({ ok: true });
      expect(cookieOf(logout)).toMatch(/dentalpin_refresh=;.*Expires=Thu, 01 Jan 1970/);
      expect(codeOf(await t.gql(ME, {}, { token }))).toBe('UNAUTHENTICATED');
      expect((await post('refresh', {})).status).toBe(401);
    });

    it('refuses cross-site posts and answers refusals in the GraphQL error shape', async () => {
      const user = await newUser('assistant');
      const form = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `email=${encodeURIComponent(user.email)}&password=${TEST_PASSWORD}`,
      });
      expect(form.status).toBe(400);
      expect((await form.json()).errors[0].extensions.code).toBe('BAD_USER_INPUT');
      const foreign = await post(
        'login',
        { email: user.email, password: TEST_PASSWORD },
        { origin: 'https://evil.test' },
      );
      expect(foreign.status).toBe(403);
      expect(cookieOf(foreign)).toBe('');
      expect((await foreign.json()).errors[0].extensions.code).toBe('FORBIDDEN');
      const malformed = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"email": ',
      });
      expect(malformed.status).toBe(400);
      expect((await malformed.json()).errors[0].extensions.code).toBe('BAD_USER_INPUT');
      const sameOrigin = await post('login', { email: user.email, password: TEST_PASSWORD }, { origin: base });
      expect(sameOrigin.status).toBe(200);
      const wrong = await post('login', { email: user.email, password: 'wrong-guess-1' });
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toEqual({
        errors: [{ message: 'Wrong email or password.', extensions: { code: 'UNAUTHENTICATED' } }],
      });
    });

    it('applies the login limits to /auth/login too', async () => {
      const user = await newUser('hygienist');
      const from = newAddress();
      for (let i = 0; i < 5; i++)
        await post('login', { email: user.email, password: 'wrong-guess-1' }, { 'x-forwarded-for': from });
      const locked = await post('login', { email: user.email, password: TEST_PASSWORD }, { 'x-forwarded-for': from });
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await locked.json()).errors[0].extensions).toMatchObject({
        code: 'RATE_LIMITED',
        retryAfterSeconds: expect.any(Number),
      });
    });
  });

  describe('account management', () => {
    it('lists the clinic users to clinic admins only', async () => {
      const receptionist = await newUser('receptionist');
      const list = (await t.data(CLINIC_USERS, {}, { token: admin.token })).clinicUsers;
      expect(list).toEqual(
        expect.arrayContaining([
          {
            id: admin.userId,
            email: 'admin@norte.test',
            fullName: 'Ada Admin',
            role: 'admin',
            isProfessional: false,
            isActive: true,
          },
          expect.objectContaining({ id: receptionist.id, role: 'receptionist', isActive: true }),
        ]),
      );
      expect(codeOf(await t.gql(CLINIC_USERS, {}, { token: receptionist.token }))).toBe('FORBIDDEN');
    });

    it("changes a role and ends that user's sessions at once; never demotes the last admin", async () => {
      const user = await newUser('assistant');
      const UPDATE = `mutation($u: ID!, $r: String, $p: Boolean) { updateMembership(userId: $u, role: $r, isProfessional: $p) { id role isProfessional isActive } }`;
      expect(codeOf(await t.gql(UPDATE, { u: admin.userId, r: 'dentist' }, { token: user.token }))).toBe('FORBIDDEN');
      const updated = await t.data(UPDATE, { u: user.id, r: 'dentist', p: true }, { token: admin.token });
      expect(updated.updateMembership).toEqual({ id: user.id, role: 'dentist', isProfessional: true, isActive: true });
      expect(codeOf(await t.gql(ME, {}, { token: user.token }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await t.gql(UPDATE, { u: user.id, r: 'janitor' }, { token: admin.token }))).toBe('BAD_USER_INPUT');

      const lastAdmin = await t.gql(UPDATE, { u: admin.userId, r: 'dentist' }, { token: admin.token });
      expect(lastAdmin.errors?.[0]).toMatchObject({
        extensions: { code: 'CONFLICT' },
        message: expect.stringMatching(/last administrator/),
      });
      expect((await t.data(ME, {}, { token: admin.token })).me.role).toBe('admin');
      // With a second admin, the first may step down.
      const second = await newUser('admin');
      expect(codeOf(await t.gql(UPDATE, { u: admin.userId, p: true }, { token: admin.token }))).toBeUndefined();
      expect((await t.data(ME, {}, { token: admin.token })).me.role).toBe('admin');
      await t.data(UPDATE, { u: second.id, r: 'dentist' }, { token: admin.token });
    });

    it('deactivates a user: every token refused at once, no login, the last admin never', async () => {
      const user = await newUser('hygienist');
      const DEACTIVATE = `mutation($u: ID!) { deactivateUser(userId: $u) { id isActive } }`;
      expect(codeOf(await t.gql(DEACTIVATE, { u: user.id }, { token: user.token }))).toBe('FORBIDDEN');
      expect((await t.data(DEACTIVATE, { u: user.id }, { token: admin.token })).deactivateUser).toEqual({
        id: user.id,
        isActive: false,
      });
      expect(codeOf(await t.gql(ME, {}, { token: user.token }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await gqlFrom(newAddress(), LOGIN, { e: user.email, p: TEST_PASSWORD }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await t.gql(DEACTIVATE, { u: admin.userId }, { token: admin.token }))).toBe('CONFLICT');
      expect(
        codeOf(await t.gql(DEACTIVATE, { u: '00000000-0000-4000-8000-000000000000' }, { token: admin.token })),
      ).toBe('NOT_FOUND');
    });

    it('removes a membership and ends its sessions; never the last admin', async () => {
      const user = await newUser('receptionist');
      const REMOVE = `mutation($u: ID!) { removeMembership(userId: $u) }`;
      expect(codeOf(await t.gql(REMOVE, { u: admin.userId }, { token: user.token }))).toBe('FORBIDDEN');
      expect((await t.data(REMOVE, { u: user.id }, { token: admin.token })).removeMembership).toBe(true);
      expect(codeOf(await t.gql(ME, {}, { token: user.token }))).toBe('UNAUTHENTICATED');
      const list = (await t.data(CLINIC_USERS, {}, { token: admin.token })).clinicUsers as { id: string }[];
      expect(list.map((u) => u.id)).not.toContain(user.id);
      expect(codeOf(await t.gql(REMOVE, { u: admin.userId }, { token: admin.token }))).toBe('CONFLICT');
    });

    it('changes a password: the caller keeps this session, the others end, a wrong current one is refused', async () => {
      const user = await newUser('dentist');
      const other = (await t.data(LOGIN, { e: user.email, p: TEST_PASSWORD })).login.accessToken;
      const CHANGE = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`;
      expect(codeOf(await t.gql(CHANGE, { c: 'not-it-000', n: 'brand-new-2' }, { token: user.token }))).toBe(
        'BAD_USER_INPUT',
      );
      expect(codeOf(await t.gql(CHANGE, { c: TEST_PASSWORD, n: 'short' }, { token: user.token }))).toBe(
        'BAD_USER_INPUT',
      );
      expect((await t.data(CHANGE, { c: TEST_PASSWORD, n: 'brand-new-2' }, { token: user.token })).changePassword).toBe(
        true,
      );
      expect((await t.data(ME, {}, { token: user.token })).me.user.email).toBe(user.email);
      expect(codeOf(await t.gql(ME, {}, { token: other }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await gqlFrom(newAddress(), LOGIN, { e: user.email, p: TEST_PASSWORD }))).toBe('UNAUTHENTICATED');
      expect((await gqlFrom(newAddress(), LOGIN, { e: user.email, p: 'brand-new-2' })).data?.login.user.id).toBe(
        user.id,
      );
    });

    it('answers createUser for an e-mail of another clinic like for a new one, without touching that account', async () => {
      const sur = (
        await t.data(`mutation { createClinic(input: { name: "Clínica Sur" }) { id } }`, {}, { token: admin.token })
      ).createClinic.id;
      const otherAdmin = await t.userWithRole({ token: admin.token, clinicId: sur }, 'admin', sur);
      const outsider = await newUser('assistant');
      const input = (email: string) => ({
        email,
        password: 'their-guess-9',
        firstName: 'Ana',
        lastName: 'Nueva',
        role: 'dentist',
      });
      const fresh = await t.gql(CREATE_USER, { input: input('fresh.one@accounts.test') }, { token: otherAdmin.token });
      const existing = await t.gql(CREATE_USER, { input: input(outsider.email) }, { token: otherAdmin.token });
      expect(fresh.errors).toBeUndefined();
      expect(existing.errors).toBeUndefined();
      expect(Object.keys(existing.data!.createUser)).toEqual(Object.keys(fresh.data!.createUser));
      // The account keeps its own password; its owner now also sees Sur among their clinics.
      expect(codeOf(await gqlFrom(newAddress(), LOGIN, { e: outsider.email, p: 'their-guess-9' }))).toBe(
        'UNAUTHENTICATED',
      );
      const login = await gqlFrom(newAddress(), LOGIN, { e: outsider.email, p: TEST_PASSWORD });
      const me = await t.data(`{ me { clinics { id role } } }`, {}, { token: login.data!.login.accessToken });
      expect(me.me.clinics).toEqual(expect.arrayContaining([{ id: sur, role: 'dentist' }]));
    });
  });

  describe('password reset', () => {
    const REQUEST = `mutation($e: String!) { requestPasswordReset(email: $e) }`;
    const RESET = `mutation($t: String!, $n: String!) { resetPassword(token: $t, newPassword: $n) { accessToken refreshToken user { id email } } }`;
    const outbox = (address: string) =>
      t.platform.db
        .knex('notification_messages')
        .where({ to_address: address, template_key: 'password_reset' })
        .select('status', 'subject', 'body_text', 'patient_id');

    it('always answers true, e-mails a single-use link through the outbox, and never shows it to readers of the log', async () => {
      const user = await newUser('assistant');
      const old = (await t.data(LOGIN, { e: user.email, p: TEST_PASSWORD })).login.accessToken;
      // An admin (grants "*") listening to every event sees the message queued, never the event with the link.
      const listener = createClient({
        url: t.url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: { authorization: `Bearer ${admin.token}` },
      });
      const seen: string[] = [];
      const refused: unknown[] = [];
      const listening = listener.subscribe<{ events: { type: string } }>(
        { query: `subscription { events { type } }` },
        { next: (v) => seen.push(v.data!.events.type), error: () => undefined, complete: () => undefined },
      );
      await new Promise<void>((resolve) =>
        listener.subscribe(
          { query: `subscription { events(types: ["user.password_reset_requested"]) { type } }` },
          {
            next: (v) => (refused.push(v.errors), resolve()),
            error: (e) => (refused.push(e), resolve()),
            complete: () => resolve(),
          },
        ),
      );
      expect(JSON.stringify(refused)).toMatch(/not a catalogued event type/);
      expect((await t.data(REQUEST, { e: 'nobody.here@accounts.test' })).requestPasswordReset).toBe(true);
      expect((await t.data(REQUEST, { e: user.email.toUpperCase() })).requestPasswordReset).toBe(true);
      await t.eventsSettled();
      const [message, ...more] = await outbox(user.email);
      expect(more).toHaveLength(0);
      expect(message).toMatchObject({ status: 'queued', patient_id: null });
      const link = /https?:\/\/\S+\/reset-password\?token=([\w-]+)/.exec(message.body_text);
      expect(link).not.toBeNull();
      expect(await outbox('nobody.here@accounts.test')).toHaveLength(0);
      await eventually(() => Promise.resolve(seen.includes('notification.queued')));
      expect(seen).not.toContain('user.password_reset_requested');
      listening();
      await listener.dispose();

      // Readers of the notifications log see the message, never its link.
      const log = await t.data(
        `{ notificationMessages(pageSize: 100) { items { toAddress templateKey bodyText } } }`,
        {},
        { token: admin.token },
      );
      const listed = log.notificationMessages.items.find((m: { toAddress: string }) => m.toAddress === user.email);
      expect(listed.templateKey).toBe('password_reset');
      expect(listed.bodyText).not.toContain(link![1]);
      const reset = await t.data(RESET, { t: link![1], n: 'reset-pass-3' });
      expect(reset.resetPassword.user).toEqual({ id: user.id, email: user.email });
      expect((await t.data(ME, {}, { token: reset.resetPassword.accessToken })).me.user.email).toBe(user.email);
      expect(codeOf(await t.gql(ME, {}, { token: old }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await t.gql(RESET, { t: link![1], n: 'reset-pass-4' }))).toBe('BAD_USER_INPUT');
      expect((await gqlFrom(newAddress(), LOGIN, { e: user.email, p: 'reset-pass-3' })).data?.login.user.id).toBe(
        user.id,
      );
      expect(codeOf(await t.gql(RESET, { t: 'made-up-token', n: 'reset-pass-4' }))).toBe('BAD_USER_INPUT');
    });
  });
});
